/**
 * A small, pure scanner for private keys, passwords and tokens in generated output.
 *
 * It reports where and what kind of secret it found, never the secret itself, so its output is
 * safe to print in CI logs. The rules are written so that this file does not match them.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';

/** The kinds of secret the scanner recognises. */
export type SecretRule =
  | 'pem-private-key'
  | 'base64-pem-private-key'
  | 'secret-signing-entry'
  | 'docker-config-auth'
  | 'cleartext-password-env'
  | 'token'
  | 'unscanned';

/** One finding: a location and a description that never contains the secret. */
export interface SecretFinding {
  readonly file: string;
  /** 1-based line, or 0 when the location is inside a decoded (gzip/base64) payload. */
  readonly line: number;
  readonly rule: SecretRule;
  readonly what: string;
}

/** Result of scanning files and directories. */
export interface SecretScanResult {
  /** Files read, relative to the scan root. */
  readonly files: readonly string[];
  readonly findings: readonly SecretFinding[];
}

const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/g;
/** Base64 of `-----BEGIN` starts with these characters whatever follows. */
const BASE64_PEM = /LS0tLS1CRUdJT[A-Za-z0-9+/]*={0,2}/g;
const DOCKER_AUTH = /"(auth|identitytoken|registrytoken)"\s*:\s*"([^"]+)"/gi;
const TOKENS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, 'GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{60,}\b/g, 'GitHub fine-grained token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}\b/g, 'GitLab token'],
  [/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, 'AWS access key id'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g, 'Slack token'],
  [/\bnpm_[A-Za-z0-9]{36}\b/g, 'npm token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, 'Google API key'],
  [/\bsk-[A-Za-z0-9]{32,}\b/g, 'API secret key'],
];
/** Secret data keys that must never carry a value in Git (private key and its password). */
const SIGNING_ENTRIES = new Set(['cosign.key', 'cosign.password']);
/** Environment variable names whose literal values are credentials. */
const SECRET_ENV_NAME = /(PASSWORD|PASSPHRASE|TOKEN|API_KEY)$/i;
/** Files and unpacked gzip payloads above this size are reported as unscanned rather than skipped silently. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const STRUCTURED = /\.(ya?ml|json)$/i;

/**
 * Scans text for secrets. Structured rules (Secrets, env vars) apply when `file` ends in
 * `.yaml`, `.yml` or `.json` and the text parses.
 */
export function scanText(text: string, file: string): SecretFinding[] {
  const findings = scanUnstructured(text, file, (index) => lineAt(text, index));
  if (STRUCTURED.test(file)) findings.push(...scanStructured(text, file));
  return dedupe(findings);
}

/** Scans raw bytes: gzip is unpacked first (image layers), everything else is read as text. */
export function scanBuffer(bytes: Buffer, file: string): SecretFinding[] {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    let unpacked: Buffer;
    try {
      unpacked = gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
    } catch {
      // fail closed: a layer that cannot be unpacked cannot be shown to be clean.
      return [{ file, line: 0, rule: 'unscanned', what: 'gzip payload could not be unpacked (corrupt or over the size limit)' }];
    }
    return scanUnstructured(unpacked.toString('latin1'), `${file} (gunzipped)`, () => 0);
  }
  return scanText(bytes.toString(looksBinary(bytes) ? 'latin1' : 'utf8'), file);
}

/**
 * Scans every regular file under each path (files or directories; missing paths are skipped).
 * Paths in the result are relative to `root`.
 */
export function scanPaths(paths: readonly string[], root: string): SecretScanResult {
  const files: string[] = [];
  const findings: SecretFinding[] = [];
  for (const path of paths) {
    for (const file of listFiles(path)) {
      const name = relative(root, file);
      files.push(name);
      if (lstatSync(file).size > MAX_FILE_BYTES) {
        findings.push({ file: name, line: 0, rule: 'unscanned', what: 'file is over the size limit' });
        continue;
      }
      findings.push(...scanBuffer(readFileSync(file), name));
    }
  }
  return { files, findings };
}

/** One line per finding, `file:line rule: what`, for assertion messages. */
export function formatFindings(findings: readonly SecretFinding[]): string {
  return findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.what}`).join('\n');
}

/** Regular files under `path`, sorted, skipping `.git`, `node_modules` and symbolic links. */
export function listFiles(path: string): string[] {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  return readdirSync(path)
    .sort()
    .filter((name) => !SKIPPED_DIRS.has(name))
    .flatMap((name) => listFiles(join(path, name)));
}

function scanUnstructured(text: string, file: string, line: (index: number) => number): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const match of text.matchAll(PEM_PRIVATE_KEY)) {
    findings.push({ file, line: line(match.index), rule: 'pem-private-key', what: `PEM block '${match[1]}PRIVATE KEY'` });
  }
  for (const match of text.matchAll(BASE64_PEM)) {
    const decoded = Buffer.from(match[0], 'base64').toString('latin1');
    const label = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----/.exec(decoded);
    if (label) {
      findings.push({
        file,
        line: line(match.index),
        rule: 'base64-pem-private-key',
        what: `base64-encoded PEM block '${label[1]}PRIVATE KEY'`,
      });
    }
  }
  for (const match of text.matchAll(DOCKER_AUTH)) {
    findings.push({ file, line: line(match.index), rule: 'docker-config-auth', what: `docker config "${match[1]}" value` });
  }
  for (const [pattern, what] of TOKENS) {
    for (const match of text.matchAll(pattern)) findings.push({ file, line: line(match.index), rule: 'token', what });
  }
  return findings;
}

function scanStructured(text: string, file: string): SecretFinding[] {
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch {
    return [];
  }
  if (!Array.isArray(documents)) return [];
  const findings: SecretFinding[] = [];
  for (const document of documents) {
    if (document.errors.length > 0) continue;
    const start = document.range[0];
    const at = (needle: string) => lineAt(text, Math.max(start, text.indexOf(needle, start)));
    walk(document.toJS(), (node) => {
      if (node.kind === 'Secret') findings.push(...scanSecret(node, file, at));
      if (typeof node.name === 'string' && SECRET_ENV_NAME.test(node.name) && isLiteralValue(node.value)) {
        findings.push({
          file,
          line: at(node.name),
          rule: 'cleartext-password-env',
          what: `environment variable '${node.name}' has a literal value (use valueFrom.secretKeyRef)`,
        });
      }
    });
  }
  return findings;
}

function scanSecret(secret: Record<string, unknown>, file: string, at: (needle: string) => number): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const name = describeObject(secret);
  for (const field of ['data', 'stringData'] as const) {
    const entries = secret[field];
    if (!isRecord(entries)) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (typeof value !== 'string' || value.length === 0) continue;
      if (SIGNING_ENTRIES.has(key)) {
        findings.push({
          file,
          line: at(key),
          rule: 'secret-signing-entry',
          what: `Secret ${name} ${field} entry '${key}' has a value`,
        });
      }
      // look inside base64 data (docker config JSON, PEM files) with the text rules.
      const decoded = field === 'data' ? Buffer.from(value, 'base64').toString('latin1') : value;
      for (const inner of scanUnstructured(decoded, file, () => at(key))) {
        findings.push({ ...inner, what: `${inner.what} in Secret ${name} ${field} entry '${key}'` });
      }
    }
  }
  return findings;
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, visit);
  } else if (isRecord(value)) {
    visit(value);
    for (const child of Object.values(value)) walk(child, visit);
  }
}

/** A literal, non-empty value; Tekton `$(params.x)` and shell `${VAR}` references are not secrets. */
function isLiteralValue(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0 && !/^\$[({]/.test(value.trim());
}

function describeObject(object: Record<string, unknown>): string {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const namespace = typeof metadata.namespace === 'string' ? `${metadata.namespace}/` : '';
  return `'${namespace}${typeof metadata.name === 'string' ? metadata.name : '?'}'`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

function dedupe(findings: SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}:${f.line}:${f.rule}:${f.what}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
