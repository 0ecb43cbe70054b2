import { SignetError } from '../shared/errors.js';

/** What went wrong while building, reading or locking the signer image. */
export type ImageErrorCode =
  | 'TAR_PATH_INVALID'
  | 'TAR_DUPLICATE_PATH'
  | 'BASE_NOT_PINNED'
  | 'BASE_UNSUPPORTED'
  | 'BASE_INVALID'
  | 'RUNTIME_LIBRARY_MISSING'
  | 'LAYOUT_INVALID'
  | 'LOCK_INVALID';

/** Raised by `src/image/`; messages are one line and say what to do. */
export class ImageError extends SignetError<ImageErrorCode> {
  public constructor(code: ImageErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
