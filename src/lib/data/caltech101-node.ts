/**
 * Caltech 101 on disk (Node only): find an existing copy, or download, verify and unpack the
 * official archive the way torchvision's `Caltech101(root, download=True)` does — then list
 * and check the images. Nothing half-done is ever left where a later run would take it for
 * a finished data set: every step writes to a temporary name and renames only when complete.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import yauzl from 'yauzl';
import { CALTECH101 } from './caltech101';

/** An error a person can act on: `message` says what is wrong, `hint` what to do. */
export class DatasetError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message}\n  → ${hint}` : message);
    this.name = 'DatasetError';
  }
}

/** Progress of a long step, for a terminal bar or a log line. */
export interface Progress {
  step: 'download' | 'verify' | 'extract';
  done: number;
  total?: number;
}

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
  await downloadDataset(root, options);
  return folder;
}

async function isDirectory(path: string) {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/** Downloads the zip, checks the inner archive's MD5 and unpacks it into `root`/101_ObjectCategories. */
export async function downloadDataset(root: string, options: DatasetOptions = {}): Promise<void> {
  const url = options.url ?? CALTECH101.url;
  const md5 = (options.md5 ?? CALTECH101.md5).toLowerCase();
  await mkdir(root, { recursive: true });
  const work = join(root, `.download-${process.pid}-${Date.now()}`);
  await mkdir(work);
  try {
    const zipPath = join(work, 'caltech-101.zip');
    await download(url, zipPath, options);
    const tarPath = join(work, '101_ObjectCategories.tar.gz');
    const actual = await extractZipMember(zipPath, CALTECH101.archiveMember, tarPath, options);
    if (actual !== md5) {
      throw new DatasetError(
        `checksum mismatch for ${CALTECH101.archiveMember} from ${url}: expected MD5 ${md5}, got ${actual}`,
        'the download is corrupt or the source serves another file; run again, or set CALTECH101_MD5 if you use a different archive on purpose',
      );
    }
    const unpacked = join(work, 'unpacked');
    await extractTarGz(tarPath, unpacked, options);
    const folder = join(unpacked, CALTECH101.folder);
    if (!(await isDirectory(folder))) {
      throw new DatasetError(`the archive from ${url} does not contain ${CALTECH101.folder}/`);
    }
    // Only a complete, verified folder is moved into place.
    await rename(folder, join(root, CALTECH101.folder));
  } finally {
    // Retried: after a failed unpack, tar may still be closing files in `work` for a moment.
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => {});
  }
}

/** A download that receives nothing for this long is given up (a stalled connection never ends by itself). */
const STALL_MS = 60_000;

async function download(url: string, path: string, { onProgress, signal: outer }: DatasetOptions) {
  const stall = new AbortController();
  let timer = setTimeout(() => stall.abort(new Error(`no data for ${STALL_MS / 1000} s`)), STALL_MS);
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(new Error(`no data for ${STALL_MS / 1000} s`)), STALL_MS);
  };
  const signal = outer ? AbortSignal.any([outer, stall.signal]) : stall.signal;
  try {
    await fetchTo(url, path, signal, alive, onProgress);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchTo(url: string, path: string, signal: AbortSignal, alive: () => void, onProgress: DatasetOptions['onProgress']) {
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (error) {
    const reason = signal.aborted ? String((signal.reason as Error)?.message ?? signal.reason) : ((error as Error & { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new DatasetError(
      `could not download Caltech 101 from ${url} (${reason})`,
      'connect to the internet and run again, or set CALTECH101_DIR to an existing copy (a folder that holds 101_ObjectCategories/, e.g. CALTECH101_DIR=../shared/caltech101)',
    );
  }
  if (!response.ok || !response.body) {
    throw new DatasetError(
      `could not download Caltech 101 from ${url}: HTTP ${response.status} ${response.statusText}`,
      'check CALTECH101_URL, or set CALTECH101_DIR to an existing copy',
    );
  }
  const total = Number(response.headers.get('content-length')) || undefined;
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      done += chunk.length;
      alive();
      onProgress?.({ step: 'download', done, total });
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as never), counter, createWriteStream(path), { signal });
  } catch (error) {
    throw new DatasetError(`the download from ${url} broke off after ${done} bytes (${(error as Error).message})`, 'run again');
  }
  if (total !== undefined && done !== total) {
    throw new DatasetError(`the download from ${url} is truncated: ${done} of ${total} bytes`, 'run again');
  }
}

/** Copies one member of a zip file to `dest` and returns its MD5 (hex). */
async function extractZipMember(zipPath: string, member: string, dest: string, { onProgress }: DatasetOptions): Promise<string> {
  const corrupt = (why: string) =>
    new DatasetError(`${zipPath} is not a readable zip archive (${why})`, 'the download is truncated or corrupt; run again');
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, z) => (err ? fail(corrupt(err.message)) : ok(z!))),
  );
  try {
    const entry = await new Promise<yauzl.Entry | null>((ok, fail) => {
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === member || e.fileName.endsWith('/' + member.split('/').pop()) ? ok(e) : zip.readEntry()));
      zip.on('end', () => ok(null));
      zip.on('error', (err: Error) => fail(corrupt(err.message)));
      zip.readEntry();
    });
    if (!entry) throw new DatasetError(`${zipPath} does not contain ${member}`, 'check CALTECH101_URL');
    const stream = await new Promise<Readable>((ok, fail) =>
      zip.openReadStream(entry, (err, s) => (err ? fail(corrupt(err.message)) : ok(s!))),
    );
    const hash = createHash('md5');
    let done = 0;
    const tee = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        hash.update(chunk);
        done += chunk.length;
        onProgress?.({ step: 'verify', done, total: entry.uncompressedSize });
        callback(null, chunk);
      },
    });
    await pipeline(stream, tee, createWriteStream(dest)).catch((err: Error) => {
      throw corrupt(err.message);
    });
    return hash.digest('hex');
  } finally {
    zip.close();
  }
}

async function extractTarGz(tarPath: string, dest: string, { onProgress }: DatasetOptions) {
  await mkdir(dest, { recursive: true });
  const total = (await stat(tarPath)).size;
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      done += chunk.length;
      onProgress?.({ step: 'extract', done, total });
      callback(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(tarPath), counter, tar.x({ cwd: dest, strict: true }));
  } catch (error) {
    throw new DatasetError(
      `${CALTECH101.archiveMember} could not be unpacked (${(error as Error).message})`,
      'the archive is truncated or corrupt; run again to download it anew',
    );
  }
}

/** Files per class folder of 101_ObjectCategories/ (BACKGROUND_Google included; buildIndex drops it). */
export async function listDataset(folder: string): Promise<Record<string, string[]>> {
  const listing: Record<string, string[]> = {};
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) listing[entry.name] = await readdir(join(folder, entry.name));
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
