/**
 * What the predictions of several runs (seeds of one band) say per class: how often each class is
 * recognised, and which true class is most often taken for which other. The runs must have predicted
 * the same validation images with the same class list (one band, one split).
 */
import { addMatrices, classAccuracy, confusionFromPairs, mostConfused, rankClasses } from '../eval/confusion';
import type { Predictions } from './predictions';

/** Min, max and mean of one quantity over the runs. */
export interface Spread {
  min: number;
  max: number;
  mean: number;
}

/** One class's accuracy over the runs: its validation images and the share right per run. */
export interface ClassAccuracy {
  name: string;
  images: number;
  accuracy: Spread;
}

/** A true class taken for another: how many of its images, per run (in the runs' order). */
export interface ConfusedPair {
  trueName: string;
  predictedName: string;
  /** The true class's validation images. */
  images: number;
  counts: number[];
  mean: number;
}

const spread = (values: number[]): Spread => ({ min: Math.min(...values), max: Math.max(...values), mean: values.reduce((a, b) => a + b, 0) / values.length });

/** Throws unless every run predicted the same images (same ids and true classes, same order) with the same classes. */
function checkComparable(runs: Predictions[]): void {
  if (runs.length === 0) throw new Error('no predictions to compare');
  const [first, ...rest] = runs;
  for (const r of rest) {
    if (r.classes.join('\n') !== first.classes.join('\n')) throw new Error(`${r.record} and ${first.record} name different classes`);
    if (r.images.length !== first.images.length || r.images.some(([id, t], i) => id !== first.images[i][0] || t !== first.images[i][1]))
      throw new Error(`${r.record} and ${first.record} predicted different validation images`);
  }
}

/** One confusion matrix per run (lib/eval/confusion.ts does the counting). */
const matricesOf = (runs: Predictions[]) => runs.map((r) => confusionFromPairs(r.images.map(([, t, q]) => [t, q] as const), r.classes.length));

/** Per class with validation images: its accuracy over the runs, sorted from worst to best (ties by name). */
export function classAccuracies(runs: Predictions[]): ClassAccuracy[] {
  checkComparable(runs);
  const { classes } = runs[0];
  const matrices = matricesOf(runs);
  const perRun = matrices.map(classAccuracy);
  return classes
    .map((name, c) => ({ name, images: matrices[0][c].reduce((a, b) => a + b, 0), accuracy: spread(perRun.map((acc) => acc[c] ?? 0)) }))
    .filter((c) => c.images > 0)
    .sort((a, b) => a.accuracy.mean - b.accuracy.mean || a.name.localeCompare(b.name));
}

/** Per run: the share of all images right, and the mean over classes of each class's share (classes with images). */
export function overallAndPerClass(runs: Predictions[]): { overall: Spread; perClass: Spread } {
  checkComparable(runs);
  const overall = runs.map((r) => r.images.filter(([, t, q]) => t === q).length / r.images.length);
  const perClass = matricesOf(runs).map((m) => {
    const ranked = rankClasses(m, runs[0].classes);
    return ranked.reduce((sum, c) => sum + c.accuracy, 0) / ranked.length;
  });
  return { overall: spread(overall), perClass: spread(perClass) };
}

/** The `k` most frequent confusions (true → predicted, true ≠ predicted) by their mean count over the runs (ties by name). */
export function confusedPairs(runs: Predictions[], k = 5): ConfusedPair[] {
  checkComparable(runs);
  const { classes } = runs[0];
  const matrices = matricesOf(runs);
  return mostConfused(addMatrices(matrices), k, classes).map((cell) => {
    const counts = matrices.map((m) => m[cell.trueClass][cell.predicted]);
    return { trueName: classes[cell.trueClass], predictedName: classes[cell.predicted], images: cell.images / runs.length, counts, mean: cell.count / runs.length };
  });
}
