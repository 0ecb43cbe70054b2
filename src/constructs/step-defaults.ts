import type { k8s } from 'cdk8s-plus-28';

/**
 * The security context every inline step gets unless it (or the Task's stepTemplate) sets its own.
 *
 * Why these values: they satisfy the Kubernetes "restricted" Pod Security Standard, and uid 65532 is the
 * conventional non-root user of distroless images (git-clone 0.8+ runs as 65532 too). A step that truly needs
 * root (e.g. a privileged buildah) must say so in its own `securityContext`.
 */
export const DEFAULT_STEP_SECURITY_CONTEXT: k8s.SecurityContext = {
  runAsNonRoot: true,
  runAsUser: 65532,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * The uid and fsGroup that non-root steps run with. Set the run's `podTemplate.securityContext.fsGroup` to this
 * so those steps can read mounted Secret files (kubelet adds group read to Secret files only under an fsGroup).
 */
export const DEFAULT_NON_ROOT_UID = 65532;
