/**
 * Writes the site's data assets (Node only): decodes the planned images, resizes them exactly
 * like torchvision, packs them into lossless WebP sprite sheets (assets-shards-node.ts) and writes a manifest.
 * Staleness is decided by a hash over the inputs, never by file times; the output folder is
 * replaced in one rename, so a crash never leaves half-written assets behind.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { CALTECH101, buildIndex, imagePath, type DatasetIndex } from './caltech101';
import { checkImages, DatasetError, hashDatasetIndex, listDataset } from './caltech101-node';
import { acquireLock } from './lock-node';
import { ASSET_FORMAT, validateManifest, type AssetManifest, type ImageSet } from './manifest';
import { ASSET_PLAN, planAssets } from './assets';
import { writeShards } from './assets-shards-node';
import { CHAPTERS_SPLIT_FILE, planChaptersValSets } from './chapters-val';
import { splitDataset, type Split } from './split';
import { readSplitFile } from './split-node';
import { fromPixels, type RGBAImage } from '../transforms/image';
import { resize } from '../transforms/resize';

/** Source files whose code shapes the assets: a change to any of them makes the assets stale. */
const GENERATOR_SOURCES = [
  'src/lib/data/assets.ts',
  'src/lib/data/assets-node.ts',
  'src/lib/data/assets-shards-node.ts',
  'src/lib/data/caltech101.ts',
  'src/lib/data/chapters-val.ts',
  CHAPTERS_SPLIT_FILE,
  'src/lib/data/manifest.ts',
  'src/lib/data/rng.ts',
  'src/lib/data/split.ts',
  'src/lib/transforms/image.ts',
  'src/lib/transforms/resize.ts',
  'src/lib/transforms/sizes.ts',
];

/** Images decoded ahead of the one being resized (sharp decodes on its thread pool meanwhile). */
const DECODE_AHEAD = 4;

/** Where the assets go and what may be reused: the options of ensureAssets. */
export interface AssetOptions {
  /** The 101_ObjectCategories/ folder. */
  datasetFolder: string;
  /** Where the assets go (e.g. public/generated/caltech101). */
  outDir: string;
  /** The project root (for the generator sources in the hash); default: the working directory. */
  projectRoot?: string;
  /** Rebuild even when the hash matches. */
  force?: boolean;
  onProgress?: (p: { step: 'check' | 'images' | 'write'; done: number; total: number }) => void;
}

/** What ensureAssets did: the manifest in force and whether it was (re)built. */
export interface AssetResult {
  built: boolean;
  manifest: AssetManifest;
  hash: string;
}

/** Decodes a JPEG like Pillow's `Image.open(...).convert("RGB")` (grey replicated into R, G, B). */
export async function decodeImage(path: string): Promise<{ image: RGBAImage; mode: 'RGB' | 'L' }> {
  try {
    const meta = await sharp(path).metadata();
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 && info.channels !== 3) throw new Error(`${info.channels} channels`);
    return { image: fromPixels(data, info.width, info.height, info.channels), mode: meta.channels === 1 ? 'L' : 'RGB' };
  } catch (error) {
    throw new DatasetError(`cannot decode image ${path} (${(error as Error).message})`, 'replace the file with the original');
  }
}

/**
 * The chapters' split for the all-N sets. It is made for the official 8,677 images: a data set
 * of another size (the tests' mini copies) or a project root without the file (the fault tests'
 * scratch projects) gets no all-N sets; the same size in another order throws (readSplitFile says why).
 */
async function readChaptersSplit(root: string, index: DatasetIndex): Promise<Split | null> {
  const file = join(root, CHAPTERS_SPLIT_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null || (JSON.parse(text) as { n: number }).n !== index.images.length) return null;
  return (await readSplitFile(file, index)).split;
}

/** Reads the manifest in `outDir`, or null when there is none or it is unreadable. */
export async function readManifest(outDir: string): Promise<AssetManifest | null> {
  try {
    return validateManifest(JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')));
  } catch {
    return null;
  }
}

/** Builds the assets when they are missing or stale; otherwise does nothing and says so. */
export async function buildAssets(options: AssetOptions): Promise<AssetResult> {
  const { datasetFolder, onProgress } = options;
  const outDir = resolve(options.outDir);
  const root = resolve(options.projectRoot ?? '.');
  const index = buildIndex(await listDataset(datasetFolder));
  const paths = index.images.map((entry) => imagePath(index, entry));
  onProgress?.({ step: 'check', done: 0, total: paths.length });
  const sizes = await checkImages(datasetFolder, paths);
  onProgress?.({ step: 'check', done: paths.length, total: paths.length });
  const split = splitDataset(index.images.length, { seed: ASSET_PLAN.seed, trainFraction: ASSET_PLAN.trainFraction });
  const chapters = await readChaptersSplit(root, index);
  const plan = planAssets(index, split, ASSET_PLAN, chapters);
  // A few chapters-split validation images at each size without an all-<s> set, so the model loader never scores a
  // notebook model on its training images. The split is made for the full data set; a smaller one gets none.
  if (chapters) plan.sets.push(...planChaptersValSets(index, chapters.val, plan.sets));
  const used = [...new Set([...plan.samples.map((s) => s.position), ...plan.sets.flatMap((s) => s.positions)])].sort((a, b) => a - b);

  // The hash: format, plan, every file's name and size, the used files' bytes, the generator code.
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: ASSET_FORMAT, plan: ASSET_PLAN }));
  paths.forEach((p, i) => hash.update(`${p}\0${sizes[i]}\n`));
  for (const p of used) hash.update(await readFile(join(datasetFolder, paths[p])));
  for (const file of GENERATOR_SOURCES) hash.update(await readFile(join(root, file)).catch(() => Buffer.from(`missing ${file}`)));
  const digest = hash.digest('hex');

  const existing = await readManifest(outDir);
  if (!options.force && existing?.hash === digest) return { built: false, manifest: existing, hash: digest };

  await mkdir(dirname(outDir), { recursive: true });
  const release = await acquireLock(`${outDir}.lock`);
  const tmp = `${outDir}.tmp-${process.pid}`;
  try {
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    // Decode each used image once and resize it for every set that holds it.
    const setImages = plan.sets.map((set) => new Array<RGBAImage>(set.positions.length));
    const where = new Map<number, [number, number][]>();
    plan.sets.forEach((set, s) => set.positions.forEach((p, i) => where.set(p, [...(where.get(p) ?? []), [s, i]])));
    // sharp decodes on its own threads: keep a few decodes ahead of the resize on this one.
    const order = [...where.keys()];
    const decodeAt = (k: number) => {
      const decoding = decodeImage(join(datasetFolder, paths[order[k]]));
      decoding.catch(() => {}); // awaited in its turn; a failure before then is not unhandled
      return decoding;
    };
    const ahead = order.slice(0, DECODE_AHEAD).map((_, k) => decodeAt(k));
    for (const [k, p] of order.entries()) {
      if (k + DECODE_AHEAD < order.length) ahead.push(decodeAt(k + DECODE_AHEAD));
      const { image } = await ahead[k];
      delete ahead[k];
      const bySize = new Map<number, RGBAImage>(); // the demo and all-N sets share sizes
      for (const [s, i] of where.get(p)!) {
        const size = plan.sets[s].size;
        if (!bySize.has(size)) bySize.set(size, resize(image, size, size));
        setImages[s][i] = bySize.get(size)!;
      }
      onProgress?.({ step: 'images', done: k + 1, total: order.length });
    }
    const sets: ImageSet[] = [];
    for (const [s, set] of plan.sets.entries()) {
      onProgress?.({ step: 'write', done: s, total: plan.sets.length });
      const shards = await writeShards(tmp, set.id, set.size, setImages[s]);
      sets.push({
        id: set.id,
        cropSize: set.cropSize,
        size: set.size,
        labels: set.positions.map((p) => index.images[p].label),
        subset: set.subset,
        sources: set.positions.map((p) => paths[p]),
        shards,
        bytes: shards.reduce((a, sh) => a + sh.bytes, 0),
      });
    }
    onProgress?.({ step: 'write', done: plan.sets.length, total: plan.sets.length });
    await mkdir(join(tmp, 'samples'));
    const samples = [];
    for (const { source, position } of plan.samples) {
      const file = `samples/${source.replace('/', '_')}`;
      await copyFile(join(datasetFolder, source), join(tmp, file));
      const { image, mode } = await decodeImage(join(datasetFolder, source));
      samples.push({ file, source, label: index.images[position].label, width: image.width, height: image.height, mode });
    }
    const manifest: AssetManifest = {
      format: ASSET_FORMAT,
      hash: digest,
      dataset: {
        classes: index.classes,
        counts: index.counts,
        total: index.images.length,
        authors: CALTECH101.authors,
        licence: CALTECH101.licence,
        record: CALTECH101.record,
        indexHash: hashDatasetIndex(paths, sizes),
      },
      split: { seed: ASSET_PLAN.seed, trainFraction: ASSET_PLAN.trainFraction, train: split.train.length, val: split.val.length },
      samples,
      demoClasses: plan.demoClasses,
      sets,
    };
    validateManifest(manifest);
    await writeFile(join(tmp, 'manifest.json'), JSON.stringify(manifest));
    // Swap in the finished folder.
    const old = `${outDir}.old-${process.pid}`;
    await rename(outDir, old).catch(() => {});
    await rename(tmp, outDir);
    await rm(old, { recursive: true, force: true });
    return { built: true, manifest, hash: digest };
  } finally {
    await rm(tmp, { recursive: true, force: true });
    await release();
  }
}
