/**
 * Shared inputs for the policy tests. Private keys are generated at test time and never written to
 * disk, so nothing in test/ looks like key material to the secret scan.
 */
import { constants, createCipheriv, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Testing, Yaml, type Chart } from 'cdk8s';

/** A committed P-256 public key (public keys are not secrets). */
export const PUBLIC_KEY_PEM = readFileSync(new URL('./fixtures/cosign.pub', import.meta.url), 'utf8');
/** A committed P-384 public key, for the hash-algorithm default. */
export const P384_PUBLIC_KEY_PEM = readFileSync(new URL('./fixtures/cosign-p384.pub', import.meta.url), 'utf8');

/** A fresh PKCS#8 PEM private key (P-256), generated in memory. */
export function freshPrivateKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** The body lines of a PEM block (what must never show up in an error message). */
export function pemBodyLines(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));
}

/**
 * A deterministic value with kubeseal's layout (uint16 RSA length 512, 512 bytes, GCM output),
 * for snapshots. It decrypts to nothing; the controller would reject it, the schema does not care.
 */
export function fakeSealedValue(seed: number): string {
  const body = Buffer.alloc(2 + 512 + 48);
  body.writeUInt16BE(512, 0);
  for (let i = 2; i < body.length; i++) body[i] = (i * 31 + seed * 17) & 0xff;
  return body.toString('base64');
}

/** Encrypts `plaintext` the way `kubeseal --raw` does (RSA-OAEP session key + AES-256-GCM, zero nonce). */
export function kubesealEncrypt(plaintext: string, label: string): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sessionKey = randomBytes(32);
  const rsa = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from(label) },
    sessionKey,
  );
  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsa.length, 0);
  return Buffer.concat([length, rsa, sealed]).toString('base64');
}

/** Synthesizes a chart to plain objects and to the YAML a GitOps tool would apply. */
export function synth(chart: Chart): { objects: any[]; yaml: string } {
  const objects = Testing.synth(chart);
  return { objects, yaml: Yaml.stringify(...objects) };
}
