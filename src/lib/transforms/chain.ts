/**
 * The tutorial's transform chains, for any crop size s (the original: s = 224):
 * Lambda(→ RGB) → Resize(round(s·256/224)) → augmentation → CenterCrop(s) → ToTensor → Normalize.
 * The augmentation comes from the recipe table (recipes.ts).
 */
import { centerCropStep, resizeStep, tableStep, toRGBStep, type Step } from './random';
import { checkRecipe, RECIPE_STEPS, type Recipe } from './recipes';
import { resizeFor } from './sizes';

export type { Recipe } from './recipes';

/** The original's Normalize((0.5, 0.5, 0.5), (0.5, 0.5, 0.5)): [0, 1] → [−1, 1]. */
export const MEAN = [0.5, 0.5, 0.5] as const;
export const STD = [0.5, 0.5, 0.5] as const;

/** The augmentation steps of a recipe (between Resize and CenterCrop), one CPU step per table entry. */
export function augmentationSteps(recipe: Recipe): Step[] {
  checkRecipe(recipe);
  return RECIPE_STEPS[recipe].map(tableStep);
}

/** The image steps of the chain for crop size `cropSize` (ToTensor and Normalize follow; see tensor.ts). */
export function buildChain(recipe: Recipe, cropSize = 224): Step[] {
  const size = resizeFor(cropSize);
  return [toRGBStep(), resizeStep(size, size), ...augmentationSteps(recipe), centerCropStep(cropSize)];
}
