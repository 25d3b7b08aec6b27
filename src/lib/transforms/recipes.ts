/**
 * The augmentation recipes as one table: which random steps run between Resize and CenterCrop,
 * with their probabilities, degrees and order. Every consumer derives from it: the CPU chain
 * (chain.ts, random.ts), the batch version (batch.ts), the GPU input pipeline and the transforms
 * playground. Drawing a recipe's random numbers (`drawRecipe`) is kept apart from applying them to
 * pixels, so all consumers draw the same numbers in the same order as torchvision does.
 */
import type { Rng } from '../data/rng';

/**
 * - `original`: the blog post's chain, RandomApply([flip, flip, rot(10), rot(10), rot(10)], p=1)
 *   (and, as in the post, used for validation images too);
 * - `train`: this tutorial's training chain, one RandomHorizontalFlip(0.5) and one RandomRotation(10);
 * - `val`: deterministic, no augmentation.
 */
export type Recipe = 'original' | 'train' | 'val';

/** A random step as data: torchvision's RandomHorizontalFlip(p), RandomRotation((lo, hi)), RandomApply(steps, p). */
export type RecipeStep =
  | { kind: 'flip'; p: number }
  | { kind: 'rotate'; lo: number; hi: number }
  | { kind: 'apply'; p: number; steps: readonly RecipeStep[] };

/** What a random step drew: whether it flipped, which angle (degrees), whether RandomApply skipped its steps. */
export type Draw =
  | { kind: 'flip'; flipped: boolean }
  | { kind: 'rotate'; angle: number }
  | { kind: 'apply'; skipped: boolean; draws: Draw[] };

/** What one image's augmentation does to the pixels, in the order it is applied: a mirror, or a rotation by `degrees`. */
export type GeometricOp = { kind: 'flip' } | { kind: 'rotate'; degrees: number };

/** `RandomHorizontalFlip(p)` as a table entry. */
export function flipStep(p = 0.5): RecipeStep {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (choose 0 … 1)`);
  return { kind: 'flip', p };
}

/** `RandomRotation(degrees)` as a table entry: a uniform angle in [−degrees, degrees] (or [lo, hi]). */
export function rotateStep(degrees: number | readonly [number, number]): RecipeStep {
  const [lo, hi] = typeof degrees === 'number' ? [-degrees, degrees] : degrees;
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`invalid degrees: ${JSON.stringify(degrees)} (a number ≥ 0 or [low, high])`);
  return { kind: 'rotate', lo, hi };
}

/** `RandomApply(steps, p)` as a table entry: all steps in order with probability p, else none. */
export function applyStep(steps: readonly RecipeStep[], p = 0.5): RecipeStep {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (choose 0 … 1)`);
  return { kind: 'apply', p, steps };
}

/** The table: the random steps of each recipe, in the order torchvision runs them. */
export const RECIPE_STEPS: Readonly<Record<Recipe, readonly RecipeStep[]>> = {
  original: [applyStep([flipStep(0.5), flipStep(0.5), rotateStep(10), rotateStep(10), rotateStep(10)], 1)],
  train: [flipStep(0.5), rotateStep(10)],
  val: [],
};

/** The recipe names, in the table's order. */
export const RECIPE_NAMES = Object.keys(RECIPE_STEPS) as Recipe[];

/** Throws a precise error unless `recipe` names a row of the table. */
export function checkRecipe(recipe: string): asserts recipe is Recipe {
  if (!Object.hasOwn(RECIPE_STEPS, recipe)) throw new RangeError(`invalid recipe: '${recipe}' (choose ${RECIPE_NAMES.slice(0, -1).join(', ')} or ${RECIPE_NAMES.at(-1)})`);
}

/** The step as torchvision writes it, e.g. `RandomRotation(10)` or `RandomHorizontalFlip(p=0.5)`. */
export function stepName(step: RecipeStep): string {
  switch (step.kind) {
    case 'flip':
      return `RandomHorizontalFlip(p=${step.p})`;
    case 'rotate':
      return `RandomRotation(${step.lo === -step.hi ? step.hi : `(${step.lo}, ${step.hi})`})`;
    case 'apply':
      return `RandomApply([${step.steps.map(stepName).join(', ')}], p=${step.p})`;
  }
}

/** Draws one step's random numbers from `rng` exactly as torchvision's step does (same calls, same order). */
export function drawStep(step: RecipeStep, rng: Rng): Draw {
  switch (step.kind) {
    case 'flip':
      return { kind: 'flip', flipped: rng.next() < step.p }; // torchvision: `if torch.rand(1) < self.p`
    case 'rotate':
      return { kind: 'rotate', angle: step.lo + (step.hi - step.lo) * rng.next() };
    case 'apply':
      // torchvision: `if self.p < torch.rand(1): return img` — the inner steps then draw nothing.
      if (step.p < rng.next()) return { kind: 'apply', skipped: true, draws: [] };
      return { kind: 'apply', skipped: false, draws: step.steps.map((inner) => drawStep(inner, rng)) };
  }
}

/** Draws the random numbers of a whole recipe for one image; `val` draws none. */
export function drawRecipe(recipe: Recipe, rng: Rng): Draw[] {
  checkRecipe(recipe);
  return RECIPE_STEPS[recipe].map((step) => drawStep(step, rng));
}

/** The operations that `draws` apply to the pixels, in order (no-op flips and skipped steps left out). */
export function operationsOf(draws: readonly Draw[]): GeometricOp[] {
  return draws.flatMap((d): GeometricOp[] => {
    switch (d.kind) {
      case 'flip':
        return d.flipped ? [{ kind: 'flip' }] : [];
      case 'rotate':
        return [{ kind: 'rotate', degrees: d.angle }];
      case 'apply':
        return operationsOf(d.draws);
    }
  });
}

/** Draws one image of `recipe` (as `drawRecipe`) and lists the operations it applies, in order: what the GPU pipeline's kernel gets. */
export function drawOps(recipe: Recipe, rng: Rng): { ops: GeometricOp[]; draws: Draw[] } {
  const draws = drawRecipe(recipe, rng);
  return { ops: operationsOf(draws), draws };
}

/** The most operations one image of `recipe` can get (e.g. 5 for `original`): the GPU kernel's per-image slots. */
export function maxOps(recipe: Recipe): number {
  checkRecipe(recipe);
  const count = (steps: readonly RecipeStep[]): number => steps.reduce((n, s) => n + (s.kind === 'apply' ? count(s.steps) : 1), 0);
  return count(RECIPE_STEPS[recipe]);
}

/** A step of the table without RandomApply around it, with where it sits: `path` indexes the nesting. */
export interface LeafStep {
  step: Extract<RecipeStep, { kind: 'flip' | 'rotate' }>;
  path: number[];
}

/** The flips and rotations of a recipe in order, RandomApply opened up (the playground shows them one by one). */
export function leafSteps(recipe: Recipe): LeafStep[] {
  checkRecipe(recipe);
  const walk = (steps: readonly RecipeStep[], path: number[]): LeafStep[] =>
    steps.flatMap((step, i) => (step.kind === 'apply' ? walk(step.steps, [...path, i]) : [{ step, path: [...path, i] }]));
  return walk(RECIPE_STEPS[recipe], []);
}

/** The draws of the leaves (see `leafSteps`), in the same order; a leaf whose RandomApply skipped gets null. */
export function leafDraws(draws: readonly Draw[], recipe: Recipe): (Extract<Draw, { kind: 'flip' | 'rotate' }> | null)[] {
  return leafSteps(recipe).map(({ path }) => {
    let list: readonly Draw[] = draws;
    for (let depth = 0; depth < path.length - 1; depth++) {
      const d = list[path[depth]];
      if (d.kind !== 'apply' || d.skipped) return null;
      list = d.draws;
    }
    const leaf = list[path[path.length - 1]];
    return leaf.kind === 'apply' ? null : leaf;
  });
}
