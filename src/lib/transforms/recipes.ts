/**
 * The augmentation chains as one table (`ChainName`: original, train, val — not the training
 * recipes original/corrected of train/recipes.ts, which pick one chain for training and one for
 * validation): which random steps run between Resize and CenterCrop,
 * with their probabilities, degrees and order. Every consumer derives from it: the CPU chain
 * (chain.ts, random.ts), the batch version (batch.ts), the GPU input pipeline and the transforms
 * playground. Drawing a chain's random numbers (`drawChain`) is kept apart from applying them to
 * pixels, so all consumers draw the same numbers in the same order as torchvision does.
 */
import type { Rng } from '../data/rng';

/**
 * - `original`: the blog post's chain, RandomApply([flip, flip, rot(10), rot(10), rot(10)], p=1)
 *   (and, as in the post, used for validation images too);
 * - `train`: this tutorial's training chain, one RandomHorizontalFlip(0.5) and one RandomRotation(10);
 * - `val`: deterministic, no augmentation.
 */
export type ChainName = 'original' | 'train' | 'val';

/** A random step as data: torchvision's RandomHorizontalFlip(p), RandomRotation((lo, hi)), RandomApply(steps, p). */
export type ChainStep =
  | { kind: 'flip'; p: number }
  | { kind: 'rotate'; lo: number; hi: number }
  | { kind: 'apply'; p: number; steps: readonly ChainStep[] };

/** What a random step drew: whether it flipped, which angle (degrees), whether RandomApply skipped its steps. */
export type Draw =
  | { kind: 'flip'; flipped: boolean }
  | { kind: 'rotate'; angle: number }
  | { kind: 'apply'; skipped: boolean; draws: Draw[] };

/** What one image's augmentation does to the pixels, in the order it is applied: a mirror, or a rotation by `degrees`. */
export type GeometricOp = { kind: 'flip' } | { kind: 'rotate'; degrees: number };

/** `RandomHorizontalFlip(p)` as a table entry. */
export function flipStep(p = 0.5): ChainStep {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (choose 0 … 1)`);
  return { kind: 'flip', p };
}

/** `RandomRotation(degrees)` as a table entry: a uniform angle in [−degrees, degrees] (or [lo, hi]). */
export function rotateStep(degrees: number | readonly [number, number]): ChainStep {
  const [lo, hi] = typeof degrees === 'number' ? [-degrees, degrees] : degrees;
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`invalid degrees: ${JSON.stringify(degrees)} (a number ≥ 0 or [low, high])`);
  return { kind: 'rotate', lo, hi };
}

/** `RandomApply(steps, p)` as a table entry: all steps in order with probability p, else none. */
export function applyStep(steps: readonly ChainStep[], p = 0.5): ChainStep {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (choose 0 … 1)`);
  return { kind: 'apply', p, steps };
}

/** The table: the random steps of each chain, in the order torchvision runs them. */
export const CHAIN_STEPS: Readonly<Record<ChainName, readonly ChainStep[]>> = {
  original: [applyStep([flipStep(0.5), flipStep(0.5), rotateStep(10), rotateStep(10), rotateStep(10)], 1)],
  train: [flipStep(0.5), rotateStep(10)],
  val: [],
};

/** The chain names, in the table's order. */
export const CHAIN_NAMES = Object.keys(CHAIN_STEPS) as ChainName[];

/** Throws a precise error unless `chain` names a row of the table. */
export function checkChain(chain: string): asserts chain is ChainName {
  if (!Object.hasOwn(CHAIN_STEPS, chain)) throw new RangeError(`invalid chain: '${chain}' (choose ${CHAIN_NAMES.slice(0, -1).join(', ')} or ${CHAIN_NAMES.at(-1)})`);
}

/** The step as torchvision writes it, e.g. `RandomRotation(10)` or `RandomHorizontalFlip(p=0.5)`. */
export function stepName(step: ChainStep): string {
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
export function drawStep(step: ChainStep, rng: Rng): Draw {
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

/** Draws the random numbers of a whole chain for one image; `val` draws none. */
export function drawChain(chain: ChainName, rng: Rng): Draw[] {
  checkChain(chain);
  return CHAIN_STEPS[chain].map((step) => drawStep(step, rng));
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

/** Draws one image of `chain` (as `drawChain`) and lists the operations it applies, in order: what the GPU pipeline's kernel gets. */
export function drawOps(chain: ChainName, rng: Rng): { ops: GeometricOp[]; draws: Draw[] } {
  const draws = drawChain(chain, rng);
  return { ops: operationsOf(draws), draws };
}

/** The most operations one image of `chain` can get (e.g. 5 for `original`): the GPU kernel's per-image slots. */
export function maxOps(chain: ChainName): number {
  checkChain(chain);
  const count = (steps: readonly ChainStep[]): number => steps.reduce((n, s) => n + (s.kind === 'apply' ? count(s.steps) : 1), 0);
  return count(CHAIN_STEPS[chain]);
}

/** A step of the table without RandomApply around it, with where it sits: `path` indexes the nesting. */
export interface LeafStep {
  step: Extract<ChainStep, { kind: 'flip' | 'rotate' }>;
  path: number[];
}

/** The flips and rotations of a chain in order, RandomApply opened up (the playground shows them one by one). */
export function leafSteps(chain: ChainName): LeafStep[] {
  checkChain(chain);
  const walk = (steps: readonly ChainStep[], path: number[]): LeafStep[] =>
    steps.flatMap((step, i) => (step.kind === 'apply' ? walk(step.steps, [...path, i]) : [{ step, path: [...path, i] }]));
  return walk(CHAIN_STEPS[chain], []);
}

/** The draws of the leaves (see `leafSteps`), in the same order; a leaf whose RandomApply skipped gets null. */
export function leafDraws(draws: readonly Draw[], chain: ChainName): (Extract<Draw, { kind: 'flip' | 'rotate' }> | null)[] {
  return leafSteps(chain).map(({ path }) => {
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
