/**
 * The sign use case: cosign's tag-based `.sig` signature for one image, appended to whatever
 * signatures already exist, kept against concurrent signers (re-read after a measured wait, merge,
 * retry; see `_confirm.ts` for what that can and cannot guarantee).
 */
import { loadPublicKey, type Signer, type Verifier } from '../keys/index.js';
import { createRegistryClient, parseReference, RegistryError, repositoryName, type ImageReference, type RegistryClient } from '../oci/index.js';
import { confirmDelayMs, readIsStale, settle } from './_confirm.js';
import { settleAll } from './_settle-all.js';
import { readSignatureLayers, resolveDigest, sameLayer } from './_signatures.js';
import { SigningError } from './_signing-error.js';
import { withClient } from './_with-client.js';
import { signOneOrTree } from './sign-recursive.js';
import {
  appendSignature,
  dockerReferenceIdentity,
  MEDIA_TYPES,
  sha256Digest,
  SIGNATURE_ANNOTATION,
  signatureConfig,
  signatureLayer,
  signatureManifest,
  signatureTag,
  simpleSigningPayload,
  type Descriptor,
} from './format.js';

export { SigningError, type SigningErrorCode } from './_signing-error.js';

/** Options of {@link signImage}. */
export interface SignImageOptions {
  /** The image: `registry/repo@sha256:…` (recommended) or `registry/repo:tag` (resolved, with a warning). */
  readonly reference: string | ImageReference;
  /**
   * The private key, or a promise of it: then the first registry requests (resolving a tag,
   * uploading the payload) run while the key is still being decrypted.
   */
  readonly signer: Signer | PromiseLike<Signer>;
  /**
   * `-a key=value` annotations, signed into the payload's `optional` object.
   * @default - none (`"optional":null`)
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * The `docker-reference` to sign instead of the image's repository (`--sign-container-identity`).
   * @default - the normalised repository, e.g. `index.docker.io/library/busybox` (cosign's choice)
   */
  readonly identity?: string;
  /**
   * Sign `repository:tag` as `docker-reference`, so containers/image's default policy
   * (`matchRepoDigestOrExact`) accepts the signature. Needs a tag in `reference`.
   * @default false
   */
  readonly identityWithTag?: boolean;
  /**
   * cosign's `--recursive`: when the image is an OCI image index or a Docker manifest list, also sign
   * every manifest it lists (nested indexes included, see `sign-recursive.ts` for the limits), each by
   * digest in the same repository with the same options, the index last. The result stays the top's.
   * @default false (only the given manifest is signed)
   */
  readonly recursive?: boolean;
  /**
   * The registry client; it should be created with `pushIntent: true` to reuse one token.
   * @default - a client with anonymous access and default options, closed when done
   */
  readonly client?: RegistryClient;
  /**
   * Receives warnings (a tag was resolved to a digest).
   * @default - warnings are dropped
   */
  readonly onWarning?: (message: string) => void;
  /**
   * Write attempts before giving up when concurrent signers keep replacing the `.sig` manifest. A
   * lost round after which new signatures of others showed up does not count (the signers are
   * making progress), up to five times this many rounds in all.
   * @default 10
   */
  readonly maxAttempts?: number;
  /**
   * Lower bound of the wait after the manifest `PUT`, in milliseconds; 0 re-reads at once, without a
   * wait and without re-checking a stale read (only for a caller that knows nobody else signs this
   * image at the same time).
   * @deprecated The wait is now measured: a multiple of this signer's own read→write window (see
   * docs/cli.md, "Concurrent signers"); a fixed wait is no longer needed. Omit it, or pass 0.
   * @default - measured (3 × the read→write window, at least 10 ms, at most 5 s)
   */
  readonly confirmDelayMs?: number;
  /**
   * Sleeps between attempts (tests inject a fake).
   * @default - `setTimeout`
   * @internal
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Random source in [0, 1) for back-off jitter.
   * @default Math.random
   */
  readonly random?: () => number;
  /**
   * Monotonic clock in milliseconds, to measure the read→write window (tests inject a fake).
   * @default performance.now
   * @internal
   */
  readonly clock?: () => number;
}

/** First back-off after a lost write, in milliseconds (doubled per attempt, full jitter). */
const BASE_BACKOFF_MS = 50;
/** Largest back-off after a lost write, in milliseconds. */
const MAX_BACKOFF_MS = 2000;
/** Rounds (counted or not) before giving up: this many times `maxAttempts`. */
const PROGRESS_ROUNDS_FACTOR = 5;

/** What {@link signImage} did. */
export interface SignImageResult {
  /** The signed manifest digest. */
  readonly digest: string;
  /** `registry/repository@digest`, what the CLI prints. */
  readonly signedReference: string;
  /** The `.sig` tag, `sha256-<hex>.sig`. */
  readonly signatureTag: string;
  /** The `docker-reference` that was signed. */
  readonly dockerReference: string;
  /** The payload bytes (also the layer blob). */
  readonly payload: Uint8Array;
  /** The signature, standard base64. */
  readonly signature: string;
  /**
   * Digest of the `.sig` manifest as last written or found.
   * @default - none, when the call ends finding an equivalent signature already in place (nothing left to write)
   */
  readonly signatureManifestDigest?: string;
  /** True when an equivalent signature by this key was already there and nothing was written. */
  readonly alreadySigned: boolean;
  /** Manifest writes performed (1 normally; more after concurrent interference). */
  readonly writes: number;
  /**
   * With `recursive`, the result of every manifest signed below the index, in the order the index lists them (depth first).
   * @default - none: not recursive (with `recursive` on a single manifest: empty)
   */
  readonly children?: readonly SignImageResult[];
}

/**
 * Signs one image, cosign v2 style (`sha256-<hex>.sig`, OCI media types, payload byte-identical to
 * cosign's), appending to existing signatures with cosign's duplicate rule.
 *
 * Requests for an unsigned image by digest on a registry without auth, with a decrypted key: `HEAD`
 * the image (it must exist: a signature for nothing would pass as a signed image), then at once the
 * payload upload (`POST`, `PUT`) and the read of `.sig` (404), the config upload (`POST`, `PUT`),
 * `PUT` manifest, confirming re-read = 8. A tag costs no more: its resolving `HEAD` is the existence
 * check. None of these need the key except the manifest `PUT`: given a key still being decrypted,
 * they all run meanwhile (the config upload beside the payload's and the read), and the read (by then
 * stale) is re-checked with one `HEAD` before the `PUT` (9 requests), so that the read→write window
 * stays a couple of round trips wide.
 *
 * @throws SigningError, RegistryError, FormatError, InvalidReferenceError
 */
export async function signImage(options: SignImageOptions): Promise<SignImageResult> {
  const ref = typeof options.reference === 'string' ? parseReference(options.reference) : options.reference;
  return withClient(options.client, () => createRegistryClient({ pushIntent: true }), (client) =>
    signOneOrTree(client, ref, options, (manifest) => signWith(client, manifest, options)),
  );
}

/** A read of the `.sig` tag and when it was sent (the start of a read→write window). */
interface TagRead {
  readonly layers: Descriptor[];
  readonly digest?: string;
  readonly sentAt: number;
  readonly roundTripMs: number;
}

async function signWith(client: RegistryClient, ref: ImageReference, options: SignImageOptions): Promise<SignImageResult> {
  // option errors before any request
  const dockerReference = identityFor(ref, options);
  const pending = Promise.resolve(options.signer);
  // Awaited below; a registry failure first must not leave a failed decryption unhandled.
  pending.catch(() => undefined);
  const now = options.clock ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  // 0: a caller that knows it is the only writer; else a lower bound of the measured wait.
  const waits = options.confirmDelayMs !== 0;
  const floorMs = options.confirmDelayMs === undefined ? undefined : Math.max(0, options.confirmDelayMs);

  const digest = await resolveDigest(
    client,
    ref,
    (what) => new SigningError('SIGN_IMAGE_NOT_FOUND', `image not found (${what}); check the reference, push the image first or sign by digest`),
    options.onWarning,
    true,
  );
  const payload = simpleSigningPayload({ dockerReference, manifestDigest: digest, ...(options.annotations ? { annotations: options.annotations } : {}) });
  const tag = signatureTag(digest);
  const readTag = async (): Promise<TagRead> => {
    const sentAt = now();
    const read = await readSignatureLayers(client, ref, tag);
    return { layers: read.layers, ...(read.digest === undefined ? {} : { digest: read.digest }), sentAt, roundTripMs: now() - sentAt };
  };
  // Blobs before any manifest that points to them. Nothing here needs the key: the payload, the
  // current signatures and the config they will need go up while the key may still be decrypting.
  const uploadedConfigs = new Set<string>();
  const uploadConfig = async (config: Uint8Array): Promise<void> => {
    const configDigest = sha256Digest(config);
    if (uploadedConfigs.has(configDigest)) return;
    await client.putBlob(ref, config);
    uploadedConfigs.add(configDigest);
  };
  const payloadLayer = { mediaType: MEDIA_TYPES.simpleSigning, size: payload.length, digest: sha256Digest(payload) };
  // A signer given as such is ready now; a promise of one is still decrypting (the CLI's case).
  let keyReady = !isPromiseLike(options.signer);
  void pending.then(() => (keyReady = true), () => undefined);
  const firstConfig = uploadConfig(signatureConfig([payloadLayer]));
  let seen: TagRead;
  if (keyReady) {
    // The key at hand: the blobs of a first signature (a manifest may only point to existing blobs; a
    // config lists layer digests only), then the read, so that it is fresh for the PUT.
    await settleAll([client.putBlob(ref, payload), firstConfig]);
    seen = await readTag();
  } else {
    // The key still decrypting (the CLI's case): the blobs and the read at once; the read is
    // re-checked with a HEAD before the PUT (see readIsStale).
    [, , seen] = await settleAll([client.putBlob(ref, payload), firstConfig, readTag()]);
  }
  if (seen.layers.length > 0 && !keyReady) await uploadConfig(signatureConfig([...seen.layers, payloadLayer]));

  const signer = await pending;
  const signature = Buffer.from(signer.sign(payload)).toString('base64');
  const layer = signatureLayer(payload, signature);
  let verifier: Verifier | undefined;
  // cosign's duplicate rule: an old layer counts as ours when its signature verifies with our key
  // (loaded only when such a layer exists: a first signature does without).
  const isOurs = (old: Descriptor): boolean => {
    const b64 = old.annotations?.[SIGNATURE_ANNOTATION];
    if (old.digest !== layer.digest || b64 === undefined) return false;
    verifier ??= loadPublicKey(signer.publicKeyPem());
    return verifier.verify(payload, Buffer.from(b64, 'base64'));
  };
  const result = { digest, signedReference: `${repositoryName(ref)}@${digest}`, signatureTag: tag, dockerReference, payload, signature };

  let known = seen.layers;
  let writes = 0;
  let repair = false;
  // A lost round whose re-read shows signatures we had never seen means the pile-up is moving
  // (another signer's signature landed): it does not count against maxAttempts. Under load, 20
  // signers need many rounds between them, and a fixed round budget ran out while they all progressed.
  const everSeen = new Set(seen.layers.map(layerKey));
  const progressed = (layers: readonly Descriptor[]): boolean => {
    const fresh = layers.filter((l) => !everSeen.has(layerKey(l)));
    fresh.forEach((l) => everSeen.add(layerKey(l)));
    return fresh.length > 0;
  };
  let attempt = 1;
  for (let round = 1; attempt <= maxAttempts && round <= PROGRESS_ROUNDS_FACTOR * maxAttempts; round += 1) {
    const backoff = (): Promise<void> => sleep(Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(round, 16))));
    const merged = appendSignature(known, layer, isOurs);
    // appendSignature returns the same layers when an equivalent signature of ours is present.
    if (merged.length === known.length && !repair) return { ...result, alreadySigned: writes === 0, writes };
    const built = signatureManifest(merged);
    await uploadConfig(built.config);
    // A stale read (the key was decrypting, uploads ran) would widen our window past what other
    // signers wait for: re-check the tag with a HEAD just before the PUT; a changed tag means read again.
    if (waits && readIsStale(now() - seen.sentAt, seen.roundTripMs)) {
      const sentAt = now();
      const head = await client.headManifest(ref, tag);
      if (head?.digest !== seen.digest) {
        seen = await readTag();
        if (!progressed(seen.layers)) attempt += 1;
        known = [...seen.layers, ...lostLayers(merged, seen.layers).filter((l) => l !== layer)];
        repair = known.length > seen.layers.length;
        continue;
      }
      seen = { ...seen, sentAt, roundTripMs: now() - sentAt };
    }
    try {
      await client.putManifest(ref, tag, built.manifest, built.mediaType);
    } catch (error) {
      // distribution's filesystem store rewrites a blob's repository link in place when the same blob
      // is uploaded concurrently (identical payloads of parallel signers), so a manifest PUT may briefly
      // see it as unknown. Upload ours again and retry; persistent failures still surface.
      if (!isBlobUnknown(error) || attempt >= maxAttempts) throw error;
      attempt += 1;
      await backoff();
      uploadedConfigs.clear();
      await client.putBlob(ref, payload);
      continue;
    }
    writes += 1;
    const delay = waits ? confirmDelayMs(now() - seen.sentAt, floorMs) : 0;
    const settled = await settle(built.manifestDigest, delay, async () => {
      const after = await readTag();
      return { digest: after.digest, kept: lostLayers(merged, after.layers).length === 0, value: after };
    }, sleep, now);
    if (settled.kept) return { ...result, signatureManifestDigest: built.manifestDigest, alreadySigned: false, writes };
    // Someone wrote from a stale view. Back off (full jitter, so racing signers spread out), read
    // the current state and restore what it lacks: ours and others' layers (their blobs exist,
    // because a manifest referenced them). Signatures are only ever added, never dropped.
    await backoff();
    seen = await readTag();
    if (!progressed([...settled.last.layers, ...seen.layers])) attempt += 1;
    const restore = lostLayers(merged, seen.layers).filter((l) => l !== layer);
    known = [...seen.layers, ...restore];
    repair = restore.length > 0;
  }
  throw new SigningError(
    'SIGN_CONFLICT',
    `other writers kept replacing the signature manifest (${repositoryName(ref)}:${tag}) in ${maxAttempts} attempts; run the signing again`,
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** A manifest PUT refused because the registry does not (yet) see a blob it references. */
function isBlobUnknown(error: unknown): boolean {
  return error instanceof RegistryError && error.status === 400 && error.ociCodes.includes('MANIFEST_BLOB_UNKNOWN');
}

/** A signature layer's identity: its blob and its signature. */
function layerKey(layer: Descriptor): string {
  return `${layer.digest} ${layer.annotations?.[SIGNATURE_ANNOTATION] ?? ''}`;
}

/** Layers of `wanted` that are missing from `actual`. */
function lostLayers(wanted: readonly Descriptor[], actual: readonly Descriptor[]): Descriptor[] {
  return wanted.filter((w) => !actual.some((a) => sameLayer(a, w, SIGNATURE_ANNOTATION)));
}

function identityFor(ref: ImageReference, options: SignImageOptions): string {
  if (options.identity !== undefined && options.identityWithTag === true) {
    throw new SigningError('SIGN_IDENTITY', 'an explicit identity and identity-with-tag exclude each other (sign options); pass only one');
  }
  if (options.identity !== undefined) return options.identity;
  if (options.identityWithTag !== true) return repositoryName(ref);
  if (ref.tag === undefined) {
    throw new SigningError('SIGN_IDENTITY', `identity with tag needs a tag in the image reference (${repositoryName(ref)}); pass repo:tag@sha256:… or repo:tag`);
  }
  return dockerReferenceIdentity(repositoryName(ref), { tag: ref.tag });
}
