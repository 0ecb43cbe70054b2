/**
 * `signet lint` through the CLI: the repository's catalog and manifests are clean, exit codes (0 clean,
 * 1 findings, 2 usage or unreadable input, one line), stdin, the feature-flag options, and the JSON and
 * SARIF outputs (SARIF validated against the SARIF 2.1.0 JSON schema).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';

import { type CliIo, runCli } from '../../../src/signer/cli/index.js';
import { type CliRun, runSignet } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/temp-dir.js';

const ROOT = resolve(__dirname, '../../..');
const SARIF_SCHEMA = resolve(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const dir = tempDir('signet-lint-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BROKEN = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: broken
spec:
  steps:
    - name: a
      image: docker.io/library/alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000
      scriptt: echo hi
`;
const WARNS = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: warns
spec:
  steps:
    - name: a
      image: alpine
`;
const SUPPRESSED = BROKEN.replace('  name: broken\n', '  name: suppressed\n  annotations:\n    signet.dev/ignore: "CAT-4: internal mirror, pinned by policy"\n').replace('      scriptt: echo hi\n', '').replace(/image: .*/, 'image: alpine');

writeFileSync(join(dir, 'broken.yaml'), BROKEN);
writeFileSync(join(dir, 'warns.yaml'), WARNS);
writeFileSync(join(dir, 'suppressed.yaml'), SUPPRESSED);
writeFileSync(join(dir, 'not-yaml.yaml'), 'a: [1, 2\n');

const lint = (args: string[], cwd = dir): Promise<CliRun> => runSignet(cwd, ['lint', ...args]);

function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/^signet: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
}

describe('signet lint', () => {
  it('finds no errors in the catalog and the synthesized manifests', async () => {
    const run = await lint(['catalog', 'dist/manifests'], ROOT);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\d+ Tekton objects validated, \d+ other documents skipped: 0 errors, \d+ warnings?, 0 suppressed\n$/);
  });

  it('exits 1 on errors, with file:line:column, and 0 on warnings unless --strict', async () => {
    const broken = await lint(['broken.yaml']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('broken.yaml:9:7: error Task/broken [SCH-3] spec.steps[0].scriptt: unknown field "scriptt"');
    expect((await lint(['warns.yaml'])).code).toBe(0);
    expect((await lint(['--strict', 'warns.yaml'])).code).toBe(1);
  });

  it('reports suppressed findings as suppressed; they fail neither mode', async () => {
    const run = await lint(['--strict', 'suppressed.yaml']);
    expect(run.stdout).toContain('suppressed.yaml:10:7: suppressed Task/suppressed [CAT-4] spec.steps[0].image');
    expect(run.stdout).toContain('(suppressed: internal mirror, pinned by policy)');
    expect(run.code).toBe(0);
  });

  it('walks folders and reads standard input (-)', async () => {
    const folder = await lint(['.', '--format', 'json']);
    expect(folder.code).toBe(2); // not-yaml.yaml is in the folder
    const stdout: string[] = [];
    const io: CliIo = {
      stdout: (t) => void stdout.push(t),
      stderr: () => undefined,
      env: {},
      cwd: dir,
      homeDir: dir,
      stdinIsTty: false,
      promptHidden: () => Promise.reject(new Error('no tty')),
      readStdin: () => Promise.resolve(BROKEN),
    };
    expect(await runCli(['lint', '-'], io)).toBe(1);
    expect(stdout.join('')).toContain('<stdin>:9:7: error Task/broken [SCH-3]');
  });

  it('reads standard input in a real process (bin/signet.mjs lint -)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/signet.mjs'), 'lint', '--format', 'json', '-'], { cwd: dir, input: BROKEN, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ files: 1, errors: 1, findings: [{ file: '<stdin>', line: 9, column: 7, ruleId: 'SCH-3' }] });
  });

  it('gives usage and unreadable input exit 2 with one line', async () => {
    expectOneLineError(await lint([]), /lint needs files or folders/);
    expectOneLineError(await lint(['--format', 'xml', 'broken.yaml']), /unknown --format "xml"/);
    expectOneLineError(await lint(['missing.yaml']), /no such file or folder \(missing\.yaml\)/);
    expectOneLineError(await lint(['not-yaml.yaml']), /^signet: not-yaml\.yaml:2:1: not valid YAML or JSON/);
    expectOneLineError(await lint(['--enable-api-fields', 'gamma', 'broken.yaml']), /unknown enable-api-fields level "gamma"/);
    expectOneLineError(await lint(['--feature-flags', 'broken.yaml', 'broken.yaml']), /feature-flags file holds something other than a ConfigMap/);
    expectOneLineError(await lint(['-']), /standard input is not available/);
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expectOneLineError(await lint(['empty']), /no \*\.yaml, \*\.yml or \*\.json files in empty/);
  });

  it('judges under --feature-flags FILE and --enable-api-fields', async () => {
    const pipeline = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata: { name: p }
spec:
  tasks:
    - name: t
      taskSpec:
        steps: [{ name: s, image: docker.io/library/alpine:3.20@sha256:0000000000000000000000000000000000000000000000000000000000000000 }]
      when:
        - cel: "'a' == 'a'"
`;
    writeFileSync(join(dir, 'cel.yaml'), pipeline);
    writeFileSync(join(dir, 'flags.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: feature-flags, namespace: tekton-pipelines }\ndata:\n  enable-cel-in-whenexpression: "true"\n');
    expect((await lint(['cel.yaml'])).code).toBe(1);
    expect((await lint(['--feature-flags', 'flags.yaml', 'cel.yaml'])).code).toBe(0);
    expect((await lint(['--feature-flags', 'flags.yaml', '--enable-api-fields', 'stable', 'cel.yaml'])).code).toBe(0);
  });

  it('prints JSON with positions and counts', async () => {
    const run = await lint(['--format', 'json', 'broken.yaml', 'suppressed.yaml']);
    const out = JSON.parse(run.stdout) as { errors: number; suppressed: number; findings: Array<Record<string, unknown>> };
    expect(out.errors).toBe(1);
    expect(out.suppressed).toBeGreaterThan(0);
    expect(out.findings[0]).toMatchObject({ file: 'broken.yaml', line: 9, column: 7, object: 'Task/broken', ruleId: 'SCH-3', severity: 'error', path: 'spec.steps[0].scriptt' });
    expect(out.findings.find((f) => f.suppressed !== undefined)).toMatchObject({ severity: 'warning', suppressed: { reason: 'internal mirror, pinned by policy', severity: 'warning' } });
  });

  it('prints SARIF 2.1.0 that validates against the schema, suppressions included', async () => {
    const run = await lint(['--format', 'sarif', 'broken.yaml', 'warns.yaml', 'suppressed.yaml']);
    const log = JSON.parse(run.stdout) as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    // The schema shipped by @microsoft/jest-sarif is draft-04: its root `id` is draft-07's `$id`.
    const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (s: string) => URL.canParse(s));
    ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///'));
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    const validate = ajv.compile({ ...schema, $id: String(id) });
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    // the schema does judge: a wrong level or a missing message is refused
    const first = log.runs[0]?.results[0] ?? {};
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...first, level: 'fatal' }] }] })).toBe(false);
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...first, message: undefined }] }] })).toBe(false);
    const results = log.runs[0]?.results ?? [];
    expect(results[0]).toMatchObject({
      ruleId: 'SCH-3',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'broken.yaml' }, region: { startLine: 9, startColumn: 7 } } }],
    });
    expect(results.filter((r) => r.suppressions !== undefined)[0]).toMatchObject({ suppressions: [{ kind: 'inSource', justification: 'internal mirror, pinned by policy' }] });
  });
});
