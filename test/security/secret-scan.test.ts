/**
 * The secret scan: nothing under dist/ or catalog/ (the generated, committed output) may contain a
 * private key, a signing-key password or a registry credential. Extra directories can be added
 * with SIGNET_SECRET_SCAN_EXTRA_DIRS (path-delimiter separated).
 *
 * The scanner's own tests build their fake secrets at run time in a temporary directory, so this
 * repository never holds anything that looks like key material.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFindings, scanBuffer, scanPaths, scanText } from '../helpers/secret-scan.js';
import { tempDir } from '../helpers/temp-dir.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds armour lines at run time so no complete armour appears in this file. */
const armour = (label: string, body: string) =>
  ['-----BEGIN ', label, '-----\n', body, '\n-----END ', label, '-----\n'].join('');

function fakeKeys() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cosignEncrypted = armour(['ENCRYPTED', 'COSIGN', 'PRIVATE KEY'].join(' '), 'eyJrZGYiOnsibmFtZSI6InNjcnlwdCJ9fQ==');
  const sigstoreEncrypted = armour(['ENCRYPTED', 'SIGSTORE', 'PRIVATE KEY'].join(' '), 'eyJrZGYiOnsibmFtZSI6InNjcnlwdCJ9fQ==');
  return { pkcs8, cosignEncrypted, sigstoreEncrypted };
}

const secretYaml = (data: Record<string, string>, field = 'data') =>
  [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: signing-key',
    '  namespace: ci',
    'type: Opaque',
    `${field}:`,
    ...Object.entries(data).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    '',
  ].join('\n');

describe('secret scanner', () => {
  const keys = fakeKeys();
  const b64 = (text: string) => Buffer.from(text).toString('base64');

  it('finds PEM private keys of any label, with the line, and never prints the key', () => {
    const text = `# header\nkey: |\n${keys.pkcs8}\n${keys.cosignEncrypted}${keys.sigstoreEncrypted}`;
    const findings = scanText(text, 'x.txt');
    const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
    expect(findings.map((f) => [f.line, f.rule, f.what])).toEqual([
      [3, 'pem-private-key', "PEM block 'PRIVATE KEY'"],
      [lineOf('ENCRYPTED COSIGN'), 'pem-private-key', "PEM block 'ENCRYPTED COSIGN PRIVATE KEY'"],
      [lineOf('ENCRYPTED SIGSTORE'), 'pem-private-key', "PEM block 'ENCRYPTED SIGSTORE PRIVATE KEY'"],
    ]);
    const body = keys.pkcs8.split('\n')[1] ?? '';
    expect(formatFindings(findings)).not.toContain(body.slice(0, 12));
  });

  it('finds a base64-encoded PEM private key in Secret data and the signing entries', () => {
    const findings = scanText(
      secretYaml({ 'cosign.key': b64(keys.cosignEncrypted), 'cosign.password': b64('hunter2'), 'cosign.pub': b64('pub') }),
      'secret.yaml',
    );
    expect(findings.map((f) => `${f.line} ${f.rule}: ${f.what}`)).toEqual([
      "8 base64-pem-private-key: base64-encoded PEM block 'ENCRYPTED COSIGN PRIVATE KEY'",
      "8 secret-signing-entry: Secret 'ci/signing-key' data entry 'cosign.key' has a value",
      "8 pem-private-key: PEM block 'ENCRYPTED COSIGN PRIVATE KEY' in Secret 'ci/signing-key' data entry 'cosign.key'",
      "9 secret-signing-entry: Secret 'ci/signing-key' data entry 'cosign.password' has a value",
    ]);
    expect(formatFindings(findings)).not.toContain('hunter2');
    expect(formatFindings(findings)).not.toContain(b64('hunter2'));
  });

  it('finds stringData passwords but accepts empty entries and public keys', () => {
    expect(scanText(secretYaml({ 'cosign.password': 'p4ss' }, 'stringData'), 's.yaml').map((f) => f.rule)).toEqual([
      'secret-signing-entry',
    ]);
    expect(scanText(secretYaml({ 'cosign.key': '', 'cosign.pub': b64('-----BEGIN PUBLIC KEY-----') }), 's.yaml')).toEqual([]);
  });

  it('finds docker config auth inside a dockerconfigjson Secret and in plain JSON', () => {
    const config = JSON.stringify({ auths: { 'registry.example.com': { auth: b64('robot:s3cr3t') } } });
    const inSecret = scanText(secretYaml({ '.dockerconfigjson': b64(config) }), 'pull.yaml');
    expect(inSecret.map((f) => f.what)).toEqual([
      `docker config "auth" value in Secret 'ci/signing-key' data entry '.dockerconfigjson'`,
    ]);
    const plain = scanText(config, 'config.json');
    expect(plain.map((f) => f.rule)).toEqual(['docker-config-auth']);
    expect(formatFindings([...inSecret, ...plain])).not.toContain('s3cr3t');
    expect(scanText('{"auths":{"r":{}}, "auth": ""}', 'empty.json')).toEqual([]);
  });

  it('finds literal password env values but not Secret or param references', () => {
    const steps = [
      'env:',
      '  - name: COSIGN_PASSWORD',
      '    value: swordfish',
      '  - name: REGISTRY_TOKEN',
      '    value: $(params.token)',
      '  - name: OTHER_PASSWORD',
      '    valueFrom: { secretKeyRef: { name: k, key: cosign.password } }',
      '',
    ].join('\n');
    const findings = scanText(steps, 'task.yaml');
    expect(findings.map((f) => `${f.line} ${f.rule}`)).toEqual(['2 cleartext-password-env']);
    expect(formatFindings(findings)).not.toContain('swordfish');
  });

  it('finds obvious tokens', () => {
    const ghp = ['ghp', '_', 'A1b2'.repeat(9)].join('');
    const aws = ['AKIA', 'ABCDEFGHIJKLMNOP'].join('');
    const findings = scanText(`a: ${ghp}\nb: ${aws}\n`, 'tokens.txt');
    expect(findings.map((f) => `${f.line} ${f.what}`)).toEqual(['1 GitHub token', '2 AWS access key id']);
    expect(formatFindings(findings)).not.toContain(ghp);
  });

  it('looks inside gzip layers and binary files', () => {
    expect(scanBuffer(gzipSync(Buffer.from(`etc/key.pem\0\0${keys.pkcs8}`)), 'blob').map((f) => f.file)).toEqual([
      'blob (gunzipped)',
    ]);
    expect(scanBuffer(Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(keys.pkcs8)]), 'bin').map((f) => f.rule)).toEqual([
      'pem-private-key',
    ]);
  });

  it('reports a gzip payload it cannot unpack instead of skipping it', () => {
    const truncated = gzipSync(Buffer.from(keys.pkcs8)).subarray(0, 20);
    expect(scanBuffer(truncated, 'layer')).toEqual([
      { file: 'layer', line: 0, rule: 'unscanned', what: 'gzip payload could not be unpacked (corrupt or over the size limit)' },
    ]);
  });

  it('does not flag the safe outputs signet emits', () => {
    const safe = [
      'apiVersion: bitnami.com/v1alpha1',
      'kind: SealedSecret',
      'spec:',
      '  encryptedData:',
      `    cosign.key: ${Buffer.alloc(600, 7).toString('base64')}`,
      '---',
      'kind: Secret',
      'metadata: { name: pub }',
      'stringData:',
      '  cosign.pub: "-----BEGIN PUBLIC KEY-----"',
      '',
    ].join('\n');
    expect(scanText(safe, 'ok.yaml')).toEqual([]);
  });

  describe('scanPaths', () => {
    const dir = tempDir('signet-secret-scan-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('walks directories in sorted order, skips node_modules, and reports relative paths', () => {
      mkdirSync(join(dir, 'dist', 'manifests'), { recursive: true });
      mkdirSync(join(dir, 'dist', 'node_modules'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'manifests', 'b.k8s.yaml'), secretYaml({ 'cosign.password': b64('x') }));
      writeFileSync(join(dir, 'dist', 'manifests', 'a.k8s.yaml'), 'kind: ConfigMap\n');
      writeFileSync(join(dir, 'dist', 'node_modules', 'k.pem'), keys.pkcs8);
      const result = scanPaths([join(dir, 'dist'), join(dir, 'missing')], dir);
      expect(result.files).toEqual([join('dist', 'manifests', 'a.k8s.yaml'), join('dist', 'manifests', 'b.k8s.yaml')]);
      expect(formatFindings(result.findings)).toBe(
        `${join('dist', 'manifests', 'b.k8s.yaml')}:8 secret-signing-entry: Secret 'ci/signing-key' data entry 'cosign.password' has a value`,
      );
    });
  });
});

describe('generated output holds no secrets', () => {
  const extra = (process.env.SIGNET_SECRET_SCAN_EXTRA_DIRS ?? '').split(delimiter).filter((p) => p.length > 0);
  const targets = [join(REPO_ROOT, 'dist'), join(REPO_ROOT, 'catalog'), ...extra.map((p) => resolve(REPO_ROOT, p))];

  it(`dist/, catalog/${extra.length > 0 ? ` and ${extra.join(', ')}` : ''} contain no private keys, passwords or tokens`, () => {
    const { findings } = scanPaths(targets, REPO_ROOT);
    expect(findings, `secrets found (rotate anything real):\n${formatFindings(findings)}`).toEqual([]);
  });
});
