/**
 * The tutorial's transform chains, for any crop size s (the original: s = 224):
 * Lambda(→ RGB) → Resize(round(s·256/224)) → augmentation → CenterCrop(s) → ToTensor → Normalize.
 * The augmentation comes from the chain table (recipes.ts).
 */
import { centerCropStep, resizeStep, tableStep, toRGBStep, type Step } from './random';
import { checkChain, CHAIN_STEPS, type ChainName } from './recipes';
import { resizeFor } from './sizes';

export type { ChainName } from './recipes';

/** The original's Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)): [0, 1] → [−1, 1]; its means per channel. */
export const MEAN = [0.5, 0.5, 0.5] as const;
/** Normalize's standard deviations per channel (see MEAN). */
export const STD = [0.5, 0.5, 0.5] as const;

/** The augmentation steps of a chain (between Resize and CenterCrop), one CPU step per table entry. */
export function augmentationSteps(chain: ChainName): Step[] {
  checkChain(chain);
  return CHAIN_STEPS[chain].map(tableStep);
}

/** The image steps of the chain for crop size `cropSize` (ToTensor and Normalize follow; see tensor.ts). */
export function buildChain(chain: ChainName, cropSize = 224): Step[] {
  const size = resizeFor(cropSize);
  return [toRGBStep(), resizeStep(size, size), ...augmentationSteps(chain), centerCropStep(cropSize)];
}
