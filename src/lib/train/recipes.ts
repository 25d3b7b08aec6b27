/**
 * Training recipes: which augmentation the training and the validation images get.
 * `original` repeats the blog post's mistake (validation images augmented as well, with its
 * doubled flips and tripled rotations); `corrected` is this tutorial's way.
 */
import type { ChainName } from '../transforms/chain';

/** A training recipe: the augmentation chain of the training images and that of the validation images. */
export interface TrainingRecipe {
  train: ChainName;
  val: ChainName;
}

/** The two training recipes by name (the record field and `--recipe` of train:full). */
export const RECIPES = {
  original: { train: 'original', val: 'original' },
  corrected: { train: 'train', val: 'val' },
} as const satisfies Record<string, TrainingRecipe>;

/** `original` or `corrected`. */
export type RecipeName = keyof typeof RECIPES;
