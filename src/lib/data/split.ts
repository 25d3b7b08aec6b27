/**
 * The seeded 80/20 split into training and validation images. Same seed, same split: in
 * `npm run data`, in the browser and in the full training run.
 */
import { createRng, permutation } from './rng';
import { firstClasses, selectSubset } from './subset';

/** Positions into the data set's index, for training and for validation. */
export interface Split {
  train: number[];
  val: number[];
}

/**
 * Splits `n` images like the tutorial: `int(trainFraction · n)` for training, the rest for
 * validation, after a seeded shuffle (6,941 / 1,736 for Caltech 101's 8,677 images).
 */
export function splitDataset(n: number, { seed = 0, trainFraction = 0.8 } = {}): Split {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`invalid number of images: ${n} (need at least 2)`);
  if (!(trainFraction > 0 && trainFraction < 1)) {
    throw new RangeError(`invalid train fraction: ${trainFraction} (choose a number between 0 and 1, e.g. 0.8)`);
  }
  const order = permutation(n, createRng(seed));
  const nTrain = Math.floor(trainFraction * n);
  return { train: order.slice(0, nTrain), val: order.slice(nTrain) };
}

/**
 * The images a run uses: from each part of `split`, in split order, the images of the first
 * `classes` classes, at most `perClass` per class for training and ceil(perClass / 4) (at least 1)
 * for validation; 'all' keeps every image of those classes. train:full, the PyTorch arms
 * (scripts/pytorch/reference_original.py mirrors it) and the replay harness select alike, through
 * selectSubset (subset.ts), the function the browser demo uses too.
 */
export function selectImages(split: Split, labelOf: (position: number) => number, classes: number, perClass: number | 'all'): Split {
  // One selection for every consumer: the browser demo calls selectSubset on its manifest order.
  const candidates = [...split.train, ...split.val];
  const subset = selectSubset(
    candidates.map((p, i) => ({ label: labelOf(p), subset: i < split.train.length ? ('train' as const) : ('val' as const) })),
    { classes: firstClasses(classes), perClass },
  );
  return { train: subset.train.map((pick) => candidates[pick.index]), val: subset.val.map((pick) => candidates[pick.index]) };
}

/** A split exported by `scripts/export_split.py` (the chapters' split, shared by both engines). */
export interface SplitFile {
  format: 1;
  name: string;
  /** How the indices were drawn, in words (the chapters' `torch.randperm` call). */
  how: string;
  /** PyTorch version that drew them. */
  torch: string;
  /** Images in the data set; the indices are positions in torchvision's order. */
  n: number;
  /** SHA-256 over 'class/file' of every image in that order, one a line (see orderHashText). */
  order: string;
  train: number[];
  val: number[];
}

/** The text whose SHA-256 a split file's `order` holds: the images' paths in index order. */
export const orderHashText = (paths: readonly string[]) => paths.join('\n');

/**
 * Checks a split file against a data set of `n` images: every position in 0 … n−1 exactly once,
 * in training or validation. Throws naming the first problem.
 */
export function validateSplitFile(value: unknown, n: number, where = 'split file'): SplitFile {
  const s = value as SplitFile;
  const fail = (what: string): never => {
    throw new RangeError(`${where}: ${what}`);
  };
  if (!s || typeof s !== 'object') fail('not an object');
  if (s.format !== 1) fail(`format ${s.format}, expected 1`);
  if (typeof s.name !== 'string' || !/^[\w-]+$/.test(s.name)) fail(`name ${JSON.stringify(s.name)} (letters, digits, - and _)`);
  if (!/^[0-9a-f]{64}$/.test(s.order ?? '')) fail('order is not a SHA-256 hex string');
  if (s.n !== n) fail(`made for ${s.n} images, but the data set has ${n} (export it again: /usr/bin/python3 scripts/export_split.py)`);
  if (!Array.isArray(s.train) || !Array.isArray(s.val) || s.train.length === 0 || s.val.length === 0) fail('train and val must be non-empty lists');
  const seen = new Uint8Array(n);
  for (const i of [...s.train, ...s.val]) {
    if (!Number.isInteger(i) || i < 0 || i >= n) fail(`index ${i} outside 0 … ${n - 1}`);
    if (seen[i]) fail(`index ${i} appears twice`);
    seen[i] = 1;
  }
  if (s.train.length + s.val.length !== n) fail(`${s.train.length} + ${s.val.length} indices for ${n} images`);
  return s;
}
