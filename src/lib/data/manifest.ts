/**
 * The manifest of the site's data assets (written by `npm run data`, read by the islands):
 * which images were packed where, their classes and split, and the hash of the inputs.
 */

/** Where the site's data assets live, relative to the project root. */
export const ASSET_DIR = 'public/generated/caltech101';

/** Bump when the asset layout changes; older manifests then count as stale. */
export const ASSET_FORMAT = 3;

/** One sprite sheet: `count` square images of `size` px, row by row, `columns` per row (lossless WebP, RGB). */
export interface SpriteShard {
  file: string;
  count: number;
  columns: number;
  bytes: number;
}

/** A set of images stored at one size, e.g. the demo subset for 32 × 32 inputs. */
export interface ImageSet {
  id: string;
  /** The model input size these images are for (the crop size s). */
  cropSize: number;
  /** Stored side length: round(s · 256 / 224), i.e. after the chain's Resize. */
  size: number;
  /** Data-set class index of each image, in storage order. */
  labels: number[];
  subset: ('train' | 'val')[];
  /** `class/file` of each image inside 101_ObjectCategories/. */
  sources: string[];
  shards: SpriteShard[];
  /** Sum of the shard files' sizes: what a reader downloads for this set. */
  bytes: number;
}

/** An original file copied for the transforms playground. */
export interface SampleImage {
  file: string;
  source: string;
  label: number;
  width: number;
  height: number;
  mode: 'RGB' | 'L';
}

/** The asset manifest (manifest.json): format, input hash and every generated file the build may copy. */
export interface AssetManifest {
  format: typeof ASSET_FORMAT;
  /** SHA-256 over the inputs (file list, used images, parameters, generator code). */
  hash: string;
  dataset: {
    classes: string[];
    counts: number[];
    total: number;
    authors: string;
    licence: string;
    record: string;
    /** SHA-256 over every image's path and size (hashDatasetIndex): the `data` input run records are checked against. */
    indexHash: string;
  };
  split: { seed: number; trainFraction: number; train: number; val: number };
  samples: SampleImage[];
  /** Data-set class indices of the demo subset's classes. */
  demoClasses: number[];
  sets: ImageSet[];
}

/** Checks the parts of a manifest a reader relies on; throws a precise message otherwise. */
export function validateManifest(value: unknown): AssetManifest {
  const m = value as AssetManifest;
  const fail = (what: string) => {
    throw new Error(`invalid data manifest: ${what}`);
  };
  if (!m || typeof m !== 'object') fail('not an object');
  if (m.format !== ASSET_FORMAT) fail(`format ${m.format}, expected ${ASSET_FORMAT} (run npm run data)`);
  if (typeof m.hash !== 'string' || !/^[0-9a-f]{64}$/.test(m.hash)) fail('hash is not a SHA-256 hex string');
  if (!/^[0-9a-f]{64}$/.test(m.dataset?.indexHash ?? '')) fail('dataset.indexHash is not a SHA-256 hex string (run npm run data)');
  if (!Array.isArray(m.dataset?.classes) || m.dataset.classes.length !== m.dataset.counts?.length) fail('classes and counts differ in length');
  if (m.dataset.counts.reduce((a, b) => a + b, 0) !== m.dataset.total) fail('counts do not add up to total');
  for (const set of m.sets ?? fail('no image sets')) {
    const n = set.labels.length;
    if (set.subset.length !== n || set.sources.length !== n) fail(`set ${set.id}: labels, subset and sources differ in length`);
    if (set.shards.reduce((a, s) => a + s.count, 0) !== n) fail(`set ${set.id}: shards hold a different number of images`);
    if (set.labels.some((l) => !Number.isInteger(l) || l < 0 || l >= m.dataset.classes.length)) fail(`set ${set.id}: label out of range`);
  }
  return m;
}
