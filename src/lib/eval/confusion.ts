/**
 * The one confusion arithmetic of the project: the matrix from (true, predicted) pairs, each
 * class's accuracy, the classes ranked by it and the most confused pairs. The "Prüfen" chapter
 * (runs/confusion.ts, PyTorch predictions), the training demo (train/evaluation.ts) and the model
 * loader all use it, so they cannot disagree. Pure arithmetic on arrays of class indices.
 */

/** A true class taken for another (true ≠ predicted): how many of its images, out of how many. */
export interface ConfusedCell {
  trueClass: number;
  predicted: number;
  count: number;
  /** The true class's images (its row sum). */
  images: number;
}

/** One class's accuracy: its index, its images and the share of them classified correctly. */
export interface ClassScore {
  index: number;
  images: number;
  accuracy: number;
}

/** Rows are true classes, columns predicted classes (both 0 … k − 1); throws on a class out of range. */
export function confusionMatrix(labels: ArrayLike<number>, predicted: ArrayLike<number>, k: number): number[][] {
  if (labels.length !== predicted.length) throw new RangeError(`length mismatch: ${labels.length} labels, ${predicted.length} predictions`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`invalid number of classes: ${k}`);
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const [t, p] = [labels[i], predicted[i]];
    if (!(t >= 0 && t < k && p >= 0 && p < k && Number.isInteger(t) && Number.isInteger(p))) throw new RangeError(`class out of range at image ${i}: true ${t}, predicted ${p} (expected 0 … ${k - 1})`);
    matrix[t][p]++;
  }
  return matrix;
}

/** The matrix of `[true, predicted]` pairs (e.g. a predictions file's images without their ids). */
export const confusionFromPairs = (pairs: readonly (readonly [number, number])[], k: number): number[][] =>
  confusionMatrix(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
    k,
  );

/** Per class: diagonal / row sum of the confusion matrix, null for a class without images. */
export function classAccuracy(confusion: number[][]): (number | null)[] {
  return confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total ? row[i] / total : null;
  });
}

/** Orders two classes by name (`names` given: localeCompare, as the chapter sorts) or else by index. */
const byName = (names: readonly string[] | undefined) => (a: number, b: number) => (names ? names[a].localeCompare(names[b]) : 0) || a - b;

/** The classes with images, worst accuracy first (ties by name when `names` is given, else by index). */
export function rankClasses(confusion: number[][], names?: readonly string[]): ClassScore[] {
  const order = byName(names);
  return classAccuracy(confusion)
    .map((accuracy, index) => ({ index, accuracy, images: confusion[index].reduce((a, b) => a + b, 0) }))
    .filter((c): c is ClassScore => c.accuracy !== null)
    .sort((a, b) => a.accuracy - b.accuracy || order(a.index, b.index));
}

/**
 * The `k` largest off-diagonal cells (true → predicted with count > 0), largest first; ties by the
 * true class, then the predicted class (by name when `names` is given, else by index).
 */
export function mostConfused(confusion: number[][], k = 5, names?: readonly string[]): ConfusedCell[] {
  const order = byName(names);
  const cells: ConfusedCell[] = [];
  confusion.forEach((row, t) => {
    const images = row.reduce((a, b) => a + b, 0);
    row.forEach((count, p) => {
      if (p !== t && count > 0) cells.push({ trueClass: t, predicted: p, count, images });
    });
  });
  return cells.sort((a, b) => b.count - a.count || order(a.trueClass, b.trueClass) || order(a.predicted, b.predicted)).slice(0, k);
}

/** The element-wise sum of equally sized matrices (several runs' confusions). */
export function addMatrices(matrices: number[][][]): number[][] {
  if (matrices.length === 0) throw new RangeError('no matrices to add');
  const k = matrices[0].length;
  if (matrices.some((m) => m.length !== k || m.some((row) => row.length !== k))) throw new RangeError(`matrices differ in size (expected ${k} × ${k})`);
  return matrices[0].map((row, i) => row.map((_, j) => matrices.reduce((sum, m) => sum + m[i][j], 0)));
}
