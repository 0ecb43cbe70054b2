/**
 * The in-toto v1 Statement that cosign v3 signs for an image (`cosign sign` with the bundle format):
 * the image digest as the only subject, predicate type `https://sigstore.dev/cosign/sign/v1`, an
 * empty predicate. Unlike the simple-signing payload it names no repository.
 * @see https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md
 */
import { assertDigest, quote } from './digest.js';
import { FormatError } from './errors.js';
import { goJsonBytes, goMap } from './go-json.js';
import { isJsonObject as isObject, parseStrictJsonObject } from './strict-json.js';

/** `_type` of an in-toto v1 Statement. */
export const IN_TOTO_STATEMENT_V1 = 'https://in-toto.io/Statement/v1';
/** The predicate type cosign v3 uses for an image signature (as opposed to an attestation). */
export const COSIGN_SIGN_PREDICATE_TYPE = 'https://sigstore.dev/cosign/sign/v1';

/** Arguments of {@link signStatement}. */
export interface SignStatementArgs {
  /** The signed manifest digest, `sha256:<hex>`. */
  readonly manifestDigest: string;
  /**
   * `-a key=value` annotations, put on the subject (cosign v3 keeps them there).
   * @default - none (an empty `annotations` object, as cosign writes)
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A parsed image-signature statement. */
export interface SignStatement {
  /** The subject digest, `sha256:<hex>`. */
  readonly manifestDigest: string;
  /** The predicate type (cosign's sign predicate for image signatures). */
  readonly predicateType: string;
  /** The subject's string annotations. */
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Builds the statement bytes the way cosign v3.1 does (protojson field order: `_type`, `subject`
 * with `digest` then `annotations`, `predicateType`, `predicate`). protojson may put a space after
 * commas (decided per cosign binary); we never do. Verifiers check the signature over the bytes
 * as stored, so the spacing does not matter to them.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_DIGEST` when `manifestDigest` is not a sha256 digest
 */
export function signStatement(args: SignStatementArgs): Uint8Array {
  assertDigest(args.manifestDigest, 'the manifest digest');
  const hex = args.manifestDigest.slice('sha256:'.length);
  return goJsonBytes({
    _type: IN_TOTO_STATEMENT_V1,
    subject: [{ digest: { sha256: hex }, annotations: goMap({ ...(args.annotations ?? {}) }) }],
    predicateType: COSIGN_SIGN_PREDICATE_TYPE,
    predicate: {},
  });
}

/**
 * Parses a statement read from a bundle: it must be an in-toto v1 Statement with exactly one
 * subject carrying a sha256 digest. Duplicate keys are refused.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_PAYLOAD`
 */
export function parseSignStatement(bytes: Uint8Array): SignStatement {
  const doc = parseStrictJsonObject(bytes, invalid);
  if (doc._type !== IN_TOTO_STATEMENT_V1) throw invalid(`_type is ${quote(doc._type)}, expected ${IN_TOTO_STATEMENT_V1}`);
  if (typeof doc.predicateType !== 'string') throw invalid('predicateType is missing');
  const subjects = doc.subject;
  if (!Array.isArray(subjects) || subjects.length !== 1 || !isObject(subjects[0])) throw invalid('it must have exactly one subject');
  const subject = subjects[0];
  const digests = subject.digest;
  if (!isObject(digests) || typeof digests.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(digests.sha256)) throw invalid('the subject has no sha256 digest');
  const annotations: Record<string, string> = {};
  if (subject.annotations !== undefined && subject.annotations !== null) {
    if (!isObject(subject.annotations)) throw invalid('the subject annotations are not an object');
    for (const [key, value] of Object.entries(subject.annotations)) {
      // structpb annotations may hold any JSON value; only strings can match `-a key=value`.
      if (typeof value === 'string') annotations[key] = value;
    }
  }
  return { manifestDigest: `sha256:${digests.sha256}`, predicateType: doc.predicateType, annotations };
}


function invalid(what: string): FormatError {
  return new FormatError('FORMAT_INVALID_PAYLOAD', `invalid in-toto statement: ${what}`);
}
