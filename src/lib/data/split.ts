/**
 * The seeded 80/20 split into training and validation images. Same seed, same split: in
 * `npm run data`, in the browser and in the full training run.
 */
import { createRng, permutation } from './rng';

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
