/**
 * The sign use case in cosign v3's format (`--new-bundle-format`): a Sigstore bundle (DSSE around an
 * in-toto statement) stored as an OCI 1.1 referrer of the image. A referrer is a manifest of its
 * own, PUT by digest, so concurrent signers never overwrite each other's signature; only the
 * referrers tag schema index (registries without the referrers API) is read-modify-write.
 */
import { createPublicKey } from 'node:crypto';

import type { Signer } from '../keys/index.js';
import { createRegistryClient, parseReference, RegistryError, repositoryName, type ImageReference, type ReferrersClient, type RegistryClient } from '../oci/index.js';
import { addToFallbackIndex } from './_referrers.js';
import { resolveDigest } from './_signatures.js';
import { SigningError } from './_signing-error.js';
import { withClient } from './_with-client.js';
import { signOneOrTree } from './sign-recursive.js';
import { dsseBundle } from './bundle.js';
import { IN_TOTO_PAYLOAD_TYPE, preAuthEncoding } from './dsse.js';
import { bundleReferrerManifest, EMPTY_BLOB, referrersTag } from './referrer.js';
import { signStatement } from './statement.js';

/** Options of {@link signImageBundle}. */
export interface SignImageBundleOptions {
  /** The image: `registry/repo@sha256:…` (recommended) or `registry/repo:tag` (resolved, with a warning). */
  readonly reference: string | ImageReference;
  /**
   * The private key, or a promise of it: then the image `HEAD` and the empty-config upload run while
   * the key is still being decrypted.
   */
  readonly signer: Signer | PromiseLike<Signer>;
  /**
   * `-a key=value` annotations, signed into the statement subject's annotations.
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /**
   * cosign's `--recursive`: when the image is an OCI image index or a Docker manifest list, also sign
   * every manifest it lists (nested indexes included), each with a referrer of its own, the index last.
   * The result stays the top's.
   * @default false (only the given manifest is signed)
   */
  readonly recursive?: boolean;
  /**
   * The registry client; it should be created with `pushIntent: true`.
   * @default - a client with anonymous access and default options, closed when done
   */
  readonly client?: RegistryClient & ReferrersClient;
  /**
   * Receives warnings (a tag was resolved to a digest).
   * @default - warnings are dropped
   */
  readonly onWarning?: (message: string) => void;
  /**
   * The time recorded in the referrer's `org.opencontainers.image.created` annotation.
   * @default - now
   */
  readonly now?: () => Date;
  /**
   * Lower bound of the wait after writing the referrers tag schema index (only on registries without
   * the referrers API), in milliseconds; 0 re-reads at once (no concurrent signer of this image).
   * @deprecated The wait is now measured: a multiple of this signer's own read→write window of the
   * index (see docs/cli.md, "Concurrent signers"); a fixed wait is no longer needed. Omit it, or pass 0.
   * @default - measured (3 × the read→write window, at least 10 ms, at most 5 s)
   */
  readonly confirmDelayMs?: number;
  /**
   * Index write attempts before giving up when concurrent signers keep replacing it.
   * @default 10
   */
  readonly maxAttempts?: number;
  /**
   * Sleeps between attempts (tests inject a fake).
   * @default - `setTimeout`
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Random source in [0, 1) for back-off jitter.
   * @default Math.random
   */
  readonly random?: () => number;
}

/** What {@link signImageBundle} did. */
export interface SignImageBundleResult {
  /** The signed manifest digest. */
  readonly digest: string;
  /** `registry/repository@digest`, what the CLI prints. */
  readonly signedReference: string;
  /** The statement bytes (the DSSE payload). */
  readonly statement: Uint8Array;
  /** The bundle JSON bytes (the referrer's layer). */
  readonly bundle: Uint8Array;
  /** Digest of the referrer manifest. */
  readonly referrerDigest: string;
  /** `api` when the registry indexes referrers itself, `tag` when signet updated the `sha256-<hex>` index. */
  readonly referrersSource: 'api' | 'tag';
  /** The fallback index tag, when one was written or checked. @default - none (referrers API) */
  readonly referrersTag?: string;
  /**
   * With `recursive`, the result of every manifest signed below the index, in the order the index lists them (depth first).
   * @default - none: not recursive (with `recursive` on a single manifest: empty)
   */
  readonly children?: readonly SignImageBundleResult[];
}

/**
 * Signs one image the way `cosign sign --key … --tlog-upload=false` does in cosign v3's default
 * format (no transparency log, no timestamp).
 *
 * Requests for an image by digest on a registry without auth: at once, while the key may still be
 * decrypting, `HEAD` image (the subject descriptor, and the existence check), `{}` blob upload
 * (`POST`+`PUT`), the referrers API probe and the `POST` that opens the bundle's upload; then, with
 * the key, the bundle blob `PUT` and the referrer `PUT` = 7 with the referrers API, and nothing to
 * wait for: the registry keeps the list, and a manifest `PUT` by digest cannot be overwritten by
 * anyone else's. Without the API: + `GET` index tag, `PUT` index, confirming `GET` after a measured
 * wait = 10.
 *
 * @throws SigningError, RegistryError, FormatError, InvalidReferenceError
 */
export async function signImageBundle(options: SignImageBundleOptions): Promise<SignImageBundleResult> {
  const ref = typeof options.reference === 'string' ? parseReference(options.reference) : options.reference;
  return withClient(options.client, () => createRegistryClient({ pushIntent: true }), (client) =>
    signOneOrTree(client, ref, options, (manifest) => signWith(client, manifest, options)),
  );
}

async function signWith(client: RegistryClient & ReferrersClient, ref: ImageReference, options: SignImageBundleOptions): Promise<SignImageBundleResult> {
  const pending = Promise.resolve(options.signer);
  // Awaited below; a registry failure first must not leave a failed decryption unhandled.
  pending.catch(() => undefined);
  const notFound = (what: string): SigningError => new SigningError('SIGN_IMAGE_NOT_FOUND', `image not found (${what}); check the tag or sign by digest`);
  const digest = await resolveDigest(client, ref, notFound, options.onWarning);
  // None of this needs the key. The subject descriptor needs the manifest's media type and size: one
  // HEAD, as cosign does. Like sigstore-js, trust the referrers probe rather than the OCI-Subject
  // header alone (some registries send the header without serving the API).
  // The bundle's own upload is opened now too: after the key, its bytes are one request away.
  const [head, , answer, bundleUpload] = await Promise.all([
    client.headManifest(ref, digest),
    client.putBlob(ref, EMPTY_BLOB),
    client.getReferrers(ref, digest),
    client.startBlobUpload?.(ref),
  ]);
  if (head === undefined) throw notFound(`${repositoryName(ref)}@${digest}`);
  const statement = signStatement({ manifestDigest: digest, ...(options.annotations ? { annotations: options.annotations } : {}) });
  const signer = await pending;
  const signature = signer.sign(preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, statement));
  const publicKeyDer = new Uint8Array(createPublicKey(signer.publicKeyPem()).export({ type: 'spki', format: 'der' }));
  const bundle = dsseBundle({ payload: statement, signature, publicKeyDer });
  const referrer = bundleReferrerManifest({ bundle, subject: { mediaType: head.mediaType, size: head.size, digest }, created: (options.now ?? (() => new Date()))() });

  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  for (let attempt = 1; ; attempt += 1) {
    await (attempt > 1
      ? Promise.all([client.putBlob(ref, EMPTY_BLOB), client.putBlob(ref, bundle)])
      : bundleUpload === undefined
        ? client.putBlob(ref, bundle)
        : bundleUpload.finish(bundle));
    try {
      await client.putManifestByDigest(ref, referrer.manifest, referrer.descriptor.mediaType);
      break;
    } catch (error) {
      // distribution's filesystem store rewrites a blob's link in place when the same blob (`{}`) is
      // uploaded concurrently, so the manifest PUT may briefly miss it: upload again and retry.
      if (!isBlobUnknown(error) || attempt >= maxAttempts) throw error;
      await sleep(Math.round(random() * Math.min(2000, 50 * 2 ** attempt)));
    }
  }
  const result = { digest, signedReference: `${repositoryName(ref)}@${digest}`, statement, bundle, referrerDigest: referrer.manifestDigest };
  if (answer.supported) return { ...result, referrersSource: 'api' };
  await addToFallbackIndex(client, ref, digest, referrer.descriptor, {
    ...(options.confirmDelayMs === undefined ? {} : { confirmDelayMs: Math.max(0, options.confirmDelayMs) }),
    maxAttempts,
    sleep,
    random,
  });
  return { ...result, referrersSource: 'tag', referrersTag: referrersTag(digest) };
}

/** A manifest PUT refused because the registry does not (yet) see a blob it references. */
function isBlobUnknown(error: unknown): boolean {
  return error instanceof RegistryError && error.status === 400 && error.ociCodes.includes('MANIFEST_BLOB_UNKNOWN');
}
