/**
 * Writes the site's data assets (Node only): decodes the planned images, resizes them exactly
 * like torchvision, packs them into lossless PNG sprite sheets and writes a manifest.
 * Staleness is decided by a hash over the inputs, never by file times; the output folder is
 * replaced in one rename, so a crash never leaves half-written assets behind.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { CALTECH101, buildIndex, imagePath } from './caltech101';
import { checkImages, DatasetError, hashDatasetIndex, listDataset } from './caltech101-node';
import { acquireLock } from './lock-node';
import { ASSET_FORMAT, validateManifest, type AssetManifest, type ImageSet, type SpriteShard } from './manifest';
import { ASSET_PLAN, planAssets } from './assets';
import { CHAPTERS_SPLIT_FILE, planChaptersValSets } from './chapters-val';
import { readSplitFile } from './split-node';
import { splitDataset } from './split';
import { fromPixels, type RGBAImage } from '../transforms/image';
import { resize } from '../transforms/resize';

/** Source files whose code shapes the assets: a change to any of them makes the assets stale. */
const GENERATOR_SOURCES = [
  'src/lib/data/assets.ts',
  'src/lib/data/assets-node.ts',
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
  const plan = planAssets(index, split);
  // A few chapters-split validation images per size, so the model loader never scores a notebook model on its training
  // images. The split is made for the full data set; a smaller one (the tests' tiny copy) gets none.
  if (index.images.length === CALTECH101.images) plan.sets.push(...planChaptersValSets(index, (await readSplitFile(join(root, CHAPTERS_SPLIT_FILE), index)).split.val, plan.sets));
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
    let done = 0;
    for (const p of where.keys()) {
      const { image } = await decodeImage(join(datasetFolder, paths[p]));
      for (const [s, i] of where.get(p)!) setImages[s][i] = resize(image, plan.sets[s].size, plan.sets[s].size);
      onProgress?.({ step: 'images', done: ++done, total: where.size });
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

/** Packs square images into PNG sprite sheets of ASSET_PLAN.imagesPerShard images each. */
async function writeShards(dir: string, id: string, size: number, images: RGBAImage[]): Promise<SpriteShard[]> {
  const shards: SpriteShard[] = [];
  const { imagesPerShard, shardColumns } = ASSET_PLAN;
  for (let first = 0; first < images.length; first += imagesPerShard) {
    const chunk = images.slice(first, first + imagesPerShard);
    const columns = Math.min(shardColumns, chunk.length);
    const rows = Math.ceil(chunk.length / columns);
    const png = new PNG({ width: columns * size, height: rows * size, colorType: 2, inputHasAlpha: true });
    png.data.fill(0);
    chunk.forEach((img, i) => {
      const x0 = (i % columns) * size;
      const y0 = Math.floor(i / columns) * size;
      for (let y = 0; y < size; y++) {
        const from = y * size * 4;
        png.data.set(img.data.subarray(from, from + size * 4), ((y0 + y) * png.width + x0) * 4);
      }
    });
    const file = `${id}-${shards.length}.png`;
    const bytes = PNG.sync.write(png, { colorType: 2, inputHasAlpha: true });
    await writeFile(join(dir, file), bytes);
    shards.push({ file, count: chunk.length, columns, bytes: (await stat(join(dir, file))).size });
  }
  return shards;
}
