/**
 * The cosign "simple signing" payload: the JSON document that is signed and stored as the `.sig`
 * layer blob. Built byte-for-byte like sigstore's `payload.Cosign.MarshalJSON`, parsed as strictly
 * as containers/image (`signature/internal/sigstore_payload.go`).
 */
import { SIMPLE_SIGNING_TYPE } from './constants.js';
import { isDigest } from '../../shared/oci/index.js';
import { assertDigest, quote } from './digest.js';
import { FormatError } from './errors.js';
import { goJsonBytes, goMap } from './go-json.js';
import { findDuplicateKey } from './strict-json.js';

/** Input to {@link simpleSigningPayload}. */
export interface SimpleSigningPayloadArgs {
  /**
   * `critical.identity.docker-reference`. cosign writes the normalised repository without tag or
   * digest (`index.docker.io/library/busybox`); pass `repo:tag` for containers/image's default policy.
   */
  readonly dockerReference: string;
  /** `critical.image.docker-manifest-digest`: the digest being signed, e.g. `sha256:…`. */
  readonly manifestDigest: string;
  /**
   * The `-a key=value` annotations, written to `optional` with sorted keys.
   * @default - none: `"optional":null`, as cosign writes without `-a` (an empty object also gives null)
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A parsed, validated simple-signing payload. */
export interface SimpleSigningPayload {
  /** `critical.identity.docker-reference` (untrusted until the signature is verified). */
  readonly dockerReference: string;
  /** `critical.image.docker-manifest-digest`. */
  readonly manifestDigest: string;
  /** `critical.type`; always {@link SIMPLE_SIGNING_TYPE}. */
  readonly type: string;
  /** The `optional` object, or null. */
  readonly optional: Readonly<Record<string, unknown>> | null;
}

/**
 * Builds the payload bytes cosign would sign: compact Go JSON in the order `critical` (`identity`,
 * `image`, `type`), `optional`; `<`, `>`, `&` escaped as `\u003c` etc.; no trailing newline.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_DIGEST` for a bad digest, `FORMAT_INVALID_PAYLOAD` for an empty reference
 */
export function simpleSigningPayload(args: SimpleSigningPayloadArgs): Uint8Array {
  assertDigest(args.manifestDigest, 'the manifest digest');
  if (args.dockerReference === '') {
    throw new FormatError('FORMAT_INVALID_PAYLOAD', 'the docker reference of a signature payload is empty; pass the image repository, e.g. registry.example/app');
  }
  const annotations = args.annotations ?? {};
  return goJsonBytes({
    critical: {
      identity: { 'docker-reference': args.dockerReference },
      image: { 'docker-manifest-digest': args.manifestDigest },
      type: SIMPLE_SIGNING_TYPE,
    },
    optional: Object.keys(annotations).length === 0 ? null : goMap(annotations),
  });
}

/**
 * Parses a payload with containers/image's rules: exactly the fields `critical` and `optional`
 * (which may be null); `critical` exactly `type`, `image`, `identity`; `image` exactly
 * `docker-manifest-digest`; `identity` exactly `docker-reference`; the cosign type string;
 * `optional.creator` a string and `optional.timestamp` an integer when present. Duplicate keys
 * and invalid UTF-8 are refused too, so every verifier reads the same claims.
 *
 * @throws {@link FormatError} `FORMAT_INVALID_PAYLOAD`
 */
export function parseSimpleSigningPayload(bytes: Uint8Array): SimpleSigningPayload {
  let text: string;
  let doc: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    doc = JSON.parse(text);
  } catch {
    throw invalid('it is not UTF-8 JSON');
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) throw invalid(`the key ${quote(duplicate)} appears twice in one object`);
  const top = exactObject(doc, ['critical', 'optional'], 'the payload');
  const critical = exactObject(top.critical, ['type', 'image', 'identity'], 'critical');
  const image = exactObject(critical.image, ['docker-manifest-digest'], 'critical.image');
  const identity = exactObject(critical.identity, ['docker-reference'], 'critical.identity');
  if (critical.type !== SIMPLE_SIGNING_TYPE) throw invalid(`critical.type is ${quote(critical.type)}, expected "${SIMPLE_SIGNING_TYPE}"`);
  const digest = image['docker-manifest-digest'];
  if (!isDigest(digest)) throw invalid(`critical.image.docker-manifest-digest ${quote(digest)} is not a digest`);
  const reference = identity['docker-reference'];
  if (typeof reference !== 'string') throw invalid('critical.identity.docker-reference is not a string');
  const optional = top.optional;
  if (optional !== null && !isPlainObject(optional)) throw invalid('optional is neither an object nor null');
  if (optional !== null) {
    if (Object.hasOwn(optional, 'creator') && typeof optional.creator !== 'string') throw invalid('optional.creator is not a string');
    if (Object.hasOwn(optional, 'timestamp') && !Number.isSafeInteger(optional.timestamp)) throw invalid('optional.timestamp is not an integer');
  }
  return { dockerReference: reference, manifestDigest: digest, type: SIMPLE_SIGNING_TYPE, optional };
}

function exactObject(value: unknown, keys: readonly string[], where: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalid(`${where} is missing or not an object`);
  for (const key of keys) if (!Object.hasOwn(value, key)) throw invalid(`${where} lacks the field ${quote(key)}`);
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw invalid(`${where} has the unexpected field ${quote(key)}`);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string): FormatError {
  return new FormatError('FORMAT_INVALID_PAYLOAD', `invalid simple-signing payload: ${what}`);
}
