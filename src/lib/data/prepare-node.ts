/**
 * The one entry point `npm run data` and the Astro build share: find or download the data
 * set, then build the site's assets if they are missing or stale, with progress bars.
 */
import { resolve } from 'node:path';
import { datasetOptionsFromEnv, defaultCacheDir, ensureDataset, type Progress } from './caltech101-node';
import { buildAssets, type AssetResult } from './assets-node';
import { createProgressBar, type ProgressBar } from './progress-node';
import { ASSET_DIR } from './manifest';

export { ASSET_DIR } from './manifest';

export interface PrepareOptions {
  projectRoot?: string;
  force?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Show progress bars on stderr (default: true). */
  progress?: boolean;
  log?: (message: string) => void;
}

/** Ensures the data set and the assets; returns what was done. */
export async function prepareData(options: PrepareOptions = {}): Promise<AssetResult & { datasetFolder: string; seconds: number }> {
  const started = Date.now();
  const root = resolve(options.projectRoot ?? '.');
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const bars = new Map<string, ProgressBar>();
  const bar = (key: string, label: string, unit: 'bytes' | 'items') => {
    if (!bars.has(key)) bars.set(key, createProgressBar(label, unit));
    return bars.get(key)!;
  };
  const show = options.progress ?? true;
  const labels: Record<Progress['step'], string> = { download: 'download', verify: 'verify MD5', extract: 'extract' };
  const datasetFolder = await ensureDataset({
    cacheDir: defaultCacheDir(root),
    ...datasetOptionsFromEnv(options.env ?? process.env),
    onProgress: show ? (p) => bar(p.step, labels[p.step], 'bytes').update(p.done, p.total) : undefined,
  });
  for (const b of bars.values()) b.finish();
  bars.clear();
  log(`data: using ${datasetFolder}`);
  const result = await buildAssets({
    datasetFolder,
    outDir: resolve(root, ASSET_DIR),
    projectRoot: root,
    force: options.force,
    onProgress: show
      ? (p) => bar(p.step, { check: 'check images', images: 'resize images', write: 'write sprites' }[p.step], 'items').update(p.done, p.total)
      : undefined,
  });
  for (const b of bars.values()) b.finish();
  return { ...result, datasetFolder, seconds: (Date.now() - started) / 1000 };
}
