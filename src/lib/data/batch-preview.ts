/**
 * The batch preview's engine, without the DOM: draw `count` images from a pool without repeats
 * (DataLoader's shuffle=True), augment each with a recipe and CenterCrop, and lay them out like
 * torchvision's make_grid (`perRow` per row, `padding` px between and around, black background).
 */
import type { Rng } from './rng';
import { augmentationSteps, centerCropStep, type RGBAImage, type ChainName } from '../transforms';

/** make_grid's defaults as the chapter uses them: 8 per row, 2 px padding. */
export const GRID = { perRow: 8, padding: 2 } as const;

/** `count` distinct indices of 0 … poolSize − 1 in drawn order (no repeats, as shuffle=True). */
export function sampleIndices(poolSize: number, count: number, rng: Rng): number[] {
  if (!(count >= 0 && count <= poolSize)) throw new RangeError(`invalid sample: ${count} of ${poolSize} images (at most the pool)`);
  const pool = Array.from({ length: poolSize }, (_, i) => i);
  return Array.from({ length: count }, () => pool.splice(rng.int(pool.length), 1)[0]);
}

/** Where make_grid puts `count` square cells of side `cell`: the grid's size and each cell's top-left corner (px). */
export function gridLayout(count: number, cell: number, { perRow, padding } = GRID): { width: number; height: number; cells: { x: number; y: number }[] } {
  const step = cell + padding;
  const rows = Math.ceil(count / perRow);
  const cells = Array.from({ length: count }, (_, k) => ({ x: (k % perRow) * step + padding, y: Math.floor(k / perRow) * step + padding }));
  return { width: Math.min(count, perRow) * step + padding, height: rows * step + padding, cells };
}

/** One drawn batch: the augmented images (cropSize × cropSize, RGBA) and which pool image each came from. */
export interface PreviewBatch {
  indices: number[];
  images: RGBAImage[];
}

/** Draws and augments a batch of `count` from `pool` with `recipe` then CenterCrop(cropSize), all randomness from `rng`. */
export function drawPreviewBatch(pool: RGBAImage[], count: number, recipe: ChainName, cropSize: number, rng: Rng): PreviewBatch {
  const indices = sampleIndices(pool.length, count, rng);
  const steps = [...augmentationSteps(recipe), centerCropStep(cropSize)];
  const images = indices.map((i) => steps.reduce((img, step) => step.apply(img, rng).image, pool[i]));
  return { indices, images };
}
