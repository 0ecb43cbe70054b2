/**
 * Name formats (Kubernetes and Tekton) and the metadata rules (META-*).
 */
import { asObj, field, str, type Issues, type Obj } from './_model.js';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** Kubernetes' label length limit, which Tekton also applies to object names. */
export const MAX_NAME_LENGTH = 63;

/** A DNS-1123 label: lower-case alphanumerics and `-`, at most 63 characters. */
export const isDnsLabel = (s: string): boolean => s.length <= MAX_NAME_LENGTH && LABEL.test(s);
/** A DNS-1123 subdomain capped at 63 characters, as Tekton requires for object names. */
const isTektonObjectName = (s: string): boolean => s.length <= MAX_NAME_LENGTH && SUBDOMAIN.test(s);

/** A Kubernetes qualified name: optional `prefix/` (a DNS subdomain) and a name of at most 63 characters. */
export function isQualifiedName(s: string): boolean {
  const slash = s.lastIndexOf('/');
  const prefix = slash >= 0 ? s.slice(0, slash) : undefined;
  const name = slash >= 0 ? s.slice(slash + 1) : s;
  if (prefix !== undefined && (prefix.length > 253 || !SUBDOMAIN.test(prefix))) return false;
  return name.length > 0 && name.length <= MAX_NAME_LENGTH && QUALIFIED.test(name);
}

/** Turns any text into a DNS-1123 label suggestion for fix messages. */
export function suggestLabel(s: string): string {
  const label = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME_LENGTH)
    .replace(/-+$/, '');
  return label === '' ? 'my-name' : label;
}

/** META-1 and META-2: the object's own name. */
export function validateMetadata(manifest: Obj, issues: Issues): void {
  const metadata = asObj(manifest.metadata);
  const name = str(metadata.name);
  const path = field('metadata', 'name');
  if (name === undefined || name === '') {
    if (str(metadata.generateName)) return;
    issues.error('META-1', path, 'metadata.name is missing', 'set metadata.name to a DNS-1123 name such as "build-and-sign"');
    return;
  }
  if (!isTektonObjectName(name)) {
    issues.error(
      'META-1',
      path,
      `name must be a DNS-1123 subdomain of at most ${MAX_NAME_LENGTH} characters`,
      `use lower-case letters, digits, '-' and '.', e.g. "${suggestLabel(name)}"`,
      name,
    );
  } else if (name.includes('.')) {
    issues.warn(
      'META-2',
      path,
      'name contains dots; it is copied into pod names and labels, where a DNS-1123 label reads better',
      `use a name without dots, e.g. "${suggestLabel(name)}"`,
      name,
    );
  }
}
