/**
 * `--recursive` (cosign's flag): when the image is an OCI image index or a Docker manifest list, sign
 * the index and every manifest it lists, each by digest in the same repository, with the per-manifest
 * sign function of the chosen format. The whole tree is read and checked before the first write, so a
 * malformed or hostile index leaves no partial signatures behind.
 */
import { formatReference, repositoryName, type Fetcher, type ImageReference } from '../oci/index.js';
import { isDigest, isSha256Digest, type Platform } from '../../shared/oci/index.js';
import { existingImage, resolveDigest } from './_signatures.js';
import { settleAll } from './_settle-all.js';
import { SigningError } from './_signing-error.js';
import { MEDIA_TYPES } from './constants.js';
import { quote } from './digest.js';
import { FormatError } from './errors.js';
import { isJsonObject, parseStrictJsonObject } from './strict-json.js';

/**
 * Most manifests one recursive signing signs below the top index, nested indexes and their entries
 * included. cosign sets no limit; real multi-platform images list a few dozen at most (platforms plus
 * BuildKit's attestation manifests), and every entry costs a signature write, so a hostile index
 * listing thousands is refused before anything is written.
 */
export const MAX_RECURSIVE_MANIFESTS = 128;

/**
 * Deepest index nesting followed: the top index is level 1, an index it lists level 2, and so on.
 * cosign follows nested indexes without limit; signet follows them (signing each nested index and
 * its entries) up to this depth and refuses deeper trees.
 */
export const MAX_INDEX_DEPTH = 3;

/** Index media types (OCI and Docker): entries with these are followed. */
const INDEX_TYPES: readonly string[] = [MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerManifestList];
/** Image manifest media types: entries with these are signed. Anything else is refused, as cosign does. */
const IMAGE_TYPES: readonly string[] = [MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest];

/** One manifest of the tree to sign. */
export interface PlannedManifest {
  /** The manifest, by digest, in the signed repository (the tag of the top reference is kept for identity-with-tag). */
  readonly reference: ImageReference;
  /** Whether it is an index (signed after what it lists) or an image manifest. */
  readonly kind: 'index' | 'image';
  /** Index nesting of the entry: 1 for the top, 2 for what the top index lists, … */
  readonly depth: number;
  /**
   * The platform its index entry names.
   * @default - none: the top manifest, or an entry without `platform`
   */
  readonly platform?: Platform;
}

/** What a recursive signing will sign. */
export interface SigningPlan {
  /** The top manifest (the given reference, pinned to its digest). */
  readonly top: PlannedManifest;
  /** Every other manifest of the tree, once each, depth first in index order. Empty when the top is not an index. */
  readonly children: readonly PlannedManifest[];
}

/**
 * Reads the tree below `ref`: resolves a tag (with a warning), `GET`s the top manifest and every
 * nested index, checks every entry (digest with the shared parser, media type, size) and the limits,
 * and `HEAD`s every image manifest listed (the existence check the per-manifest signing then skips),
 * so that a missing one fails before anything is written.
 *
 * @throws SigningError `SIGN_IMAGE_NOT_FOUND`; FormatError `FORMAT_INVALID_MANIFEST`, `FORMAT_INVALID_DIGEST` or `FORMAT_TOO_MANY_MANIFESTS`; RegistryError
 */
export async function planRecursiveSigning(client: Fetcher, ref: ImageReference, onWarning?: (message: string) => void): Promise<SigningPlan> {
  const notFound = (what: string): SigningError => new SigningError('SIGN_IMAGE_NOT_FOUND', `image not found (${what}); check the reference, push the image first or sign by digest`);
  const digest = await resolveDigest(client, ref, notFound, onWarning);
  const topManifest = await client.getManifest(ref, digest);
  if (topManifest === undefined) throw notFound(formatReference({ ...ref, digest }));
  const topKind = kindOf(topManifest.mediaType, topManifest.bytes);
  const top: PlannedManifest = { reference: existingImage(ref, digest), kind: topKind === 'index' ? 'index' : 'image', depth: 1 };
  if (topKind !== 'index') return { top, children: [] };

  const seen = new Set<string>([digest]);
  const children: PlannedManifest[] = [];
  const walk = async (bytes: Uint8Array, where: string, depth: number): Promise<void> => {
    for (const entry of parseIndexEntries(bytes, where)) {
      if (seen.has(entry.digest)) continue; // listed twice (or in two nested indexes): signed once
      seen.add(entry.digest);
      if (children.length >= MAX_RECURSIVE_MANIFESTS) {
        throw new FormatError(
          'FORMAT_TOO_MANY_MANIFESTS',
          `index ${formatReference({ ...ref, digest })} lists more than ${MAX_RECURSIVE_MANIFESTS} manifests (nested indexes included), more than signet signs recursively; sign the manifests you need one by one, without --recursive`,
        );
      }
      const child = { registry: ref.registry, repository: ref.repository, ...(ref.tag === undefined ? {} : { tag: ref.tag }), digest: entry.digest };
      const platform = entry.platform === undefined ? {} : { platform: entry.platform };
      if (entry.kind === 'image') {
        children.push({ reference: child, kind: 'image', depth: depth + 1, ...platform });
        continue;
      }
      if (depth + 1 > MAX_INDEX_DEPTH) {
        throw new FormatError(
          'FORMAT_TOO_MANY_MANIFESTS',
          `index ${where} lists an index ${entry.digest} nested ${depth + 1} levels deep, more than the ${MAX_INDEX_DEPTH} signet follows; sign the nested indexes one by one`,
        );
      }
      const nested = await client.getManifest(ref, entry.digest);
      const nestedWhere = `${repositoryName(ref)}@${entry.digest}`;
      if (nested === undefined) throw notFound(`${nestedWhere}, listed by ${where}`);
      if (kindOf(nested.mediaType, nested.bytes) !== 'index') throw invalid(nestedWhere, `its index entry says ${quote(entry.mediaType)} but the registry serves ${quote(nested.mediaType)}`);
      children.push({ reference: existingImage(child, entry.digest), kind: 'index', depth: depth + 1, ...platform });
      await walk(nested.bytes, nestedWhere, depth + 1);
    }
  };
  const topWhere = `${repositoryName(ref)}@${digest}`;
  await walk(topManifest.bytes, topWhere, 1);
  const checked = new Map<PlannedManifest, PlannedManifest>();
  const images = children.filter((c) => c.kind === 'image');
  for (let i = 0; i < images.length; i += EXISTENCE_CHECKS_AT_ONCE) {
    await Promise.all(
      images.slice(i, i + EXISTENCE_CHECKS_AT_ONCE).map(async (c) => {
        const digestOf = c.reference.digest!;
        if ((await client.headManifest(ref, digestOf)) === undefined) {
          throw new SigningError('SIGN_IMAGE_NOT_FOUND', `manifest ${repositoryName(ref)}@${digestOf} listed by index ${topWhere} is not in the registry; push the image again (all its platforms) or sign without --recursive`);
        }
        checked.set(c, { ...c, reference: existingImage(c.reference, digestOf) });
      }),
    );
  }
  return { top, children: children.map((c) => checked.get(c) ?? c) };
}

/** Existence `HEAD`s in flight at once while planning. */
const EXISTENCE_CHECKS_AT_ONCE = 8;

/** What {@link signRecursively} did: the top result, and one per manifest below it (in plan order). */
export interface RecursiveResults<R> {
  readonly top: R;
  readonly children: readonly R[];
}

/**
 * Signs a plan: the image manifests first (`concurrency` at a time: each has its own signature tag
 * or referrer, so they do not race), then nested indexes deepest first, then the top. An index is
 * signed only once everything it lists is: a verifier that finds the index signed knows the platform
 * manifests are too. The first failure stops the signing (nothing more is started) and is thrown.
 */
export async function signRecursively<R>(plan: SigningPlan, signOne: (manifest: PlannedManifest) => Promise<R>, concurrency = 4): Promise<RecursiveResults<R>> {
  const results = new Map<PlannedManifest, R>();
  const images = plan.children.filter((c) => c.kind === 'image');
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < images.length) {
      const manifest = images[next++]!;
      try {
        results.set(manifest, await signOne(manifest));
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, images.length)) }, worker);
  await settleAll(workers);
  const indexes = plan.children.filter((c) => c.kind === 'index').sort((a, b) => b.depth - a.depth);
  for (const manifest of indexes) results.set(manifest, await signOne(manifest));
  const top = await signOne(plan.top);
  return { top, children: plan.children.map((c) => results.get(c)!) };
}

/** Whether a manifest is an index: the registry's content type, else (missing or generic) the document's own `mediaType`. */
function kindOf(contentType: string, bytes: Uint8Array): 'index' | 'image' | 'other' {
  const declared = [...INDEX_TYPES, ...IMAGE_TYPES].includes(contentType) ? contentType : ownMediaType(bytes);
  if (INDEX_TYPES.includes(declared)) return 'index';
  return IMAGE_TYPES.includes(declared) ? 'image' : 'other';
}

function ownMediaType(bytes: Uint8Array): string {
  try {
    const doc: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return isJsonObject(doc) && typeof doc.mediaType === 'string' ? doc.mediaType : '';
  } catch {
    return '';
  }
}

interface IndexEntry {
  readonly digest: string;
  readonly mediaType: string;
  readonly kind: 'index' | 'image';
  readonly platform?: Platform;
}

/** The entries of an index document, each checked; the first bad one fails the whole index. */
function parseIndexEntries(bytes: Uint8Array, where: string): IndexEntry[] {
  const doc = parseStrictJsonObject(bytes, (why) => invalid(where, why));
  if (doc.schemaVersion !== 2) throw invalid(where, `schemaVersion is ${quote(String(doc.schemaVersion))}, expected 2`);
  if (doc.mediaType !== undefined && !INDEX_TYPES.includes(doc.mediaType as string)) throw invalid(where, `media type ${quote(doc.mediaType)} is not an index`);
  const { manifests } = doc;
  if (!Array.isArray(manifests)) throw invalid(where, 'manifests is not an array');
  if (manifests.length > MAX_RECURSIVE_MANIFESTS) {
    throw new FormatError(
      'FORMAT_TOO_MANY_MANIFESTS',
      `index ${where} lists ${manifests.length} manifests, more than the ${MAX_RECURSIVE_MANIFESTS} signet signs recursively; sign the manifests you need one by one, without --recursive`,
    );
  }
  return manifests.map((entry: unknown, i): IndexEntry => {
    const at = `entry ${i + 1}`;
    if (!isJsonObject(entry)) throw invalid(where, `${at} is not an object`);
    const { mediaType, digest, size, platform } = entry;
    // The digest becomes a URL path segment and a tag name: only the shared parser's well-formed digests pass.
    if (!isDigest(digest)) throw new FormatError('FORMAT_INVALID_DIGEST', `index ${where}: the digest of ${at} ${quote(digest)} is not a digest; the index is malformed, fix or re-push it`);
    if (!isSha256Digest(digest)) throw new FormatError('FORMAT_INVALID_DIGEST', `index ${where}: ${at} has digest ${quote(digest)}; signet signs sha256 manifests only (the .sig tag of another algorithm exceeds the tag length limit)`);
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw invalid(where, `${at} has an invalid size ${quote(String(size))}`);
    if (typeof mediaType !== 'string') throw invalid(where, `${at} has no media type`);
    const kind = INDEX_TYPES.includes(mediaType) ? 'index' : IMAGE_TYPES.includes(mediaType) ? 'image' : undefined;
    // cosign refuses unknown entry types ("unknown mime type") rather than skipping them silently.
    if (kind === undefined) throw invalid(where, `${at} (${digest}) has media type ${quote(mediaType)}, neither an image manifest nor an index`);
    return { digest, mediaType, kind, ...platformOf(platform) };
  });
}

function platformOf(value: unknown): { platform?: Platform } {
  if (!isJsonObject(value) || typeof value.os !== 'string' || typeof value.architecture !== 'string') return {};
  return { platform: { os: value.os, architecture: value.architecture, ...(typeof value.variant === 'string' ? { variant: value.variant } : {}) } };
}

function invalid(where: string, why: string): FormatError {
  return new FormatError('FORMAT_INVALID_MANIFEST', `invalid index ${where}: ${why}; the registry holds a malformed index, fix or re-push it`);
}

/**
 * Signs `ref` with `signOne`; with `recursive`, every manifest of the index it names as well (planned and signed as
 * above), the others' results becoming the top result's `children`.
 */
export async function signOneOrTree<R extends { readonly children?: readonly R[] }>(
  client: Fetcher,
  ref: ImageReference,
  options: { readonly recursive?: boolean; readonly onWarning?: (message: string) => void },
  signOne: (manifest: ImageReference) => Promise<R>,
): Promise<R> {
  if (options.recursive !== true) return signOne(ref);
  const plan = await planRecursiveSigning(client, ref, options.onWarning);
  const { top, children } = await signRecursively(plan, (manifest) => signOne(manifest.reference));
  return { ...top, children };
}
