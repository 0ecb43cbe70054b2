import { SIGNATURE_ANNOTATION } from './constants.js';
import { type Descriptor } from './descriptor.js';

/**
 * Adds a signature layer to the layers of an existing `.sig` manifest, unless an equivalent one is
 * already there (cosign's duplicate rule, `pkg/cosign/remote` `findDuplicate`): an existing layer
 * is equivalent when it has the same media type and digest (so the same payload), a non-empty
 * signature, every annotation of `added` other than the signature with the same value, and
 * `isSameSignature(old)` is true. ECDSA signatures are randomised, so comparing signature strings
 * is not enough: the caller checks that the old signature verifies over the payload with its key.
 *
 * Existing layers are kept in order with their annotations.
 *
 * @param isSameSignature called only for candidate layers; typically "old signature verifies with my key"
 * @returns a new array; `existing` itself when nothing was added
 */
export function appendSignature(existing: readonly Descriptor[], added: Descriptor, isSameSignature: (old: Descriptor) => boolean): Descriptor[] {
  const copy = [...existing];
  const duplicate = existing.some((old) => isCandidate(old, added) && isSameSignature(old));
  if (!duplicate) copy.push(added);
  return copy;
}

function isCandidate(old: Descriptor, added: Descriptor): boolean {
  if (old.mediaType !== added.mediaType || old.digest !== added.digest) return false;
  if (!old.annotations?.[SIGNATURE_ANNOTATION]) return false;
  return Object.entries(added.annotations ?? {}).every(
    ([key, value]) => key === SIGNATURE_ANNOTATION || (Object.hasOwn(old.annotations!, key) && old.annotations![key] === value),
  );
}
