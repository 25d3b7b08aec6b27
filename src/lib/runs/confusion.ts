/**
 * What the predictions of several runs (seeds of one band) say per class: how often each class is
 * recognised, and which true class is most often taken for which other. The runs must have predicted
 * the same validation images with the same class list (one band, one split).
 */
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

/** Per class with validation images: its accuracy over the runs, sorted from worst to best (ties by name). */
export function classAccuracies(runs: Predictions[]): ClassAccuracy[] {
  checkComparable(runs);
  const { classes, images } = runs[0];
  const total = classes.map(() => 0);
  for (const [, t] of images) total[t]++;
  const right = runs.map((r) => {
    const n = classes.map(() => 0);
    for (const [, t, q] of r.images) if (t === q) n[t]++;
    return n;
  });
  return classes
    .map((name, c) => ({ name, images: total[c], accuracy: spread(right.map((n) => n[c] / Math.max(total[c], 1))) }))
    .filter((c) => c.images > 0)
    .sort((a, b) => a.accuracy.mean - b.accuracy.mean || a.name.localeCompare(b.name));
}

/** Per run: the share of all images right, and the mean over classes of each class's share (classes with images). */
export function overallAndPerClass(runs: Predictions[]): { overall: Spread; perClass: Spread } {
  checkComparable(runs);
  const overall = runs.map((r) => r.images.filter(([, t, q]) => t === q).length / r.images.length);
  const perClass = runs.map((r) => {
    const single = classAccuracies([r]);
    return single.reduce((sum, c) => sum + c.accuracy.mean, 0) / single.length;
  });
  return { overall: spread(overall), perClass: spread(perClass) };
}

/** The `k` most frequent confusions (true → predicted, true ≠ predicted) by their mean count over the runs. */
export function confusedPairs(runs: Predictions[], k = 5): ConfusedPair[] {
  checkComparable(runs);
  const { classes, images } = runs[0];
  const total = classes.map(() => 0);
  for (const [, t] of images) total[t]++;
  const counts = new Map<string, number[]>();
  runs.forEach((r, i) => {
    for (const [, t, q] of r.images) {
      if (t === q) continue;
      const key = `${t}>${q}`;
      const row = counts.get(key) ?? runs.map(() => 0);
      row[i]++;
      counts.set(key, row);
    }
  });
  return [...counts]
    .map(([key, row]) => {
      const [t, q] = key.split('>').map(Number);
      return { trueName: classes[t], predictedName: classes[q], images: total[t], counts: row, mean: row.reduce((a, b) => a + b, 0) / row.length };
    })
    .sort((a, b) => b.mean - a.mean || a.trueName.localeCompare(b.trueName) || a.predictedName.localeCompare(b.predictedName))
    .slice(0, k);
}
