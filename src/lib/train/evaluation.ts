/**
 * What a trained model got right and wrong on a set of images, from its class probabilities:
 * the confusion matrix, the accuracy of each class and the most likely classes of each image.
 * Pure arithmetic on arrays, so the browser demo and the tests share it.
 */
import { classAccuracy, confusionMatrix } from '../eval/confusion';

/** One class and its probability. */
export interface Ranked {
  label: number;
  p: number;
}

/** The evaluation of `n` images over `k` classes. */
export interface Evaluation {
  /** confusion[true][predicted]: images of class `true` the model put into `predicted`. */
  confusion: number[][];
  /** Per class: the share of its images classified correctly, or null when it has none. */
  classAccuracy: (number | null)[];
  /** Share of all images classified correctly. */
  accuracy: number;
  /** Per image: the `top` most likely classes, most likely first. */
  ranked: Ranked[][];
}

/** The `top` most likely classes in one row of probabilities, most likely first (ties: lower label first). */
export function topK(probabilities: ArrayLike<number>, top: number): Ranked[] {
  if (!Number.isInteger(top) || top < 1) throw new RangeError(`invalid top-k: ${top} (choose a whole number ≥ 1)`);
  return Array.from(probabilities, (p, label) => ({ label, p }))
    .sort((a, b) => b.p - a.p || a.label - b.label)
    .slice(0, top);
}

/** The shared confusion arithmetic (lib/eval/confusion.ts), re-exported where the demo has always found it. */
export { classAccuracy, confusionMatrix } from '../eval/confusion';

/**
 * Evaluates class probabilities `[n, k]` (row-major, e.g. softmax output) against `labels` `[n]`.
 * Throws when the sizes do not fit together.
 */
export function evaluatePredictions(probabilities: ArrayLike<number>, labels: ArrayLike<number>, k: number, top = 3): Evaluation {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`invalid number of classes: ${k}`);
  if (probabilities.length !== labels.length * k) {
    throw new RangeError(`probabilities hold ${probabilities.length} values, expected ${labels.length} images × ${k} classes`);
  }
  const rows = Array.from({ length: labels.length }, (_, i) => Array.prototype.slice.call(probabilities, i * k, (i + 1) * k) as number[]);
  const ranked = rows.map((row) => topK(row, Math.min(top, k)));
  const confusion = confusionMatrix(labels, ranked.map((r) => r[0].label), k);
  const right = confusion.reduce((sum, row, i) => sum + row[i], 0);
  return { confusion, classAccuracy: classAccuracy(confusion), accuracy: labels.length ? right / labels.length : Number.NaN, ranked };
}

/** Up to `count` positions spread evenly over `n` items (the example images shown). */
export function spreadIndices(n: number, count: number): number[] {
  const m = Math.min(n, count);
  return Array.from({ length: m }, (_, j) => Math.floor((j * n) / m));
}
