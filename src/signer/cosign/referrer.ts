/**
 * OCI 1.1 referrers for the bundle format: the referrer manifest cosign v3 pushes for a bundle
 * (empty config, one bundle layer, `subject` = the signed image), and the referrers tag schema
 * index (`sha256-<hex>`) that stands in for the referrers API on registries without one.
 * @see https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema
 * @see https://github.com/opencontainers/image-spec/blob/main/manifest.md#guidance-for-an-empty-descriptor
 */
import { BUNDLE_MEDIA_TYPE_PREFIX, BUNDLE_V03_MEDIA_TYPE } from './bundle.js';
import { MEDIA_TYPES } from './constants.js';
import { checkDescriptor, type Descriptor } from './descriptor.js';
import { sha256Digest } from '../../shared/oci/index.js';
import { assertDigest, quote } from './digest.js';
import { FormatError } from './errors.js';
import { type GoJsonValue, goJsonBytes, goMap } from './go-json.js';
import { COSIGN_SIGN_PREDICATE_TYPE } from './statement.js';

/** Media type of the OCI empty descriptor (the referrer's config). */
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json';
/** The empty JSON object `{}`, the blob of the empty descriptor. */
export const EMPTY_BLOB: Uint8Array = new Uint8Array([0x7b, 0x7d]);
/** Referrer manifest annotation: what the bundle holds (`dsse-envelope` for image signatures). */
export const BUNDLE_CONTENT_ANNOTATION = 'dev.sigstore.bundle.content';
/** Referrer manifest annotation: the statement's predicate type. */
export const BUNDLE_PREDICATE_TYPE_ANNOTATION = 'dev.sigstore.bundle.predicateType';
/** Referrer manifest annotation: creation time, RFC 3339 UTC with seconds (the only part that varies). */
export const CREATED_ANNOTATION = 'org.opencontainers.image.created';

/** A descriptor with the OCI 1.1 `artifactType` field (referrers index entries, subjects). */
export interface ArtifactDescriptor extends Descriptor {
  /** The artifact's type. @default - none */
  artifactType?: string;
}

/** Arguments of {@link bundleReferrerManifest}. */
export interface BundleReferrerArgs {
  /** The bundle JSON bytes (the layer blob). */
  readonly bundle: Uint8Array;
  /** The signed image manifest: media type, size and digest, as a `HEAD` reports them. */
  readonly subject: Descriptor;
  /** The creation time to record. */
  readonly created: Date;
  /**
   * The statement's predicate type.
   * @default 'https://sigstore.dev/cosign/sign/v1'
   */
  readonly predicateType?: string;
}

/** A built referrer manifest. */
export interface BundleReferrer {
  /** Manifest bytes; PUT them by digest. */
  readonly manifest: Uint8Array;
  /** `sha256:` digest of {@link manifest}. */
  readonly manifestDigest: string;
  /** The descriptor of this manifest for a referrers index (spec-correct artifactType and annotations). */
  readonly descriptor: ArtifactDescriptor;
}

/** RFC 3339 in UTC with whole seconds, as Go's `time.RFC3339` formats a UTC time. */
export function rfc3339Seconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Builds the referrer manifest the way cosign v3 does (Go struct order: schemaVersion, mediaType,
 * config with its artifactType, layers, annotations sorted, subject, artifactType).
 *
 * @throws {@link FormatError} for a malformed subject descriptor
 */
export function bundleReferrerManifest(args: BundleReferrerArgs): BundleReferrer {
  const subject = checkDescriptor(args.subject, 'the subject descriptor');
  const annotations: Record<string, string> = {
    [BUNDLE_CONTENT_ANNOTATION]: 'dsse-envelope',
    [BUNDLE_PREDICATE_TYPE_ANNOTATION]: args.predicateType ?? COSIGN_SIGN_PREDICATE_TYPE,
    [CREATED_ANNOTATION]: rfc3339Seconds(args.created),
  };
  const manifest = goJsonBytes({
    schemaVersion: 2,
    mediaType: MEDIA_TYPES.ociManifest,
    config: { mediaType: EMPTY_MEDIA_TYPE, size: EMPTY_BLOB.length, digest: sha256Digest(EMPTY_BLOB), artifactType: BUNDLE_V03_MEDIA_TYPE },
    layers: [{ mediaType: BUNDLE_V03_MEDIA_TYPE, size: args.bundle.length, digest: sha256Digest(args.bundle) }],
    annotations: goMap(annotations),
    subject: { mediaType: subject.mediaType, size: subject.size, digest: subject.digest },
    artifactType: BUNDLE_V03_MEDIA_TYPE,
  });
  const manifestDigest = sha256Digest(manifest);
  return {
    manifest,
    manifestDigest,
    descriptor: { mediaType: MEDIA_TYPES.ociManifest, size: manifest.length, digest: manifestDigest, annotations, artifactType: BUNDLE_V03_MEDIA_TYPE },
  };
}

/** A parsed referrer manifest (only what bundle retrieval needs). */
export interface ParsedReferrer {
  /** The manifest's artifactType, else its config media type. */
  readonly artifactType: string;
  /** The layers. */
  readonly layers: readonly Descriptor[];
  /** The subject digest. @default - none */
  readonly subjectDigest?: string;
}

/**
 * Parses a referrer manifest; {@link bundleLayerOf} then says whether it holds a bundle.
 * @throws {@link FormatError} `FORMAT_INVALID_MANIFEST`
 */
export function parseReferrerManifest(bytes: Uint8Array): ParsedReferrer {
  const doc = parseObject(bytes, 'referrer manifest');
  if (doc.schemaVersion !== 2) throw invalid('referrer manifest', `schemaVersion is ${quote(String(doc.schemaVersion))}, expected 2`);
  const config = checkDescriptor(doc.config, 'the config descriptor');
  if (!Array.isArray(doc.layers)) throw invalid('referrer manifest', 'it has no layers array');
  const layers = doc.layers.map((layer: unknown, i) => checkDescriptor(layer, `layer ${i + 1}`));
  const subject = isObject(doc.subject) && typeof doc.subject.digest === 'string' ? doc.subject.digest : undefined;
  const artifactType = typeof doc.artifactType === 'string' && doc.artifactType !== '' ? doc.artifactType : config.mediaType;
  return { artifactType, layers, ...(subject === undefined ? {} : { subjectDigest: subject }) };
}

/** cosign's rule for a bundle referrer: exactly one layer, whose media type is a Sigstore bundle type. */
export function bundleLayerOf(referrer: ParsedReferrer): Descriptor | undefined {
  const [only, ...rest] = referrer.layers;
  return only !== undefined && rest.length === 0 && only.mediaType.startsWith(BUNDLE_MEDIA_TYPE_PREFIX) ? only : undefined;
}

/**
 * The referrers tag schema tag for a digest: `<alg>-<ref>`, each part truncated to the spec's limits
 * (`sha256:<hex>` becomes `sha256-<hex>`; note: no `.sig` suffix).
 * @throws {@link FormatError} `FORMAT_INVALID_DIGEST`
 */
export function referrersTag(digest: string): string {
  assertDigest(digest, 'the subject digest');
  const [alg, hex] = digest.split(':') as [string, string];
  return `${alg.slice(0, 32)}-${hex.slice(0, 64)}`;
}

/** Parses a referrers index (from the API or the fallback tag); returns its descriptors. */
export function parseReferrersIndex(bytes: Uint8Array): ArtifactDescriptor[] {
  const doc = parseObject(bytes, 'referrers index');
  if (doc.schemaVersion !== 2) throw invalid('referrers index', `schemaVersion is ${quote(String(doc.schemaVersion))}, expected 2`);
  if (doc.mediaType !== undefined && doc.mediaType !== MEDIA_TYPES.ociIndex) throw invalid('referrers index', `media type ${quote(doc.mediaType)} is not an OCI index`);
  const manifests = doc.manifests ?? [];
  if (!Array.isArray(manifests)) throw invalid('referrers index', 'manifests is not an array');
  return manifests.map((entry: unknown, i) => {
    const checked: ArtifactDescriptor = checkDescriptor(entry, `entry ${i + 1}`);
    const artifactType = (entry as Record<string, unknown>).artifactType;
    if (typeof artifactType === 'string' && artifactType !== '') checked.artifactType = artifactType;
    return checked;
  });
}

/**
 * The fallback index holding `existing` plus `added` (entries already listed by digest are kept as
 * they are), sorted by digest like ggcr, as Go JSON (schemaVersion, mediaType, manifests).
 */
export function referrersIndex(existing: readonly ArtifactDescriptor[], added: readonly ArtifactDescriptor[]): Uint8Array {
  const byDigest = new Map<string, ArtifactDescriptor>();
  for (const d of [...existing, ...added]) if (!byDigest.has(d.digest)) byDigest.set(d.digest, d);
  const manifests = [...byDigest.values()].sort((a, b) => (a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0));
  return goJsonBytes({ schemaVersion: 2, mediaType: MEDIA_TYPES.ociIndex, manifests: manifests.map(indexEntryJson) });
}

function indexEntryJson(d: ArtifactDescriptor): GoJsonValue {
  const annotations = d.annotations ?? {};
  return {
    mediaType: d.mediaType,
    size: d.size,
    digest: d.digest,
    annotations: Object.keys(annotations).length === 0 ? undefined : goMap(annotations),
    artifactType: d.artifactType,
  };
}

function parseObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw invalid(what, 'it is not UTF-8 JSON');
  }
  if (!isObject(doc)) throw invalid(what, 'it is not a JSON object');
  return doc;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string, why: string): FormatError {
  return new FormatError('FORMAT_INVALID_MANIFEST', `invalid ${what}: ${why}`);
}
