/**
 * A loaded model scored on the chapters-split validation images the assets hold
 * (data/chapters-val.ts): the share right with its count, per-class accuracy and the most confused
 * pairs (eval/confusion.ts, the arithmetic the chapter and the training demo count with too), and a
 * few images as examples. `scoreValImages` runs the model (tf passed
 * in); `summarizeValPredictions` is pure.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ValImage, ValSelection } from '../data/chapters-val';
import type { RGBAImage } from '../transforms/image';
import { mostConfused, rankClasses, type ClassScore, type ConfusedCell } from '../eval/confusion';
import { imagesTensor, evaluationExamples, type EvaluationExample } from './demo-data';
import { evaluatePredictions } from './evaluation';
import { predictProbabilities } from './loop';

type TF = typeof tfjs;

/** One validation image's verdict: its `class/file`, true and predicted class (the model's indices), the predicted class's probability. */
export interface ValVerdict {
  source: string;
  label: number;
  predicted: number;
  p: number;
}

/** The loaded model on the chapters-split validation images. */
export interface ValEvaluation {
  /** The asset set the images came from (`all-<s>` or `chapters-val-<s>`). */
  setId: string;
  count: number;
  correct: number;
  /** correct / count (NaN when there are no images). */
  accuracy: number;
  images: ValVerdict[];
  /** Classes with images, worst first (ties by name). */
  perClass: ClassScore[];
  /** The most frequent confusions (true → predicted), at most five. */
  confused: ConfusedCell[];
  /** The model's classes without a validation image here. */
  missing: string[];
}

/** Summarizes class probabilities `[n, k]` of the selection's images (in its order) for a model with `classes`. */
export function summarizeValPredictions(selection: ValSelection, classes: readonly string[], probabilities: ArrayLike<number>): ValEvaluation {
  const { images } = selection;
  const ev = evaluatePredictions(probabilities, images.map((i) => i.label), classes.length, 1);
  const verdicts = images.map((img, i) => ({ source: img.source, label: img.label, predicted: ev.ranked[i][0].label, p: ev.ranked[i][0].p }));
  const correct = verdicts.filter((v) => v.label === v.predicted).length;
  return {
    setId: selection.set.id,
    count: verdicts.length,
    correct,
    accuracy: ev.accuracy,
    images: verdicts,
    perClass: rankClasses(ev.confusion, classes),
    confused: mostConfused(ev.confusion, 5, classes),
    missing: selection.missing,
  };
}

/**
 * Runs `model` (input `cropSize`) on the selection's images (`images`: the whole set, stored size,
 * manifest order), `batch` at a time (reporting images done), and summarizes; also returns up to `shown` examples as the
 * model saw them (center crops) and their stored-size sources (for a look inside).
 */
export async function scoreValImages(
  tf: TF,
  model: tfjs.LayersModel,
  images: readonly RGBAImage[],
  selection: ValSelection,
  classes: readonly string[],
  cropSize: number,
  { batch = 64, shown = 24, onProgress }: { batch?: number; shown?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ evaluation: ValEvaluation; examples: EvaluationExample[]; sources: RGBAImage[] }> {
  const picks: ValImage[] = selection.images;
  const probabilities = new Float32Array(picks.length * classes.length);
  for (let first = 0; first < picks.length; first += batch) {
    const x = imagesTensor(tf, images, picks.slice(first, first + batch), selection.set.size); // [b, size, size, 3] int32
    try {
      probabilities.set(await predictProbabilities(tf, model, x, cropSize), first * classes.length);
    } finally {
      x.dispose();
    }
    onProgress?.(Math.min(first + batch, picks.length), picks.length);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let a worker answer other requests (an own image) in between
  }
  const evaluation = summarizeValPredictions(selection, classes, probabilities);
  const ranked = evaluation.images.map((v) => [{ label: v.predicted, p: v.p }]);
  return { evaluation, ...evaluationExamples(images, picks, ranked, cropSize, shown) };
}
