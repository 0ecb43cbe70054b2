/**
 * Gzip framing (RFC 1952) with fixed header fields, over two DEFLATE engines:
 * - {@link gzipPortable}: the project's own encoder, identical output on every machine (used for the signer layer);
 * - {@link createRuntimeGzip}: Node's zlib at {@link RUNTIME_GZIP_LEVEL}, fast but only reproducible for the same
 *   zlib build on the same CPU class (used for the ~100 MB runtime base layer, which is machine-specific anyway).
 */
import { crc32, constants as zlibConstants, createGzip, type Gzip } from 'node:zlib';
import { deflateRawPortable } from './deflate.js';

/**
 * The zlib level for the runtime base layer. 6 is zlib's own default: level 9 took 8× longer on the
 * node binary for about 1.5 % fewer bytes.
 */
export const RUNTIME_GZIP_LEVEL = 6;

/** Header: magic, CM=deflate, no flags, MTIME=0, XFL=0, OS=3 (Unix); no name, comment or extra field. */
const GZIP_HEADER = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);

/** Gzips `data` with the portable encoder; the bytes depend on nothing but `data`. */
export function gzipPortable(data: Uint8Array): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, deflateRawPortable(data), trailer]);
}

/** A Node zlib gzip stream with the fixed level and default window and memory settings. */
export function createRuntimeGzip(): Gzip {
  return createGzip({
    level: RUNTIME_GZIP_LEVEL,
    windowBits: 15,
    memLevel: 8,
    strategy: zlibConstants.Z_DEFAULT_STRATEGY,
  });
}

/**
 * What Node's gzip output depends on besides the input and level, recorded next to cached and locked
 * layers so a difference can be explained rather than guessed at.
 */
export function runtimeGzipIdentity(): string {
  return `node-zlib ${process.versions.zlib} level ${RUNTIME_GZIP_LEVEL} ${process.arch}`;
}
