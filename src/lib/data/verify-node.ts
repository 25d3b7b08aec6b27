/**
 * The content check of `npm run data`: every image of the data set is decoded in full, so a
 * truncated file or a run of zeroed bytes is named before anything trains on it. Separate from
 * the data hash of run records (paths and sizes, hashDatasetIndex), which stays as it is.
 *
 * Decoding all 8,677 images costs tens of seconds, so the files that passed are remembered by
 * size and modification time in a small cache file; a second run only decodes what changed.
 */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { DatasetError } from './dataset-error';

/** Decodes one image in full; rejects with the decoder's reason when it is damaged. */
export type DecodeCheck = (path: string) => Promise<void>;

/**
 * libjpeg through sharp, failing on warnings: a truncated file ("premature end of JPEG image")
 * and zeroed entropy-coded data ("Corrupt JPEG data: premature end of data segment") are only
 * warnings to libjpeg, which would otherwise decode them to a grey smear without complaint.
 */
export const decodeWithSharp: DecodeCheck = async (path) => {
  await sharp(path, { failOn: 'warning' }).raw().toBuffer();
};

export interface VerifyOptions {
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
  /** `path` → `size:mtimeMs` of each file that decoded cleanly. */
  files: Record<string, string>;
}

async function readCache(file: string | undefined, folder: string): Promise<Record<string, string>> {
  if (!file) return {};
  try {
    const cache = JSON.parse(await readFile(file, 'utf8')) as VerifyCache;
    return cache.format === 1 && cache.folder === folder && cache.files && typeof cache.files === 'object' ? cache.files : {};
  } catch {
    return {};
  }
}

/**
 * Decodes every image in `paths` (relative to `folder`) that is not known to be good; throws a
 * DatasetError naming each damaged file. Returns how many were decoded and how many were known.
 */
export async function verifyImages(folder: string, paths: string[], options: VerifyOptions = {}): Promise<{ decoded: number; known: number }> {
  const { cacheFile, concurrency = 4, decode = decodeWithSharp, onProgress } = options;
  const known = await readCache(cacheFile, folder);
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
      try {
        await decode(join(folder, path));
        good[path] = stamp;
      } catch (error) {
        bad.push(`${join(folder, path)} (${String((error as Error).message).split('\n')[0]})`);
      }
      onProgress?.({ done: ++done, total: todo.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (cacheFile && todo.length > 0) {
    // Written aside and renamed: a kill mid-write never leaves a cache that trusts too much.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ format: 1, folder, files: good } satisfies VerifyCache))
      .then(() => rename(tmp, cacheFile))
      .catch(() => {}); // a cache that cannot be written only costs time next run
  }
  if (bad.length > 0) {
    bad.sort();
    throw new DatasetError(
      `damaged images in ${folder}: ${bad.length} file${bad.length > 1 ? 's' : ''} cannot be decoded:\n    ${bad.slice(0, 20).join('\n    ')}${bad.length > 20 ? `\n    … and ${bad.length - 20} more` : ''}`,
      'replace these files with the originals (or delete the data set folder and run npm run data again to download it)',
    );
  }
  return { decoded: todo.length, known: paths.length - todo.length };
}
