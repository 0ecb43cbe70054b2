/** Image references live in the shared OCI foundation; the registry client re-exports them for its callers. */
export {
  DOCKER_HUB_REGISTRY,
  formatReference,
  type ImageReference,
  InvalidReferenceError,
  isDigest,
  isTag,
  parseReference,
  type ReferenceErrorCode,
  type RepositoryRef,
  repositoryName,
} from '../../shared/oci/index.js';
