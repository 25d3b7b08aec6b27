/**
 * The one entry point `npm run data` and the Astro build share: find or download the data
 * set, check it, then build the site's assets if they are missing or stale, with progress bars.
 * One lock (.cache/caltech101.lock) covers all of it; a second run waits for the first.
 */
import { dirname, join, resolve } from 'node:path';
import { CALTECH101, imagePath } from './caltech101';
import OFFICIAL_DIGESTS from './caltech101-digests.json';
import { dataLockPath, datasetOptionsFromEnv, defaultCacheDir, ensureDataset, indexDataset, removeDeadDownloads, type Progress } from './caltech101-node';
import { buildAssets, type AssetResult } from './assets-node';
import { toDatasetError } from './dataset-error';
import { nodeWriteFs, type WriteFs } from './download-node';
import { removeAssetLeftovers } from './leftovers-node';
import { waitForLock } from './lock-node';
import { createProgressBar, type ProgressBar } from './progress-node';
import { ASSET_DIR } from './manifest';
import { verifyImages, type DecodeCheck, type ImageDigests } from './verify-node';

export { ASSET_DIR } from './manifest';

/** Options of the data step: project root, forced rebuild, environment (CALTECH101_DIR, …). */
export interface PrepareOptions {
  projectRoot?: string;
  force?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Show progress bars on stderr (default: true). */
  progress?: boolean;
  log?: (message: string) => void;
  /** What this run is, as a waiting run names it (default: npm run data). */
  what?: string;
  /** Seconds to wait for another data step holding the lock (default: CALTECH101_LOCK_WAIT, else 20 min). */
  waitSeconds?: number;
  /** Seams for fault-injection tests: the writing file-system calls of the download, the image decoder. */
  fs?: WriteFs;
  decode?: DecodeCheck;
  /** The official images' digests (default: caltech101-digests.json; not used when CALTECH101_MD5 names another archive). */
  digests?: ImageDigests;
}

/** Where the content check remembers the images that decoded cleanly (by size and mtime). */
export const VERIFIED_CACHE = '.cache/caltech101-verified.json';

/** Ensures the data set and the assets; returns what was done. Every failure is a DatasetError. */
export async function prepareData(options: PrepareOptions = {}): Promise<AssetResult & { datasetFolder: string; seconds: number }> {
  const root = resolve(options.projectRoot ?? '.');
  try {
    return await prepareLocked(root, options);
  } catch (error) {
    throw toDatasetError(error, 'preparing the data');
  }
}

async function prepareLocked(root: string, options: PrepareOptions) {
  const started = Date.now();
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const env = options.env ?? process.env;
  const cacheDir = defaultCacheDir(root);
  const outDir = resolve(root, ASSET_DIR);
  const bars = new Map<string, ProgressBar>();
  const bar = (key: string, label: string, unit: 'bytes' | 'items') => {
    if (!bars.has(key)) bars.set(key, createProgressBar(label, unit));
    return bars.get(key)!;
  };
  const finishBars = () => {
    for (const b of bars.values()) b.finish();
    bars.clear();
  };
  const show = options.progress ?? true;
  await (options.fs ?? nodeWriteFs).mkdir(dirname(cacheDir), { recursive: true });
  const release = await waitForLock(dataLockPath(cacheDir), { what: options.what ?? 'npm run data', waitSeconds: options.waitSeconds, log });
  try {
    // Holding the lock, nothing else writes here: what dead processes left can go.
    await removeDeadDownloads(cacheDir, log);
    await removeAssetLeftovers(outDir, log);
    const labels: Record<Progress['step'], string> = { download: 'download', verify: 'verify MD5', extract: 'extract' };
    const fromEnv = datasetOptionsFromEnv(env);
    const datasetFolder = await ensureDataset({
      cacheDir,
      ...fromEnv,
      locked: true,
      log,
      fs: options.fs,
      onProgress: show ? (p) => bar(p.step, labels[p.step], 'bytes').update(p.done, p.total) : undefined,
    });
    finishBars();
    log(`data: using ${datasetFolder}`);
    const index = await indexDataset(
      datasetFolder,
      `${datasetFolder} is not a complete Caltech 101`,
      fromEnv.dir
        ? 'point CALTECH101_DIR at a complete copy, or unset it to download one'
        : `delete ${join(cacheDir, '101_ObjectCategories')} and run npm run data again to download it anew`,
    );
    await verifyImages(
      datasetFolder,
      index.images.map((e) => imagePath(index, e)),
      {
        cacheFile: join(root, VERIFIED_CACHE),
        decode: options.decode,
        // A different archive on purpose (CALTECH101_MD5) has other files: then decoding alone checks them.
        digests: fromEnv.md5 && fromEnv.md5.toLowerCase() !== CALTECH101.md5 ? undefined : (options.digests ?? OFFICIAL_DIGESTS),
        onProgress: show ? (p) => bar('decode', 'check image contents', 'items').update(p.done, p.total) : undefined,
      },
    );
    finishBars();
    const result = await buildAssets({
      datasetFolder,
      outDir,
      projectRoot: root,
      force: options.force,
      onProgress: show
        ? (p) => bar(p.step, { check: 'check images', images: 'resize images', write: 'write sprites' }[p.step], 'items').update(p.done, p.total)
        : undefined,
    });
    finishBars();
    return { ...result, datasetFolder, seconds: (Date.now() - started) / 1000 };
  } finally {
    finishBars();
    await release();
  }
}
