/**
 * A deterministic ustar writer for image layers.
 *
 * Same entries in, same bytes out: entries are sorted by path, every timestamp is {@link TAR_MTIME},
 * owners are numeric with empty user and group names, and no pax or GNU extension headers are ever
 * written (they would carry access times and host names).
 */
import { createReadStream } from 'node:fs';
import { ImageError } from './errors.js';

/** The modification time of every entry: the Unix epoch, as reproducible-builds.org suggests for "no time". */
export const TAR_MTIME = 0;

const BLOCK = 512;
/** ustar stores the size as 11 octal digits. */
const MAX_SIZE = 0o77777777777;

interface TarEntryBase {
  /** Path inside the layer, relative (`usr/bin/node`) or absolute (`/usr/bin/node`); stored without the leading `/`. */
  readonly path: string;
  /** Owner user id. @default 0 */
  readonly uid?: number;
  /** Owner group id. @default 0 */
  readonly gid?: number;
}

/** A regular file whose bytes are in memory. */
export interface TarBytesEntry extends TarEntryBase {
  readonly type: 'file';
  /** Permission bits, e.g. `0o644`. */
  readonly mode: number;
  readonly content: Uint8Array;
}

/** A regular file read from disk while the archive is written (for the ~100 MB node binary). */
export interface TarSourceFileEntry extends TarEntryBase {
  readonly type: 'file';
  readonly mode: number;
  /** Host path to read; only its bytes are used, never its owner, mode or times. */
  readonly sourcePath: string;
  /** Expected size in bytes; a file that changes while it is archived is an error, not a silent difference. */
  readonly size: number;
}

/** A directory. */
export interface TarDirectoryEntry extends TarEntryBase {
  readonly type: 'directory';
  readonly mode: number;
}

/** A symbolic link. */
export interface TarSymlinkEntry extends TarEntryBase {
  readonly type: 'symlink';
  readonly target: string;
}

/** One entry of a layer. */
export type TarEntry = TarBytesEntry | TarSourceFileEntry | TarDirectoryEntry | TarSymlinkEntry;

/** The mode of directories that {@link normalizeTarEntries} adds for missing parents. */
export const DEFAULT_DIRECTORY_MODE = 0o755;

/**
 * Validates entries, adds missing parent directories (root-owned, `0755`) and sorts by path bytes,
 * so the archive does not depend on the order the caller (or the file system) produced them in.
 */
export function normalizeTarEntries(entries: readonly TarEntry[]): TarEntry[] {
  const byPath = new Map<string, TarEntry>();
  for (const entry of entries) {
    const path = normalizePath(entry.path);
    if (byPath.has(path)) {
      throw new ImageError('TAR_DUPLICATE_PATH', `layer entry '${path}' is listed twice; give each path once`);
    }
    byPath.set(path, { ...entry, path });
  }
  for (const path of [...byPath.keys()]) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      const existing = byPath.get(parent);
      if (existing === undefined) {
        byPath.set(parent, { type: 'directory', path: parent, mode: DEFAULT_DIRECTORY_MODE });
      } else if (existing.type !== 'directory') {
        throw new ImageError('TAR_PATH_INVALID', `layer entry '${path}' is inside '${parent}', which is not a directory`);
      }
    }
  }
  return [...byPath.values()].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}

/**
 * Writes a complete tar archive (entries, then two zero blocks) as a stream of chunks.
 *
 * Chunks are at most 1 MiB, so a 100 MB file never sits in memory whole.
 */
export async function* tarChunks(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of normalizeTarEntries(entries)) {
    if (entry.type === 'file' && 'sourcePath' in entry) {
      yield tarHeader(entry, entry.size);
      let read = 0;
      for await (const chunk of createReadStream(entry.sourcePath, { highWaterMark: 1 << 20 })) {
        read += (chunk as Buffer).length;
        if (read > entry.size) break;
        yield chunk as Buffer;
      }
      if (read !== entry.size) {
        throw new ImageError('TAR_PATH_INVALID', `'${entry.sourcePath}' changed size while it was archived (expected ${entry.size} bytes); run the build again`);
      }
      yield padding(entry.size);
    } else if (entry.type === 'file') {
      yield tarHeader(entry, entry.content.length);
      yield Buffer.from(entry.content);
      yield padding(entry.content.length);
    } else {
      yield tarHeader(entry, 0);
    }
  }
  yield Buffer.alloc(2 * BLOCK);
}

/** Collects {@link tarChunks} into one buffer (for small layers and tests). */
export async function tarBuffer(entries: readonly TarEntry[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of tarChunks(entries)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

function normalizePath(raw: string): string {
  const path = raw.replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = path.split('/');
  if (path === '' || parts.some((p) => p === '' || p === '.' || p === '..') || path.includes('\0')) {
    throw new ImageError('TAR_PATH_INVALID', `layer path '${raw}' is not a clean path; use '/'-separated names without '.', '..' or empty parts`);
  }
  return path;
}

function tarHeader(entry: TarEntry, size: number): Buffer {
  if (size > MAX_SIZE) {
    throw new ImageError('TAR_PATH_INVALID', `layer entry '${entry.path}' is ${size} bytes, over the 8 GiB ustar limit`);
  }
  const header = Buffer.alloc(BLOCK);
  const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
  const [prefix, base] = splitName(name);
  header.write(base, 0, 100, 'utf8');
  writeOctal(header, 100, 8, entry.type === 'symlink' ? 0o777 : entry.mode & 0o7777);
  writeOctal(header, 108, 8, entry.uid ?? 0);
  writeOctal(header, 116, 8, entry.gid ?? 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, TAR_MTIME);
  header.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  header.write(entry.type === 'file' ? '0' : entry.type === 'directory' ? '5' : '2', 156, 1, 'ascii');
  if (entry.type === 'symlink') {
    if (Buffer.byteLength(entry.target) > 100) {
      throw new ImageError('TAR_PATH_INVALID', `symlink target of '${entry.path}' is over 100 bytes; shorten it`);
    }
    header.write(entry.target, 157, 100, 'utf8');
  }
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  writeOctal(header, 329, 8, 0);
  writeOctal(header, 337, 8, 0);
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** Splits a long name at a `/` into ustar's 155-byte prefix and 100-byte name, since pax headers are not allowed. */
function splitName(name: string): [prefix: string, base: string] {
  if (Buffer.byteLength(name) <= 100) return ['', name];
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
  for (let i = trimmed.indexOf('/'); i !== -1; i = trimmed.indexOf('/', i + 1)) {
    const prefix = trimmed.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return [prefix, base];
  }
  throw new ImageError('TAR_PATH_INVALID', `layer path '${name}' is too long for ustar (100-byte name, 155-byte prefix); shorten it`);
}

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}
