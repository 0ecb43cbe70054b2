/**
 * Name formats (Kubernetes and Tekton) and the metadata rules (META-*).
 */
import { isDnsLabel, isQualifiedName } from '../../shared/kubernetes-names.js';
import { isObjectName as isTektonObjectName, MAX_NAME_LENGTH } from '../names.js';
import { asObj, field, str, type Issues, type Obj } from './_model.js';

export { isDnsLabel, isQualifiedName, MAX_NAME_LENGTH };

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
