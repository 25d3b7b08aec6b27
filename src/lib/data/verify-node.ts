/**
 * The content check of `npm run data`: every image of the data set is compared with the official
 * archive's (a 32-bit prefix of each file's SHA-256, caltech101-digests.json) and decoded in
 * full, so a truncated file or a run of zeroed bytes is named before anything trains on it.
 * Decoding alone is not enough: libjpeg decodes 4 KB of zeros in place without a warning in 13
 * of 300 tries on real Caltech images (the zeros are valid Huffman codes). Separate from the data
 * hash of run records (paths and sizes, hashDatasetIndex), which stays as it is.
 *
 * Decoding all 8,677 images costs tens of seconds, so the files that passed are remembered by
 * size and modification time in a small cache file; a second run only decodes what changed.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DatasetError } from './dataset-error';

/** Decodes one image (its file's bytes) in full; rejects with the decoder's reason when it is damaged. */
export type DecodeCheck = (bytes: Buffer) => Promise<void>;

/**
 * libjpeg through sharp, failing on warnings: a truncated file ("premature end of JPEG image")
 * and zeroed entropy-coded data ("Corrupt JPEG data: premature end of data segment") are only
 * warnings to libjpeg, which would otherwise decode them to a grey smear without complaint.
 */
export const decodeWithSharp: DecodeCheck = async (bytes) => {
  await sharp(bytes, { failOn: 'warning' }).raw().toBuffer();
};

/**
 * What the official images' contents hash to: per class folder, the first 8 hex digits of each
 * file's SHA-256, in file order (image_0001.jpg first; every class numbers its files from 1).
 */
export type ImageDigests = Record<string, string>;

/** The short digest of a file's bytes (first 8 hex digits of its SHA-256). */
export const shortDigest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);

/** The official digest of `path` (`class/image_NNNN.jpg`), or null for a file the official data set does not have. */
export function officialDigest(digests: ImageDigests, path: string): string | null {
  const m = /^([^/]+)\/image_(\d{4})\.jpg$/.exec(path);
  const all = m ? digests[m[1]] : undefined;
  if (!m || !all) return null;
  const at = (Number(m[2]) - 1) * 8;
  return at >= 0 && at + 8 <= all.length ? all.slice(at, at + 8) : null;
}

/** The digest table of the data set in `folder` (for caltech101-digests.json, made from a verified download). */
export async function computeDigests(folder: string, paths: string[]): Promise<ImageDigests> {
  const digests: ImageDigests = {};
  for (const path of paths) {
    const cls = path.split('/')[0];
    const expected = `${cls}/image_${String((digests[cls]?.length ?? 0) / 8 + 1).padStart(4, '0')}.jpg`;
    if (path !== expected) throw new Error(`cannot list ${path} in the digest table: expected ${expected} next`);
    digests[cls] = (digests[cls] ?? '') + shortDigest(await readFile(join(folder, path)));
  }
  return digests;
}

/** Options of the content check: the official digests and the cache of files that passed. */
export interface VerifyOptions {
  /** The official contents to compare with; none: decoding only (a data set other than the official one). */
  digests?: ImageDigests;
  /** Remembers the files that passed (by size and mtime); none: decode everything every time. */
  cacheFile?: string;
  /** Images decoded at once (default 4; sharp spreads each over its own threads). */
  concurrency?: number;
  decode?: DecodeCheck;
  onProgress?: (p: { done: number; total: number }) => void;
}

interface VerifyCache {
  format: 1;
  folder: string;
  /** Which digest table the files were compared with: another table means checking anew. */
  table: string;
  /** `path` → `size:mtimeMs` of each file that decoded cleanly. */
  files: Record<string, string>;
}

async function readCache(file: string | undefined, folder: string, table: string): Promise<Record<string, string>> {
  if (!file) return {};
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as VerifyCache;
    return cache.format === 1 && cache.folder === folder && cache.table === table && cache.files && typeof cache.files === 'object' ? cache.files : {};
  } catch {
    return {};
  }
}

/**
 * Decodes every image in `paths` (relative to `folder`) that is not known to be good; throws a
 * DatasetError naming each damaged file. Returns how many were decoded and how many were known.
 */
export async function verifyImages(folder: string, paths: string[], options: VerifyOptions = {}): Promise<{ decoded: number; known: number }> {
  const { cacheFile, concurrency = 4, decode = decodeWithSharp, digests, onProgress } = options;
  const table = digests ? createHash('sha256').update(JSON.stringify(digests)).digest('hex').slice(0, 16) : 'none';
  const known = await readCache(cacheFile, folder, table);
  const good: Record<string, string> = {};
  const bad: string[] = [];
  const todo: { path: string; stamp: string }[] = [];
  for (let i = 0; i < paths.length; i += 256) {
    const stamps = await Promise.all(
      paths.slice(i, i + 256).map((p) =>
        stat(join(folder, p)).then(
          (s) => `${s.size}:${s.mtimeMs}`,
          (error: Error) => (bad.push(`${join(folder, p)} (${error.message})`), null),
        ),
      ),
    );
    stamps.forEach((stamp, j) => {
      const path = paths[i + j];
      if (stamp === null) return;
      if (known[path] === stamp) good[path] = stamp;
      else todo.push({ path, stamp });
    });
  }
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const { path, stamp } = todo[next++];
      const full = join(folder, path);
      try {
        const bytes = await readFile(full); // read once: decoded and hashed from memory
        await decode(bytes);
        const expected = digests && officialDigest(digests, path);
        const actual = expected ? shortDigest(bytes) : null;
        if (expected && actual !== expected) {
          bad.push(`${full} (its content differs from the official data set's: SHA-256 ${actual}…, expected ${expected}…)`);
        } else {
          good[path] = stamp;
        }
      } catch (error) {
        bad.push(`${full} (${String((error as Error).message).split('\n')[0]})`);
      }
      onProgress?.({ done: ++done, total: todo.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (cacheFile && todo.length > 0) {
    // Written aside and renamed: a kill mid-write never leaves a cache that trusts too much.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: 1, folder, table, files: good } satisfies VerifyCache))
      .then(() => rename(tmp, cacheFile))
      .catch(() => {}); // a cache that cannot be written only costs time next run
  }
  if (bad.length > 0) {
    bad.sort();
    throw new DatasetError(
      `damaged images in ${folder}: ${bad.length} file${bad.length > 1 ? 's' : ''} cannot be decoded or differ from the originals:\n    ${bad.slice(0, 20).join('\n    ')}${bad.length > 20 ? `\n    … and ${bad.length - 20} more` : ''}`,
      'replace these files with the originals (or delete the data set folder and run npm run data again to download it); if you use another data set on purpose, set CALTECH101_MD5 to its archive\'s MD5',
    );
  }
  return { decoded: todo.length, known: paths.length - todo.length };
}
