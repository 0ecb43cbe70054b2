import { isDnsLabel, isDnsSubdomain } from '../shared/kubernetes-names.js';
import { PolicyError, type PolicyErrorCode } from './errors.js';

/**
 * Kubernetes name rules shared by the policy constructs (internal; not re-exported).
 */


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
