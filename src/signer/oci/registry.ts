import { createHash } from 'node:crypto';

import { RegistryError } from './errors.js';
import { describeRequest } from './redact.js';
import { isDigest, isTag, type RepositoryRef } from './reference.js';
import { Transport } from './transport.js';
import { resolveLocation } from './transport-origin.js';
import type { RegistryResponse, Scope, TransportOptions } from './transport-types.js';

/** Manifest media types signet asks for (OCI and Docker, single and multi-platform). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** What a manifest `HEAD` tells: enough to resolve a tag and build a descriptor. */
export interface ManifestHead {
  /** The manifest's digest (`sha256:…`). */
  readonly digest: string;
  /** Its media type (OCI or Docker, image or index). */
  readonly mediaType: string;
  /** Its size in bytes. */
  readonly size: number;
}

/** A manifest as read from the registry, its digest verified against the bytes. */
export interface Manifest extends ManifestHead {
  /** The manifest as stored, byte for byte. */
  readonly bytes: Uint8Array;
}

/** Where a blob was written. */
export interface BlobWritten {
  /** The blob's digest (`sha256:…`). */
  readonly digest: string;
  /** Its size in bytes. */
  readonly size: number;
  /** False when the blob already existed and nothing was uploaded. */
  readonly uploaded: boolean;
}

/** Options of {@link Pusher.putBlob}. */
export interface PutBlobOptions {
  /**
   * `HEAD` the blob first and skip the upload when it exists. Costs one request; worth it for
   * large blobs, not for small new ones (a `POST`+`PUT` of a few hundred bytes is as cheap).
   * @default false
   */
  readonly skipIfExists?: boolean;
}

/** A blob upload started before its bytes were known; see {@link Pusher.startBlobUpload}. */
export interface BlobUpload {
  /** Sends the bytes (`PUT ?digest=`), completing the upload; returns the digest and size. */
  finish(bytes: Uint8Array): Promise<BlobWritten>;
}

/** Options of {@link Fetcher.getBlob}. */
export interface GetBlobOptions {
  /**
   * Largest body read, in bytes, when the caller knows the blob's size (its descriptor's `size`):
   * a registry cannot make the client read more than the document that named the blob declared.
   * The client's own limit still applies when it is lower.
   * @default - the client's `maxBlobBytes`
   */
  readonly maxBytes?: number;
}

/** Read side of the registry API (cf. ggcr `remote.Puller`). */
export interface Fetcher {
  /** `HEAD` a manifest by tag or digest; `undefined` when it does not exist. */
  headManifest(repo: RepositoryRef, tagOrDigest: string): Promise<ManifestHead | undefined>;
  /** `GET` a manifest by tag or digest, verifying its digest; `undefined` when it does not exist. */
  getManifest(repo: RepositoryRef, tagOrDigest: string): Promise<Manifest | undefined>;
  /** True when the blob exists. */
  headBlob(repo: RepositoryRef, digest: string): Promise<boolean>;
  /** `GET` a blob, verifying its digest. */
  getBlob(repo: RepositoryRef, digest: string, options?: GetBlobOptions): Promise<Uint8Array>;
}

/** Write side of the registry API (cf. ggcr `remote.Pusher`). */
export interface Pusher {
  /** `PUT` a manifest under a tag or its digest; returns the digest of `bytes`. */
  putManifest(repo: RepositoryRef, tagOrDigest: string, bytes: Uint8Array, mediaType: string): Promise<string>;
  /** Monolithic upload (`POST` then `PUT ?digest=`); returns the digest and size. */
  putBlob(repo: RepositoryRef, bytes: Uint8Array, options?: PutBlobOptions): Promise<BlobWritten>;
  /**
   * Opens an upload (`POST`) whose bytes come later ({@link BlobUpload.finish}): a signer opens the one
   * for its signature blob while the key is still being decrypted. Optional, so that clients written
   * against the earlier interface still fit; callers fall back to {@link Pusher.putBlob}.
   */
  startBlobUpload?(repo: RepositoryRef): Promise<BlobUpload>;
}

/** What the referrers API answered for a subject. */
export type ReferrersAnswer =
  /** The registry implements `GET /v2/<name>/referrers/<digest>`: the index it returned. */
  | { readonly supported: true; readonly index: Uint8Array }
  /** It does not (404 or 400): use the referrers tag schema instead. */
  | { readonly supported: false };

/** What a manifest `PUT` by digest reported. */
export interface ManifestPut {
  /** The digest of the bytes. */
  readonly digest: string;
  /** The `OCI-Subject` response header: the registry says it indexed the subject. @default - absent */
  readonly ociSubject?: string;
}

/** OCI 1.1 referrers verbs (distribution-spec "Listing Referrers", "Pushing Manifests with Subject"). */
export interface ReferrersClient {
  /** `GET /v2/<name>/referrers/<digest>`: the index, or `supported: false` when the API is missing. */
  getReferrers(repo: RepositoryRef, digest: string): Promise<ReferrersAnswer>;
  /** `PUT` a manifest under its own digest; returns the digest and the `OCI-Subject` header. */
  putManifestByDigest(repo: RepositoryRef, bytes: Uint8Array, mediaType: string): Promise<ManifestPut>;
}

/** Both sides, as used by sign and verify. */
export interface RegistryClient extends Fetcher, Pusher {
  /** Releases pooled connections. */
  close(): void;
}

/** Options of {@link createRegistryClient}. */
export interface RegistryClientOptions extends TransportOptions {
  /**
   * Ask for `pull,push` tokens from the first request on, so that one token serves a whole signing
   * run instead of a pull token followed by a push token.
   * @default false
   */
  readonly pushIntent?: boolean;
  /**
   * Largest blob read by {@link Fetcher.getBlob}, in bytes (signature payloads are small).
   * @default 16777216 (16 MiB)
   */
  readonly maxBlobBytes?: number;
}

/** Default of {@link RegistryClientOptions.maxBlobBytes}: 16 MiB. */
export const DEFAULT_MAX_BLOB_BYTES = 16 * 1024 * 1024;

/** sha256 digest string of some bytes. */
function sha256(bytes: Uint8Array): string {
  return digestOf(bytes, 'sha256');
}

/** The digest of some bytes with the algorithm of a well-formed digest (`sha256`, `sha384` or `sha512`). */
function digestOf(bytes: Uint8Array, algorithm: string): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

/** The algorithm part of a well-formed digest. */
function algorithmOf(digest: string): string {
  return digest.slice(0, digest.indexOf(':'));
}

/**
 * Digests and tags usually come from registry documents (manifests, indexes, headers): one that is not
 * well-formed never becomes part of a URL (`sha256:../../x` would address another resource).
 */
function checkTarget(repo: RepositoryRef, value: string, kind: 'blob' | 'manifest'): void {
  if (kind === 'manifest' ? isTag(value) || isDigest(value) : isDigest(value)) return;
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  const expected = kind === 'blob' ? 'a digest' : 'a tag or a digest';
  throw new RegistryError(
    'REGISTRY_BAD_RESPONSE',
    `${kind} ${shown} is not ${expected} (${repo.registry}/${repo.repository}); digests are sha256:, sha384: or sha512: and lowercase hex, the document that named it is malformed`,
  );
}

/** Creates a {@link RegistryClient} over a {@link Transport}. */
export function createRegistryClient(options: RegistryClientOptions = {}): RegistryClient & ReferrersClient {
  return new DistributionClient(new Transport(options), options);
}

/** The OCI distribution API verbs over a {@link Transport}. */
export class DistributionClient implements RegistryClient, ReferrersClient {
  public constructor(
    private readonly transport: Transport,
    private readonly options: Pick<RegistryClientOptions, 'pushIntent' | 'maxBlobBytes'> = {},
  ) {}

  /** @inheritdoc */
  public close(): void {
    this.transport.close();
  }

  /** @inheritdoc */
  public async headManifest(repo: RepositoryRef, tagOrDigest: string): Promise<ManifestHead | undefined> {
    checkTarget(repo, tagOrDigest, 'manifest');
    const res = await this.call(repo, 'HEAD', `manifests/${tagOrDigest}`, [200, 404], { accept: MANIFEST_ACCEPT }, 'pull');
    if (res.status === 404) return undefined;
    const digest = res.headers['docker-content-digest'];
    if (digest === undefined || !isDigest(digest)) {
      // Some registries omit the digest on HEAD; a GET computes it from the bytes.
      const manifest = await this.getManifest(repo, tagOrDigest);
      return manifest === undefined ? undefined : { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.size };
    }
    if (isDigest(tagOrDigest) && digest !== tagOrDigest) throw mismatch('HEAD', res.url, tagOrDigest, digest);
    return { digest, mediaType: mediaTypeOf(res), size: Number(res.headers['content-length'] ?? 0) };
  }

  /** @inheritdoc */
  public async getManifest(repo: RepositoryRef, tagOrDigest: string): Promise<Manifest | undefined> {
    checkTarget(repo, tagOrDigest, 'manifest');
    const res = await this.call(repo, 'GET', `manifests/${tagOrDigest}`, [200, 404], { accept: MANIFEST_ACCEPT }, 'pull');
    if (res.status === 404) return undefined;
    const digest = sha256(res.body);
    const expected = isDigest(tagOrDigest) ? tagOrDigest : res.headers['docker-content-digest'];
    if (expected !== undefined && isDigest(expected)) {
      const actual = digestOf(res.body, algorithmOf(expected));
      if (actual !== expected) throw mismatch('GET', res.url, expected, actual);
    }
    return { bytes: res.body, digest, mediaType: mediaTypeOf(res), size: res.body.byteLength };
  }

  /** @inheritdoc */
  public async headBlob(repo: RepositoryRef, digest: string): Promise<boolean> {
    checkTarget(repo, digest, 'blob');
    const res = await this.call(repo, 'HEAD', `blobs/${digest}`, [200, 404], {}, 'pull');
    return res.status === 200;
  }

  /** @inheritdoc */
  public async getBlob(repo: RepositoryRef, digest: string, options: GetBlobOptions = {}): Promise<Uint8Array> {
    checkTarget(repo, digest, 'blob');
    const limit = Math.min(this.options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES, options.maxBytes ?? Number.POSITIVE_INFINITY);
    const res = await this.call(repo, 'GET', `blobs/${digest}`, [200], {}, 'pull', limit);
    const actual = digestOf(res.body, algorithmOf(digest));
    if (actual !== digest) throw mismatch('GET', res.url, digest, actual);
    return res.body;
  }

  /** @inheritdoc */
  public async putManifest(repo: RepositoryRef, tagOrDigest: string, bytes: Uint8Array, mediaType: string): Promise<string> {
    const digest = sha256(bytes);
    const res = await this.call(repo, 'PUT', `manifests/${tagOrDigest}`, [200, 201, 202], { 'content-type': mediaType }, 'push', undefined, bytes);
    const reported = res.headers['docker-content-digest'];
    if (reported !== undefined && reported.startsWith('sha256:') && reported !== digest) throw mismatch('PUT', res.url, digest, reported);
    return digest;
  }

  /** @inheritdoc */
  public async getReferrers(repo: RepositoryRef, digest: string): Promise<ReferrersAnswer> {
    // distribution-spec: a registry with the API answers 200 (an empty index for an unknown subject);
    // ggcr and sigstore-js read 404 and 400 as "no API" and use the tag schema.
    const res = await this.call(repo, 'GET', `referrers/${digest}`, [200, 400, 404], { accept: 'application/vnd.oci.image.index.v1+json' }, 'pull', this.options.maxBlobBytes ?? 16 * 1024 * 1024);
    if (res.status !== 200) return { supported: false };
    return { supported: true, index: res.body };
  }

  /** @inheritdoc */
  public async putManifestByDigest(repo: RepositoryRef, bytes: Uint8Array, mediaType: string): Promise<ManifestPut> {
    const digest = sha256(bytes);
    const res = await this.call(repo, 'PUT', `manifests/${digest}`, [200, 201, 202], { 'content-type': mediaType }, 'push', undefined, bytes);
    const reported = res.headers['docker-content-digest'];
    if (reported !== undefined && reported.startsWith('sha256:') && reported !== digest) throw mismatch('PUT', res.url, digest, reported);
    const subject = res.headers['oci-subject'];
    return { digest, ...(subject === undefined || subject === '' ? {} : { ociSubject: subject }) };
  }

  /** @inheritdoc */
  public async putBlob(repo: RepositoryRef, bytes: Uint8Array, options: PutBlobOptions = {}): Promise<BlobWritten> {
    const digest = sha256(bytes);
    const written = { digest, size: bytes.byteLength };
    if ((options.skipIfExists ?? false) && (await this.headBlob(repo, digest))) return { ...written, uploaded: false };
    try {
      await this.upload(repo, bytes, digest);
    } catch (error) {
      // A retried PUT whose first try did land gets BLOB_UPLOAD_UNKNOWN: check before failing.
      if (error instanceof RegistryError && error.status === 404 && (await this.headBlob(repo, digest))) return { ...written, uploaded: true };
      throw error;
    }
    return { ...written, uploaded: true };
  }

  /** @inheritdoc */
  public async startBlobUpload(repo: RepositoryRef): Promise<BlobUpload> {
    const target = await this.openUpload(repo);
    return {
      finish: async (bytes) => {
        const digest = sha256(bytes);
        try {
          await this.sendUpload(repo, target, bytes, digest);
        } catch (error) {
          // the session is gone (expired, or a retried PUT that did land): a fresh upload settles it
          if (error instanceof RegistryError && error.status === 404) return this.putBlob(repo, bytes);
          throw error;
        }
        return { digest, size: bytes.byteLength, uploaded: true };
      },
    };
  }

  private async upload(repo: RepositoryRef, bytes: Uint8Array, digest: string): Promise<void> {
    await this.sendUpload(repo, await this.openUpload(repo), bytes, digest);
  }

  /** `POST blobs/uploads/`: the URL the bytes go to. */
  private async openUpload(repo: RepositoryRef): Promise<URL> {
    const started = await this.call(repo, 'POST', 'blobs/uploads/', [202], {}, 'push', undefined, new Uint8Array(0));
    const location = started.headers.location;
    if (location === undefined || location === '') {
      throw new RegistryError('REGISTRY_BAD_RESPONSE', `registry started an upload without a Location header (${describeRequest('POST', started.url)}); the registry is not OCI-conformant`, {
        status: started.status,
        request: describeRequest('POST', started.url),
      });
    }
    return resolveLocation(location, started.url, 'POST');
  }

  /** `PUT <location>?digest=`: the whole blob in one request. */
  private async sendUpload(repo: RepositoryRef, location: URL, bytes: Uint8Array, digest: string): Promise<void> {
    const target = new URL(location);
    target.searchParams.set('digest', digest);
    await this.transport.request(
      {
        method: 'PUT',
        registry: repo.registry,
        path: target.toString(),
        scope: this.scope(repo, 'push'),
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      },
      [201, 204],
    );
  }

  private scope(repo: RepositoryRef, need: 'pull' | 'push'): Scope {
    const actions: ('pull' | 'push')[] = need === 'push' || (this.options.pushIntent ?? false) ? ['pull', 'push'] : ['pull'];
    return { repository: repo.repository, actions };
  }

  private call(
    repo: RepositoryRef,
    method: 'GET' | 'HEAD' | 'PUT' | 'POST',
    suffix: string,
    expect: readonly number[],
    headers: Record<string, string>,
    need: 'pull' | 'push',
    maxBodyBytes?: number,
    body?: Uint8Array,
  ): Promise<RegistryResponse> {
    return this.transport.request(
      {
        method,
        registry: repo.registry,
        path: `/v2/${repo.repository}/${suffix}`,
        scope: this.scope(repo, need),
        headers,
        ...(body === undefined ? {} : { body }),
        ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
      },
      expect,
    );
  }
}

function mediaTypeOf(res: RegistryResponse): string {
  return (res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
}

function mismatch(method: string, url: URL, expected: string, actual: string): RegistryError {
  const request = describeRequest(method, url);
  return new RegistryError('REGISTRY_DIGEST_MISMATCH', `registry returned content with digest ${actual}, expected ${expected} (${request}); the registry or a proxy altered the content`, { request });
}
