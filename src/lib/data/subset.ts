/**
 * Which images a run trains and validates on: the first `perClass` images of each chosen class,
 * in the order the images are given. One function for the browser demo (images in the order of
 * the asset manifest) and for `npm run train:full` (images in split order, via split.ts's
 * selectImages).
 */

/** One candidate image: its data-set class and the part of the split it belongs to. */
export interface SubsetCandidate {
  label: number;
  subset: 'train' | 'val';
}

/** A chosen image: its position among the candidates and its label in the run (0 … classes − 1). */
export interface SubsetPick {
  index: number;
  label: number;
}

/** Which classes and how many images per class a subset takes, and its seed. */
export interface SubsetOptions {
  /** Data-set class indices to train on; class `classes[k]` gets the run's label k. */
  classes: readonly number[];
  /** Training images per class at most, or every one. */
  perClass: number | 'all';
  /** Validation images per class at most (default: `validationPerClass(perClass)`). */
  valPerClass?: number | 'all';
}

/** The chosen images and how many each class really got (the data may hold fewer than asked). */
export interface Subset {
  train: SubsetPick[];
  val: SubsetPick[];
  /** Training images per run label. */
  trainCounts: number[];
  /** Validation images per run label. */
  valCounts: number[];
}

/** Validation images per class for `perClass` training images: a quarter, at least one (the 80/20 split's ratio). */
export function validationPerClass(perClass: number | 'all'): number | 'all' {
  return perClass === 'all' ? 'all' : Math.max(1, Math.ceil(perClass / 4));
}

/**
 * Picks the training and validation images of a run from `candidates`, keeping their order: an
 * image is taken while its class has fewer than the wanted number. Throws on options that cannot
 * describe a run.
 */
export function selectSubset(candidates: readonly SubsetCandidate[], options: SubsetOptions): Subset {
  const { classes, perClass } = options;
  const valPerClass = options.valPerClass ?? validationPerClass(perClass);
  const isCount = (v: number | 'all') => v === 'all' || (Number.isInteger(v) && v >= 1);
  if (classes.length < 1) throw new RangeError('invalid subset: no classes (choose at least one)');
  if (new Set(classes).size !== classes.length) throw new RangeError(`invalid subset: classes ${classes.join(', ')} repeat`);
  if (!isCount(perClass)) throw new RangeError(`invalid subset: ${perClass} images per class (choose a whole number ≥ 1 or 'all')`);
  if (!isCount(valPerClass)) throw new RangeError(`invalid subset: ${valPerClass} validation images per class (choose a whole number ≥ 1 or 'all')`);
  const runLabel = new Map(classes.map((c, k) => [c, k]));
  const subset: Subset = { train: [], val: [], trainCounts: classes.map(() => 0), valCounts: classes.map(() => 0) };
  candidates.forEach(({ label, subset: part }, index) => {
    const k = runLabel.get(label);
    if (k === undefined) return;
    const [picks, counts, wanted] = part === 'train' ? [subset.train, subset.trainCounts, perClass] : [subset.val, subset.valCounts, valPerClass];
    if (wanted !== 'all' && counts[k] >= wanted) return;
    counts[k]++;
    picks.push({ index, label: k });
  });
  return subset;
}

/** The classes 0 … n − 1 (train:full trains the data set's first n classes). */
export const firstClasses = (n: number): number[] => Array.from({ length: n }, (_, k) => k);
