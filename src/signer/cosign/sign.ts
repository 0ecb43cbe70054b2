/**
 * The sign use case: cosign's tag-based `.sig` signature for one image, appended to whatever
 * signatures already exist, safe against concurrent signers (re-read after write, merge, retry).
 */
import { loadPublicKey, type Signer } from '../keys/index.js';
import { createRegistryClient, parseReference, RegistryError, repositoryName, type ImageReference, type RegistryClient } from '../oci/index.js';
import { readSignatureLayers, resolveDigest, sameLayer } from './_signatures.js';
import { SigningError } from './_signing-error.js';
import { withClient } from './_with-client.js';
import { signOneOrTree } from './sign-recursive.js';
import {
  appendSignature,
  dockerReferenceIdentity,
  SIGNATURE_ANNOTATION,
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
   * Write attempts before giving up when concurrent signers keep replacing the `.sig` manifest.
   * @default 10
   */
  readonly maxAttempts?: number;
  /**
   * Wait after the manifest `PUT` before re-reading it, in milliseconds. A concurrent signer that
   * read the old manifest just before our `PUT` overwrites it within its next three requests;
   * re-reading after that window (instead of at once) catches the loss at no extra request.
   * 0 re-reads at once (fine when nobody else signs this image at the same time).
   * @default 300
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
/** Largest confirm wait, however slow our own manifest write was, in milliseconds. */
const MAX_CONFIRM_DELAY_MS = 5000;

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
 * Requests for an unsigned image by digest on a registry without auth: `HEAD` the image (it must
 * exist: a signature for nothing would pass as a signed image), upload payload (`POST`, `PUT`), read
 * `.sig` (404), upload config (`POST`, `PUT`), `PUT` manifest, re-read `.sig` = 8. A tag costs no
 * more: its resolving `HEAD` is the existence check. The payload goes first so that the read-modify-write window (read → manifest PUT) is only
 * three requests wide.
 *
 * @throws SigningError, RegistryError, FormatError, InvalidReferenceError
 */
export async function signImage(options: SignImageOptions): Promise<SignImageResult> {
  const ref = typeof options.reference === 'string' ? parseReference(options.reference) : options.reference;
  return withClient(options.client, () => createRegistryClient({ pushIntent: true }), (client) =>
    signOneOrTree(client, ref, options, (manifest) => signWith(client, manifest, options)),
  );
}

async function signWith(client: RegistryClient, ref: ImageReference, options: SignImageOptions): Promise<SignImageResult> {
  // option errors before any request
  const dockerReference = identityFor(ref, options);
  const pending = Promise.resolve(options.signer);
  // Awaited below; a registry failure first must not leave a failed decryption unhandled.
  pending.catch(() => undefined);
  const digest = await resolveDigest(
    client,
    ref,
    (what) => new SigningError('SIGN_IMAGE_NOT_FOUND', `image not found (${what}); check the reference, push the image first or sign by digest`),
    options.onWarning,
    true,
  );
  const payload = simpleSigningPayload({ dockerReference, manifestDigest: digest, ...(options.annotations ? { annotations: options.annotations } : {}) });
  // Blobs before any manifest that points to them; the payload needs no key, so it goes up while
  // the key may still be decrypting.
  await client.putBlob(ref, payload);
  const signer = await pending;
  const signature = Buffer.from(signer.sign(payload)).toString('base64');
  const layer = signatureLayer(payload, signature);
  const tag = signatureTag(digest);
  const verifier = loadPublicKey(signer.publicKeyPem());
  // cosign's duplicate rule: an old layer counts as ours when its signature verifies with our key.
  const isOurs = (old: Descriptor): boolean => {
    const b64 = old.annotations?.[SIGNATURE_ANNOTATION];
    return old.digest === layer.digest && b64 !== undefined && verifier.verify(payload, Buffer.from(b64, 'base64'));
  };
  const result = { digest, signedReference: `${repositoryName(ref)}@${digest}`, signatureTag: tag, dockerReference, payload, signature };
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const confirmDelayMs = Math.max(0, options.confirmDelayMs ?? 300);
  const now = options.clock ?? (() => performance.now());

  let readAt = now();
  let seen = await readSignatureLayers(client, ref, tag);
  let known = seen.layers;
  let writes = 0;
  let repair = false;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const merged = appendSignature(known, layer, isOurs);
    // appendSignature returns the same layers when an equivalent signature of ours is present.
    if (merged.length === known.length && !repair) return { ...result, alreadySigned: writes === 0, writes };
    const built = signatureManifest(merged);
    await client.putBlob(ref, built.config);
    // Safety rule: our read→write window stays under half of every other signer's confirm delay, so a
    // write of theirs that we did not see lands before they re-read, and they repair it. A slow
    // window (a loaded machine) is re-validated with a HEAD first; a changed tag means read again.
    if (confirmDelayMs > 0 && now() - readAt > confirmDelayMs / 2) {
      readAt = now();
      const head = await client.headManifest(ref, tag);
      if (head?.digest !== seen.digest) {
        seen = await readSignatureLayers(client, ref, tag);
        known = [...seen.layers, ...lostLayers(merged, seen.layers).filter((l) => l !== layer)];
        repair = known.length > seen.layers.length;
        continue;
      }
    }
    const putStarted = now();
    try {
      await client.putManifest(ref, tag, built.manifest, built.mediaType);
    } catch (error) {
      // distribution's filesystem store rewrites a blob's repository link in place when the same blob
      // is uploaded concurrently (identical payloads of parallel signers), so a manifest PUT may briefly
      // see it as unknown. Upload ours again and retry; persistent failures still surface.
      if (!isBlobUnknown(error) || attempt === maxAttempts) throw error;
      await sleep(Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt)));
      await client.putBlob(ref, payload);
      continue;
    }
    writes += 1;
    // A slow registry slows every signer's write alike: wait at least a few of our own write times.
    const waitMs = confirmDelayMs > 0 ? Math.min(MAX_CONFIRM_DELAY_MS, Math.max(confirmDelayMs, 4 * (now() - putStarted))) : 0;
    if (waitMs > 0) await sleep(Math.round(waitMs));
    const after = (await readSignatureLayers(client, ref, tag)).layers;
    if (lostLayers(merged, after).length === 0) return { ...result, signatureManifestDigest: built.manifestDigest, alreadySigned: false, writes };
    // Someone wrote from a stale view. Back off (full jitter, so racing signers spread out), read
    // the current state and restore what it lacks: ours and others' layers (their blobs exist,
    // because a manifest referenced them). Signatures are only ever added, never dropped.
    await sleep(Math.round(random() * Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt)));
    readAt = now();
    seen = await readSignatureLayers(client, ref, tag);
    const restore = lostLayers(merged, seen.layers).filter((l) => l !== layer);
    known = [...seen.layers, ...restore];
    repair = restore.length > 0;
  }
  throw new SigningError(
    'SIGN_CONFLICT',
    `other writers kept replacing the signature manifest (${repositoryName(ref)}:${tag}) in ${maxAttempts} attempts; run the signing again`,
  );
}

/** A manifest PUT refused because the registry does not (yet) see a blob it references. */
function isBlobUnknown(error: unknown): boolean {
  return error instanceof RegistryError && error.status === 400 && error.ociCodes.includes('MANIFEST_BLOB_UNKNOWN');
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
