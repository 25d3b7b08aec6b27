/**
 * The tutorial's transform chains, for any crop size s (the original: s = 224):
 * Lambda(→ RGB) → Resize(round(s·256/224)) → augmentation → CenterCrop(s) → ToTensor → Normalize.
 */
import { centerCropStep, randomApply, randomHorizontalFlip, randomRotation, resizeStep, toRGBStep, type Step } from './random';
import { resizeFor } from './sizes';

/** The original's Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)): [0, 1] → [−1, 1]. */
export const MEAN = [0.5, 0.5, 0.5] as const;
export const STD = [0.5, 0.5, 0.5] as const;

/**
 * - `original`: the blog post's chain, RandomApply([flip, flip, rot(10), rot(10), rot(10)], p=1)
 *   (and, as in the post, used for validation images too);
 * - `train`: this tutorial's training chain, one RandomHorizontalFlip(0.5) and one RandomRotation(10);
 * - `val`: deterministic, no augmentation.
 */
export type Recipe = 'original' | 'train' | 'val';

/** The augmentation steps of a recipe (between Resize and CenterCrop). */
export function augmentationSteps(recipe: Recipe): Step[] {
  switch (recipe) {
    case 'original':
      return [
        randomApply(
          [randomHorizontalFlip(), randomHorizontalFlip(), randomRotation(10), randomRotation(10), randomRotation(10)],
          1,
        ),
      ];
    case 'train':
      return [randomHorizontalFlip(0.5), randomRotation(10)];
    case 'val':
      return [];
  }
}

/** The image steps of the chain for crop size `cropSize` (ToTensor and Normalize follow; see tensor.ts). */
export function buildChain(recipe: Recipe, cropSize = 224): Step[] {
  const size = resizeFor(cropSize);
  return [toRGBStep(), resizeStep(size, size), ...augmentationSteps(recipe), centerCropStep(cropSize)];
}
