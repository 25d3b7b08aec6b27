/**
 * The order in which a training run draws its random numbers, in one place: the loop
 * (loop.ts) takes its batches from `epochBatches` and `validationBatches`, and `drawRun` replays
 * the same sequence without tensors for the replay harness (scripts/export-draws.ts →
 * scripts/pytorch/replay.py). Per epoch, one generator (seeded once per run) draws
 *   1. the permutation of the training images (PyTorch's shuffle=True),
 *   2. each training image's augmentation, batch after batch, image after image,
 *   3. each validation image's augmentation, in the set's order (nothing for `val`).
 */
import { createRng, permutation, type Rng } from '../data/rng';
import { drawOps, type GeometricOp } from '../transforms/recipes';
import { RECIPES, type RecipeName } from './recipes';

/** One epoch's training batches: draws the permutation of 0 … n−1 from `rng` and cuts it into batches of `batchSize` (the last may be smaller). */
export function epochBatches(n: number, batchSize: number, rng: Rng): Int32Array[] {
  const order = permutation(n, rng);
  const batches: Int32Array[] = [];
  for (let start = 0; start < n; start += batchSize) batches.push(Int32Array.from(order.slice(start, start + batchSize)));
  return batches;
}

/** The validation batches, in the set's order: `[start, end)` of each (no draws). */
export function validationBatches(n: number, batchSize: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < n; start += batchSize) out.push([start, Math.min(start + batchSize, n)]);
  return out;
}

/** What one epoch drew: the training order, each training image's operations in that order, each validation image's. */
export interface EpochDraws {
  order: number[];
  trainOps: GeometricOp[][];
  valOps: GeometricOp[][];
}

/** Every draw of a run of `train` (loop.ts) with `config` on `nTrain` training and `nVal` validation images, in its order. */
export function drawRun(config: { epochs: number; batchSize: number; recipe: RecipeName; seed: number }, nTrain: number, nVal: number): EpochDraws[] {
  const recipe = RECIPES[config.recipe];
  const rng = createRng(config.seed);
  const epochs: EpochDraws[] = [];
  for (let e = 0; e < config.epochs; e++) {
    const batches = epochBatches(nTrain, config.batchSize, rng);
    const trainOps = batches.flatMap((batch) => Array.from(batch, () => drawOps(recipe.train, rng).ops));
    const valOps = validationBatches(nVal, config.batchSize).flatMap(([start, end]) => Array.from({ length: end - start }, () => drawOps(recipe.val, rng).ops));
    epochs.push({ order: batches.flatMap((b) => Array.from(b)), trainOps, valOps });
  }
  return epochs;
}
