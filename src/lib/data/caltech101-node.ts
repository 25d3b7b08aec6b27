/**
 * Caltech 101 on disk (Node only): find an existing copy, or download, verify and unpack the
 * official archive the way torchvision's `Caltech101(root, download=True)` does — then list
 * and check the images. Nothing half-done is ever left where a later run would take it for
 * a finished data set: every step writes to a temporary name and renames only when complete.
 */
import { createHash } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CALTECH101, buildIndex, type DatasetIndex } from './caltech101';
import { DatasetError, toDatasetError } from './dataset-error';
import { downloadFile, extractTarGz, extractZipMember, nodeWriteFs, type Progress, type WriteFs } from './download-node';
import { waitForLock } from './lock-node';
import { leftByDeadProcess } from './process-node';

export { DatasetError } from './dataset-error';
export type { Progress } from './download-node';

/** Where Caltech 101 comes from: an existing copy, a cache folder, the download address. */
export interface DatasetOptions {
  /** An existing copy: a folder that holds 101_ObjectCategories/ (CALTECH101_DIR). Skips the download. */
  dir?: string;
  /** Where a downloaded copy lives (default: .cache/caltech101 in the project). */
  cacheDir?: string;
  /** Download source (CALTECH101_URL); the official record by default. */
  url?: string;
  /** Expected MD5 of the inner 101_ObjectCategories.tar.gz (CALTECH101_MD5). */
  md5?: string;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** The caller already holds the data lock (prepareData does); else ensureDataset takes it to download. */
  locked?: boolean;
  /** Seconds to wait for another process's data step (default: CALTECH101_LOCK_WAIT, else 20 min). */
  waitSeconds?: number;
  /** Where waiting and clean-up are reported (default: stderr). */
  log?: (message: string) => void;
  /** The file-system calls that write (a seam for fault-injection tests). */
  fs?: WriteFs;
  /** Give up a download that receives nothing for this long (default 60 s). */
  stallSeconds?: number;
}

/** Options from the environment: CALTECH101_DIR, CALTECH101_URL, CALTECH101_MD5. */
export function datasetOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatasetOptions {
  return { dir: env.CALTECH101_DIR || undefined, url: env.CALTECH101_URL || undefined, md5: env.CALTECH101_MD5 || undefined };
}

/** Where a downloaded copy lives, relative to the project root: the one default for every caller. */
export const CACHE_DIR = '.cache/caltech101';

/** The cache folder of the project at `projectRoot` (default: the working directory). */
export const defaultCacheDir = (projectRoot = '.') => resolve(projectRoot, CACHE_DIR);

/**
 * Returns the path of 101_ObjectCategories/: from `dir` if given, else from the cache,
 * downloading and unpacking it there first when it is not there yet.
 */
export async function ensureDataset(options: DatasetOptions = {}): Promise<string> {
  if (options.dir) {
    const folder = join(resolve(options.dir), CALTECH101.folder);
    if (!(await isDirectory(folder))) {
      throw new DatasetError(
        `CALTECH101_DIR=${options.dir} does not contain ${CALTECH101.folder}/`,
        `point CALTECH101_DIR at the folder that holds ${CALTECH101.folder}/ (e.g. ../shared/caltech101), or unset it to download`,
      );
    }
    return folder;
  }
  const root = resolve(options.cacheDir ?? defaultCacheDir());
  const folder = join(root, CALTECH101.folder);
  if (await isDirectory(folder)) return folder;
  let release: (() => Promise<void>) | null = null;
  if (!options.locked) {
    await (options.fs ?? nodeWriteFs).mkdir(dirname(root), { recursive: true }).catch((error) => {
      throw toDatasetError(error, `creating ${dirname(root)}`);
    });
    release = await waitForLock(dataLockPath(root), { what: 'a download of Caltech 101', waitSeconds: options.waitSeconds, log: options.log ?? logToStderr });
  }
  try {
    // Another process may have finished the download while we waited for the lock.
    if (!(await isDirectory(folder))) await downloadDataset(root, options);
  } finally {
    await release?.();
  }
  return folder;
}

const logToStderr = (message: string) => void process.stderr.write(`${message}\n`);

/** The one data lock for a cache folder (`.cache/caltech101.lock`): download, unpacking and assets all take it. */
export const dataLockPath = (cacheDir: string) => `${resolve(cacheDir)}.lock`;

async function isDirectory(path: string) {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Downloads the zip, checks the inner archive's MD5, unpacks it and checks that all 101 classes
 * are there — all in a temporary folder — and only then moves 101_ObjectCategories into `root`.
 * Call it holding the data lock (ensureDataset does); it removes what dead downloads left.
 */
export async function downloadDataset(root: string, options: DatasetOptions = {}): Promise<void> {
  const url = options.url ?? CALTECH101.url;
  const md5 = (options.md5 ?? CALTECH101.md5).toLowerCase();
  const fs = options.fs ?? nodeWriteFs;
  let work: string | null = null;
  try {
    await fs.mkdir(root, { recursive: true });
    await removeDeadDownloads(root, options.log ?? logToStderr);
    work = join(root, `.download-${process.pid}-${Date.now()}`);
    await fs.mkdir(work);
    const zipPath = join(work, 'caltech-101.zip');
    await downloadFile(url, zipPath, fs, options.onProgress, options.signal, options.stallSeconds);
    const tarPath = join(work, '101_ObjectCategories.tar.gz');
    const actual = await extractZipMember(zipPath, CALTECH101.archiveMember, tarPath, fs, options.onProgress);
    if (actual !== md5) {
      throw new DatasetError(
        `checksum mismatch for ${CALTECH101.archiveMember} from ${url}: expected MD5 ${md5}, got ${actual}`,
        'the download is corrupt or the source serves another file; run again, or set CALTECH101_MD5 if you use a different archive on purpose',
      );
    }
    const unpacked = join(work, 'unpacked');
    await extractTarGz(tarPath, unpacked, fs, options.onProgress);
    const folder = join(unpacked, CALTECH101.folder);
    if (!(await isDirectory(folder))) {
      throw new DatasetError(`the archive from ${url} does not contain ${CALTECH101.folder}/`, 'check CALTECH101_URL');
    }
    // Complete by its MD5 is not enough when CALTECH101_MD5 names another archive: check the classes before the move.
    await indexDataset(folder, `the archive from ${url} is not a complete Caltech 101`, 'check CALTECH101_URL and CALTECH101_MD5; nothing was kept');
    // Only a complete, verified folder is moved into place.
    await rename(folder, join(root, CALTECH101.folder));
  } catch (error) {
    throw toDatasetError(error, `downloading Caltech 101 into ${root}`);
  } finally {
    // Retried: after a failed unpack, tar may still be closing files in `work` for a moment.
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => {});
  }
}

/** Removes `.download-PID-TIME` folders in `root` whose process is gone (an interrupted download: up to 1 GB each). */
export async function removeDeadDownloads(root: string, log: (message: string) => void = () => {}): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const m = /^\.download-(\d+)-(\d+)$/.exec(name);
    if (!m || !leftByDeadProcess(Number(m[1]), Number(m[2]))) continue;
    await rm(join(root, name), { recursive: true, force: true, maxRetries: 3 });
    removed.push(name);
  }
  if (removed.length > 0) log(`data: removed ${removed.length} unfinished download${removed.length > 1 ? 's' : ''} of stopped processes (${removed.join(', ')})`);
  return removed;
}

/**
 * The index of the data set in `folder`, or a DatasetError that starts with `what` and names
 * the missing or unexpected class folders, with `hint` as what to do.
 */
export async function indexDataset(folder: string, what: string, hint: string): Promise<DatasetIndex> {
  try {
    return buildIndex(await listDataset(folder));
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const detail = String((error as Error).message).replace(/^.*? is not a complete Caltech 101: /, '');
    throw new DatasetError(`${what}: ${detail}`, hint);
  }
}

/** Files per class folder of 101_ObjectCategories/ (BACKGROUND_Google included; buildIndex drops it). */
export async function listDataset(folder: string): Promise<Record<string, string[]>> {
  const listing: Record<string, string[]> = {};
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    // A class folder may be a symbolic link (e.g. to a copy on another disk): follow it.
    if (entry.isSymbolicLink()) {
      const target = await stat(join(folder, entry.name)).catch(() => null);
      if (!target) {
        throw new DatasetError(`${join(folder, entry.name)} is a symbolic link to something that does not exist`, 'fix or remove the link');
      }
      if (!target.isDirectory()) continue;
    } else if (!entry.isDirectory()) continue;
    listing[entry.name] = await readdir(join(folder, entry.name));
  }
  return listing;
}

/** Size of one image file, or 0 after noting in `bad` why it cannot be read as a JPEG. */
async function checkImage(folder: string, path: string, bad: string[]): Promise<number> {
  const full = join(folder, path);
  try {
    const file = await open(full);
    try {
      const { size } = await file.stat();
      const head = Buffer.alloc(3);
      const { bytesRead } = await file.read(head, 0, 3, 0);
      if (bytesRead < 3 || head[0] !== 0xff || head[1] !== 0xd8 || head[2] !== 0xff) bad.push(`${full} (not a JPEG file)`);
      return size;
    } finally {
      await file.close();
    }
  } catch (error) {
    bad.push(`${full} (${(error as Error).message})`);
    return 0;
  }
}

/**
 * Checks that each of `paths` (relative to `folder`) is a non-empty file that starts like a
 * JPEG (FF D8 FF); throws naming every file that does not. Returns each file's size.
 */
export async function checkImages(folder: string, paths: string[]): Promise<number[]> {
  const bad: string[] = [];
  const sizes: number[] = [];
  // In batches, so thousands of files never hold thousands of descriptors at once.
  for (let i = 0; i < paths.length; i += 64) {
    sizes.push(...(await Promise.all(paths.slice(i, i + 64).map((path) => checkImage(folder, path, bad)))));
  }
  if (bad.length > 0) {
    throw new DatasetError(
      `unreadable images in ${folder}:\n    ${bad.slice(0, 20).join('\n    ')}${bad.length > 20 ? `\n    … and ${bad.length - 20} more` : ''}`,
      'replace these files with the originals (or delete the folder and download again)',
    );
  }
  return sizes;
}

/**
 * SHA-256 over the data set's index, every image's path (relative to 101_ObjectCategories/) and
 * size: the `data` input of run records. `sizes` come from checkImages.
 */
export function hashDatasetIndex(paths: string[], sizes: number[]): string {
  return createHash('sha256')
    .update(paths.map((p, i) => `${p}\0${sizes[i]}`).join('\n'))
    .digest('hex');
}
