import { isDigest } from '../../shared/oci/index.js';
import { quote } from './digest.js';
import { FormatError } from './errors.js';

/** Tag grammar of the distribution spec. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * The `docker-reference` to sign for containers/image's default `matchRepoDigestOrExact` policy:
 * `repository:tag` (or `repository@digest`), where `repository` is already normalised by the
 * caller's reference parser (`index.docker.io/library/busybox`). cosign itself signs the bare
 * repository, which that policy never matches.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_PAYLOAD` for a bad tag, `FORMAT_INVALID_DIGEST` for a bad digest
 */
export function dockerReferenceIdentity(repository: string, pin: { readonly tag: string } | { readonly digest: string }): string {
  if ('tag' in pin) {
    if (!TAG.test(pin.tag)) throw new FormatError('FORMAT_INVALID_PAYLOAD', `the tag ${quote(pin.tag)} is not a valid image tag`);
    return `${repository}:${pin.tag}`;
  }
  if (!isDigest(pin.digest)) throw new FormatError('FORMAT_INVALID_DIGEST', `the digest ${quote(pin.digest)} is not a valid image digest`);
  return `${repository}@${pin.digest}`;
}
