/**
 * Image layers: a tar of entries, gzipped, described by its compressed digest (the blob) and its
 * uncompressed digest (the `diff_id` in the image config).
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MEDIA_TYPES } from './constants.js';
import { type Descriptor as OciDescriptor, sha256Digest, type Sha256Digest } from '../shared/oci/index.js';
import { createRuntimeGzip, gzipPortable } from './gzip.js';
import { tarBuffer, tarChunks, type TarEntry } from './tar.js';

/** A descriptor of a blob signet wrote or checked, so its digest is sha256. */
export type Descriptor = OciDescriptor<Sha256Digest>;

/** A blob of the image, in memory or in a file. */
export type Blob =
  | { readonly descriptor: Descriptor; readonly bytes: Uint8Array }
  | { readonly descriptor: Descriptor; readonly path: string };

/** A layer blob plus its `diff_id`. */
export type Layer = Blob & { readonly diffId: Sha256Digest };

/** Builds a small layer in memory with the portable gzip, so its digest is the same on every machine. */
export async function buildPortableLayer(entries: readonly TarEntry[]): Promise<Layer & { bytes: Uint8Array }> {
  const tar = await tarBuffer(entries);
  const bytes = gzipPortable(tar);
  return {
    descriptor: { mediaType: MEDIA_TYPES.ociLayerTarGzip, digest: sha256Digest(bytes), size: bytes.length },
    diffId: sha256Digest(tar),
    bytes,
  };
}

/** The `diff_id` a set of entries would have, without compressing (cheap cache key for big layers). */
export async function tarDiffId(entries: readonly TarEntry[]): Promise<Sha256Digest> {
  const hash = createHash('sha256');
  for await (const chunk of tarChunks(entries)) hash.update(chunk);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Streams a big layer to `outFile` through Node's zlib (see `gzip.ts` for why that is only
 * reproducible per machine). Writes to a temporary name first so an interrupted build never
 * leaves a truncated blob behind.
 */
export async function buildRuntimeLayer(entries: readonly TarEntry[], outFile: string): Promise<Layer & { path: string }> {
  const tarHash = createHash('sha256');
  const gzHash = createHash('sha256');
  let size = 0;
  const partial = `${outFile}.partial`;
  await pipeline(
    tarChunks(entries),
    tap((chunk) => tarHash.update(chunk)),
    createRuntimeGzip(),
    tap((chunk) => { gzHash.update(chunk); size += chunk.length; }),
    createWriteStream(partial),
  );
  await rename(partial, outFile);
  return {
    descriptor: { mediaType: MEDIA_TYPES.ociLayerTarGzip, digest: `sha256:${gzHash.digest('hex')}`, size },
    diffId: `sha256:${tarHash.digest('hex')}`,
    path: outFile,
  };
}

function tap(observe: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      observe(chunk);
      done(null, chunk);
    },
  });
}
