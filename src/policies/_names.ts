import { PolicyError, type PolicyErrorCode } from './errors.js';

/**
 * Kubernetes name rules shared by the policy constructs (internal; not re-exported).
 */

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** True when `value` is a valid DNS-1123 subdomain (object names such as Secrets, policies). */
export function isDnsSubdomain(value: string): boolean {
  return value.length > 0 && value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/** True when `value` is a valid DNS-1123 label (namespace names). */
export function isDnsLabel(value: string): boolean {
  return value.length > 0 && value.length <= 63 && DNS_LABEL.test(value);
}

/** Throws `POLICY_INVALID_OPTION` when an explicit object name is given and is not a DNS-1123 subdomain. */
export function assertObjectName(name: string | undefined, where: string, prop = 'name'): void {
  if (name !== undefined && !isDnsSubdomain(name)) {
    throw new PolicyError(
      'POLICY_INVALID_OPTION',
      `${where}: ${prop} '${name}' is not a valid Kubernetes object name: use a lower-case DNS-1123 subdomain`,
    );
  }
}

/** Throws `code` when an explicit namespace is given and is not a DNS-1123 label. */
export function assertNamespace(namespace: string | undefined, where: string, code: PolicyErrorCode, prop = 'namespace'): void {
  if (namespace !== undefined && !isDnsLabel(namespace)) {
    throw new PolicyError(code, `${where}: ${prop} '${namespace}' is not a valid namespace name: use a lower-case DNS-1123 label`);
  }
}
