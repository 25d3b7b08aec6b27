/**
 * The decode cache of train:full: every image decoded and resized to the chain's Resize size,
 * stored once on disk as raw RGB bytes, so a run after the first skips decoding (about 70 s for
 * the full set). The key covers what decides the bytes: each image's path, size and
 * modification time, the size, and a hash of the decode/resize source (and the versions of
 * sharp and libvips, which decode the JPEGs).
 * A cache file whose key, length or content hash does not match is never trusted: it is
 * rebuilt. Writes go to a temporary file that is renamed, so a crash leaves no half file.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** Source files (relative to the project root) whose code decides the cached bytes. */
export const DECODE_SOURCES = [
  'src/lib/data/assets-node.ts',
  'src/lib/transforms/image.ts',
  'src/lib/transforms/resize.ts',
  'src/lib/train/decode-node.ts',
];

const MAGIC = Buffer.from('C101RSZ1');
const FORMAT = 1;
/** Read and hashed in pieces: a whole file may be larger than one readFile may return (2 GiB). */
const PIECE = 64 * 1024 * 1024;

interface CacheHeader {
  format: number;
  key: string;
  count: number;
  size: number;
  sha256: string;
}

/** The cache key of `paths` (relative to `folder`) at `size` px: sha256 hex. Throws when a source file is missing. */
export async function cacheKey(folder: string, paths: string[], size: number, projectRoot: string): Promise<string> {
  const h = createHash('sha256').update(`format ${FORMAT}\nsize ${size}\n${JSON.stringify(sharp.versions)}\n`);
  for (const file of DECODE_SOURCES) h.update(`${file}\n`).update(await readFile(join(projectRoot, file)));
  const stats = await Promise.all(paths.map((p) => stat(join(folder, p))));
  paths.forEach((p, i) => h.update(`${p}\0${stats[i].size}\0${stats[i].mtimeMs}\n`));
  return h.digest('hex');
}

/** The cache file for `size` px: one per size, so a new key replaces the old file. */
export const cacheFile = (cacheDir: string, size: number) => join(cacheDir, `resized-${size}.bin`);

/**
 * The cached bytes (`[count, size, size, 3]`) if `file` holds exactly this key, count and size
 * with an intact content hash; otherwise null and why (missing, stale or damaged).
 */
export async function readCache(file: string, key: string, count: number, size: number): Promise<{ bytes: Uint8Array } | { reason: string }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { reason: 'no cache yet' };
  }
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    if ((await handle.read(head, 0, head.length, 0)).bytesRead !== head.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) return { reason: 'damaged (no header)' };
    const headerLength = head.readUInt32LE(MAGIC.length);
    if (headerLength > 4096) return { reason: 'damaged (header length)' };
    const headerBytes = Buffer.alloc(headerLength);
    await handle.read(headerBytes, 0, headerLength, head.length);
    let header: CacheHeader;
    try {
      header = JSON.parse(headerBytes.toString('utf8')) as CacheHeader;
    } catch {
      return { reason: 'damaged (header)' };
    }
    if (header.format !== FORMAT || header.key !== key || header.count !== count || header.size !== size) return { reason: 'stale (images, size or decode code changed)' };
    const length = count * size * size * 3;
    const start = head.length + headerLength;
    if ((await handle.stat()).size !== start + length) return { reason: 'damaged (wrong length)' };
    const bytes = new Uint8Array(length);
    const h = createHash('sha256');
    for (let at = 0; at < length; at += PIECE) {
      const n = Math.min(PIECE, length - at);
      const { bytesRead } = await handle.read(bytes, at, n, start + at);
      if (bytesRead !== n) return { reason: 'damaged (short read)' };
      h.update(bytes.subarray(at, at + n));
    }
    if (h.digest('hex') !== header.sha256) return { reason: 'damaged (content hash)' };
    return { bytes };
  } finally {
    await handle.close();
  }
}

/** Writes `bytes` under `key` atomically (temporary file, then rename). */
export async function writeCache(file: string, key: string, count: number, size: number, bytes: Uint8Array): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true });
  const h = createHash('sha256');
  for (let at = 0; at < bytes.length; at += PIECE) h.update(bytes.subarray(at, Math.min(bytes.length, at + PIECE)));
  const header = Buffer.from(JSON.stringify({ format: FORMAT, key, count, size, sha256: h.digest('hex') } satisfies CacheHeader), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const tmp = `${file}.tmp-${process.pid}`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(Buffer.concat([MAGIC, length, header]));
    for (let at = 0; at < bytes.length; at += PIECE) await handle.write(bytes.subarray(at, Math.min(bytes.length, at + PIECE)));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(tmp, file);
}
