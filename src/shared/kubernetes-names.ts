/**
 * Kubernetes name formats, once for the Tekton model, its validator and the policy constructs.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

/** The longest DNS-1123 label (RFC 1123), also Kubernetes' label-value limit. */
export const DNS_LABEL_MAX_LENGTH = 63;
/** The longest DNS-1123 subdomain, Kubernetes' limit for most object names. */
export const DNS_SUBDOMAIN_MAX_LENGTH = 253;

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** True when `value` is a DNS-1123 label: lower-case letters, digits and `-`, at most 63 characters (namespaces, most Tekton names). */
export function isDnsLabel(value: string): boolean {
  return value.length <= DNS_LABEL_MAX_LENGTH && LABEL.test(value);
}

/**
 * True when `value` is a DNS-1123 subdomain: dot-separated labels of at most `maxLength` characters (Secrets,
 * policies; Tekton caps its object names at 63).
 */
export function isDnsSubdomain(value: string, maxLength: number = DNS_SUBDOMAIN_MAX_LENGTH): boolean {
  return value.length <= maxLength && SUBDOMAIN.test(value);
}

/** True when `value` is a qualified name (label and annotation keys): an optional DNS subdomain `prefix/` and a name of at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  const slash = value.lastIndexOf('/');
  const prefix = slash >= 0 ? value.slice(0, slash) : undefined;
  const name = slash >= 0 ? value.slice(slash + 1) : value;
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return false;
  return name.length > 0 && name.length <= DNS_LABEL_MAX_LENGTH && QUALIFIED.test(name);
}
