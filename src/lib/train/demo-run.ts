/**
 * One run of the browser demo from its loaded images to its evaluation: subset, images on the
 * device (demo-data.ts), SimpleCNN, the loop (loop.ts) with a pause gate whose waiting is not
 * counted as work, then the confusion matrix and example predictions; and, once trained, the
 * reader's own image and a look inside the model. The training worker relays messages to these.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { AssetManifest, ImageSet } from '../data/manifest';
import { packRGB } from '../data/pixels';
import { createRng } from '../data/rng';
import { createSimpleCNN } from '../model/simplecnn';
import { inspectImage, type Inspection } from '../model/inspect';
import { augmentBatch } from '../transforms/batch';
import { applyMap, centerCropMap } from '../transforms/geometry';
import type { RGBAImage } from '../transforms/image';
import { resize } from '../transforms/resize';
import { resizeFor } from '../transforms/sizes';
import type { KernelSet } from '../webgpu/kernels';
import { imagesTensor, placeImages, selectDemoSubset, evaluationExamples, type DataCounts, type EvaluationExample } from './demo-data';
import type { SubsetPick } from '../data/subset';
import { evaluatePredictions, topK, type Ranked } from './evaluation';
import { predictProbabilities, train, type BatchProgress, type EpochMetrics, type TrainingConfig } from './loop';

type TF = typeof tfjs;

/** The demo's settings: the loop's configuration plus how many classes and training images per class ('all': every one, the 101-class run's default). */
export interface DemoRunConfig extends TrainingConfig {
  classes: number;
  perClass: number | 'all';
}

/** The evaluation on the validation images, with a few of them as examples. */
export interface DemoEvaluation {
  classes: string[];
  /** confusion[true][predicted] on the validation images. */
  confusion: number[][];
  classAccuracy: (number | null)[];
  examples: EvaluationExample[];
}

/**
 * The loop's pause: `wait` resolves at once while running and on `resume` while paused (calling
 * `onHeld` when the loop arrives at it); `heldWithin(from, to)` is the time the loop was held inside
 * that span, so a batch's time leaves out exactly the part of a pause that fell into it (with two
 * batches in flight a batch may finish during a pause, and the next one then overlaps only its
 * rest). `now` is injectable for tests; it must be the clock the loop times batches with.
 */
export function createPauseGate(onHeld: () => void = () => {}, now: () => number = () => performance.now()) {
  let paused = false;
  let release: (() => void) | null = null;
  let heldSince: number | null = null;
  let holds: { from: number; to: number }[] = [];
  return {
    now,
    pause: () => void (paused = true),
    resume() {
      paused = false;
      release?.();
      release = null;
    },
    async wait(): Promise<void> {
      if (!paused) return;
      const from = now();
      heldSince = from;
      onHeld();
      await new Promise<void>((r) => (release = r));
      heldSince = null;
      holds.push({ from, to: now() });
    },
    heldWithin(from: number, to: number): number {
      holds = holds.filter((h) => h.to > from); // older holds can never overlap a later batch
      const spans = heldSince === null ? holds : [...holds, { from: heldSince, to }];
      return spans.reduce((sum, h) => sum + Math.max(0, Math.min(to, h.to) - Math.max(from, h.from)), 0);
    },
  };
}

/** What a demo run reports while it works. */
export interface DemoRunReports {
  signal: AbortSignal;
  gate: ReturnType<typeof createPauseGate>;
  onData(counts: DataCounts): void;
  onBuilding(): void;
  /**
   * Until the first batch is reported: batch `batch` of the first epoch's `batches` starts. The
   * loop reports a batch only once the next one is queued, and on the CPU each batch runs to its
   * end before the next starts, so there the first report comes after two whole batches.
   * `msSince` is the time since the previous batch started (pauses left out): on the CPU, how
   * long that batch took; null for the first.
   */
  onBatchStarting?(batch: number, batches: number, msSince: number | null): void;
  /** A finished batch; `msPerBatch` leaves out time spent paused. */
  onBatch(progress: BatchProgress): void;
  onEpoch(metrics: EpochMetrics): void;
  onEvaluating(): void;
  /** The GPU upload failed and the gather path is taken (English, for the console). */
  onFallback(message: string): void;
}

/** A finished (or stopped) run: the model stays for predictions; `sources` are the examples' uncropped images. */
export interface DemoRunResult {
  model: tfjs.LayersModel;
  history: EpochMetrics[];
  /** The reader stopped it before the last epoch's validation. */
  stopped: boolean;
  evaluation: DemoEvaluation | null;
  sources: RGBAImage[];
}

/** Trains SimpleCNN on the demo subset of `set` (images decoded, in manifest order) and evaluates it unless stopped before any epoch. */
export async function runDemo(tf: TF, manifest: AssetManifest, set: ImageSet, images: readonly RGBAImage[], config: DemoRunConfig, kernels: KernelSet, r: DemoRunReports): Promise<DemoRunResult> {
  const { subset, classes, counts } = selectDemoSubset(manifest, set, config.classes, config.perClass);
  r.onData(counts);
  const trainImages = placeImages(tf, images, subset.train, set.size, r.onFallback);
  const valImages = placeImages(tf, images, subset.val, set.size, r.onFallback);
  const valLabels = Int32Array.from(subset.val, (p) => p.label);
  r.onBuilding();
  const model = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed }).model;
  const batches = Math.ceil(subset.train.length / config.batchSize);
  let started = 0; // batches started before the first report (afterwards: -1)
  let startedAt = 0;
  let history: EpochMetrics[];
  try {
    history = await train(tf, model, { trainImages, trainLabels: Int32Array.from(subset.train, (p) => p.label), valImages, valLabels, numClasses: config.classes }, config, {
      kernels,
      signal: r.signal,
      gate: async () => {
        await r.gate.wait();
        if (started < 0 || started >= batches) return;
        const now = r.gate.now();
        r.onBatchStarting?.(++started, batches, started > 1 ? now - startedAt - r.gate.heldWithin(startedAt, now) : null);
        startedAt = now;
      },
      onBatch: (p) => {
        started = -1;
        const end = r.gate.now();
        r.onBatch({ ...p, msPerBatch: Math.max(0, p.msPerBatch - r.gate.heldWithin(end - p.msPerBatch, end)) });
      },
      onEpoch: r.onEpoch,
    });
  } finally {
    trainImages.dispose();
    valImages.dispose();
  }
  const stopped = r.signal.aborted || history.length < config.epochs;
  if (history.length === 0) return { model, history, stopped, evaluation: null, sources: [] };
  r.onEvaluating();
  const probs = await predictInParts(tf, model, images, subset.val, set.size, config.cropSize, config.classes);
  const ev = evaluatePredictions(probs, valLabels, config.classes);
  const { examples, sources } = evaluationExamples(images, subset.val, ev.ranked, config.cropSize);
  return { model, history, stopped, evaluation: { classes, confusion: ev.confusion, classAccuracy: ev.classAccuracy, examples }, sources };
}

/** Validation images predicted per this many at a time: 1,736 at 64 × 64 at once would need about 1 GB for conv1's output alone. */
export const PREDICT_PART = 128;

/** Class probabilities `[picks.length, classes]` of the picked images, predicted PREDICT_PART at a time (the gather path). */
export async function predictInParts(tf: TF, model: tfjs.LayersModel, images: readonly RGBAImage[], picks: readonly SubsetPick[], size: number, cropSize: number, classes: number): Promise<Float32Array> {
  const out = new Float32Array(picks.length * classes);
  for (let first = 0; first < picks.length; first += PREDICT_PART) {
    const part = imagesTensor(tf, images, picks.slice(first, first + PREDICT_PART), size);
    out.set(await predictProbabilities(tf, model, part, cropSize), first * classes);
    part.dispose();
  }
  return out;
}

/** The top 3 classes of one own image, resized and center-cropped like the validation images; `resized` is kept for a look inside. */
export async function classifyOwnImage(tf: TF, model: tfjs.LayersModel, image: RGBAImage, cropSize: number): Promise<{ ranked: Ranked[]; resized: RGBAImage }> {
  const size = resizeFor(cropSize);
  const resized = resize(image, size, size);
  const x = tf.tensor4d(Int32Array.from(packRGB([resized], size)), [1, size, size, 3], 'int32');
  const probs = await predictProbabilities(tf, model, x, cropSize);
  x.dispose();
  return { ranked: topK(probs, 3), resized };
}

/** Filters, feature maps and saliency for one stored-size image, cropped and normalized like the validation images; `image` is the crop the model saw. */
export function inspectStoredImage(tf: TF, model: tfjs.LayersModel, picked: RGBAImage, cropSize: number): { image: RGBAImage; inspection: Inspection } {
  const size = picked.width;
  const input = tf.tidy(() => augmentBatch(tf, tf.tensor4d(Int32Array.from(packRGB([picked], size)), [1, size, size, 3], 'int32'), 'val', cropSize, createRng(0)));
  try {
    return { image: applyMap(picked, centerCropMap(size, size, cropSize)), inspection: inspectImage(tf, model, input) };
  } finally {
    input.dispose();
  }
}
