import { SignetError } from '../../shared/errors.js';

/**
 * Why cosign-format bytes could not be built or parsed.
 *
 * - `FORMAT_INVALID_PAYLOAD`: a simple-signing payload that containers/image would reject.
 * - `FORMAT_INVALID_MANIFEST`: a `.sig` manifest (or its descriptors) that is not a valid image manifest.
 * - `FORMAT_INVALID_DIGEST`: a string that is not a digest of the expected form.
 * - `FORMAT_INVALID_SIGNATURE`: a signature annotation that is not standard base64.
 * - `FORMAT_TOO_MANY_LAYERS`: a `.sig` manifest with more layers than cosign reads (1000).
 * - `FORMAT_PAYLOADS_TOO_LARGE`: `.sig` layers declaring more payload bytes in total than verify reads.
 * - `FORMAT_INVALID_BUNDLE`: a Sigstore bundle that is not a v0.3+ bundle with a DSSE envelope.
 * - `FORMAT_TOO_MANY_MANIFESTS`: an index (with its nested indexes) listing more manifests, or nesting deeper, than `--recursive` follows.
 */
export type FormatErrorCode =
  | 'FORMAT_INVALID_PAYLOAD'
  | 'FORMAT_INVALID_MANIFEST'
  | 'FORMAT_INVALID_DIGEST'
  | 'FORMAT_INVALID_SIGNATURE'
  | 'FORMAT_TOO_MANY_LAYERS'
  | 'FORMAT_PAYLOADS_TOO_LARGE'
  | 'FORMAT_INVALID_BUNDLE'
  | 'FORMAT_TOO_MANY_MANIFESTS';

/** A malformed cosign artifact or argument. Messages quote at most a short prefix of untrusted input. */
export class FormatError extends SignetError<FormatErrorCode> {
  public constructor(code: FormatErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
