import { SignetError } from '../../shared/errors.js';

/**
 * Codes of {@link SigningError}.
 *
 * - `SIGN_IMAGE_NOT_FOUND`: the image to sign (tag or digest) does not exist.
 * - `SIGN_CONFLICT`: concurrent writers kept replacing the `.sig` manifest; our signature could not be kept.
 * - `SIGN_IDENTITY`: the requested identity cannot be built (e.g. identity with tag for a digest-only reference).
 * - `VERIFY_NO_SIGNATURES`: the image has no `.sig` manifest (or it has no simple-signing layers).
 * - `VERIFY_FAILED`: signatures exist, but none verifies with the key for this image.
 * - `VERIFY_IMAGE_NOT_FOUND`: the image to verify (tag, or digest without signatures) does not exist.
 */
export type SigningErrorCode = 'SIGN_IMAGE_NOT_FOUND' | 'SIGN_CONFLICT' | 'SIGN_IDENTITY' | 'VERIFY_NO_SIGNATURES' | 'VERIFY_FAILED' | 'VERIFY_IMAGE_NOT_FOUND';

/** A sign or verify use case that could not reach its goal (as opposed to a transport or key failure). */
export class SigningError extends SignetError<SigningErrorCode> {
  public constructor(code: SigningErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
