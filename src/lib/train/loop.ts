/**
 * The tutorial's training loop, framework-free and shared by the browser worker and Node:
 * epochs over shuffled batches, augmentation on the GPU, softmax cross-entropy, Adam, then a
 * validation pass. It reports through callbacks, can be paused, resumed and stopped between
 * batches, and keeps the tensor count constant from epoch to epoch.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { createRng, permutation } from '../data/rng';
import { augmentBatch } from '../transforms/batch';
import { createAdam } from '../webgpu/kernels';
import { EpochMeter } from './metrics';
import { RECIPES, type RecipeName } from './recipes';

type TF = typeof tfjs;

/**
 * Images kept outside the GPU (the full data set does not fit there as int32): hands out a batch
 * as `[indices.length, size, size, 3]` int32 on request.
 */
export interface ImageSource {
  count: number;
  size: number;
  batch(tf: TF, indices: Int32Array): tfjs.Tensor4D;
}

/** Images already resized by the chain's Resize (`[n, R, R, 3]` int32, 0 … 255), labels 0 … classes − 1. */
export interface TrainingData {
  trainImages: tfjs.Tensor4D | ImageSource;
  trainLabels: Int32Array;
  valImages: tfjs.Tensor4D | ImageSource;
  valLabels: Int32Array;
  numClasses: number;
}

export interface TrainingConfig {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** The model's input size s (images are stored at round(s · 256 / 224)). */
  cropSize: number;
  recipe: RecipeName;
  seed: number;
}

/** What one epoch measured. Losses: mean over all images, and the original's last-batch value. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainLossLastBatch: number;
  trainAccuracy: number;
  valLoss: number;
  valLossLastBatch: number;
  valAccuracy: number;
  seconds: number;
  /** tf.memory().numTensors after the epoch: must not grow. */
  tensors: number;
}

export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  meanLoss: number;
  accuracy: number;
  msPerBatch: number;
}

export interface TrainingHooks {
  onBatch?: (p: BatchProgress) => void;
  onEpoch?: (m: EpochMetrics) => void;
  /** Awaited between batches: resolve to continue (pause = a promise that resolves on resume). */
  gate?: () => Promise<void>;
  signal?: AbortSignal;
  /** Called between batches to give the event loop a turn (default: setTimeout 0). */
  yieldNow?: () => Promise<void>;
}

/** Validates a configuration; messages say what is wrong and what to choose. */
export function checkConfig(c: TrainingConfig, data: Pick<TrainingData, 'trainLabels'>): void {
  const bad = (what: string) => {
    throw new RangeError(`invalid training configuration: ${what}`);
  };
  if (!Number.isInteger(c.epochs) || c.epochs < 1 || c.epochs > 1000) bad(`epochs ${c.epochs} (choose 1 … 1000)`);
  if (!Number.isInteger(c.batchSize) || c.batchSize < 1) bad(`batch size ${c.batchSize} (choose a positive integer, e.g. 32)`);
  if (!(c.learningRate > 0 && c.learningRate < 1)) bad(`learning rate ${c.learningRate} (choose 0 < lr < 1, e.g. 0.001)`);
  if (!(c.recipe in RECIPES)) bad(`recipe ${c.recipe} (choose ${Object.keys(RECIPES).join(' or ')})`);
  if (data.trainLabels.length < 1) bad('no training images');
}

/** The images at `indices` as an int32 batch, from a tensor on the GPU or from an ImageSource. */
function takeImages(tf: TF, images: tfjs.Tensor4D | ImageSource, indices: Int32Array): tfjs.Tensor4D {
  if ('batch' in images) return images.batch(tf, indices);
  return tf.gather(images, tf.tensor1d(indices, 'int32'));
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Sum of cross-entropy losses and number of correct predictions of a batch, as two scalars. */
function lossAndCorrect(tf: TF, logits: tfjs.Tensor2D, labels: tfjs.Tensor1D, numClasses: number) {
  const oneHot = tf.oneHot(labels, numClasses);
  const perImage = tf.losses.softmaxCrossEntropy(oneHot, logits, undefined, undefined, tf.Reduction.NONE);
  const correct = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'int32'));
  return { lossSum: tf.sum(perImage), correct };
}

/**
 * Trains `model` on `data`. Resolves with the metrics of every finished epoch; a stop through
 * `signal` ends between batches and resolves with the epochs finished so far.
 */
export async function train(tf: TF, model: tfjs.LayersModel, data: TrainingData, config: TrainingConfig, hooks: TrainingHooks = {}): Promise<EpochMetrics[]> {
  checkConfig(config, data);
  const { epochs, batchSize, cropSize, seed } = config;
  const recipe = RECIPES[config.recipe];
  const rng = createRng(seed);
  // PyTorch's Adam defaults: betas (0.9, 0.999), eps 1e-8; fused into one kernel with our WebGPU kernels.
  const optimizer = createAdam(tf, config.learningRate);
  const yieldNow = hooks.yieldNow ?? defaultYield;
  const history: EpochMetrics[] = [];
  const n = data.trainLabels.length;
  const batches = Math.ceil(n / batchSize);
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      const order = permutation(n, rng); // shuffle=True
      const meter = new EpochMeter();
      for (let b = 0; b < batches; b++) {
        if (hooks.gate) await hooks.gate();
        if (hooks.signal?.aborted) return history;
        const t0 = performance.now();
        const idx = order.slice(b * batchSize, (b + 1) * batchSize);
        const labelsArr = Int32Array.from(idx, (i) => data.trainLabels[i]);
        const { loss, correct } = tf.tidy(() => {
          const images = takeImages(tf, data.trainImages, Int32Array.from(idx));
          const x = augmentBatch(tf, images, recipe.train, cropSize, rng);
          const labels = tf.tensor1d(labelsArr, 'int32');
          let correctT: tfjs.Scalar | null = null;
          const lossT = optimizer.minimize(() => {
            const logits = model.apply(x, { training: true }) as tfjs.Tensor2D;
            const r = lossAndCorrect(tf, logits, labels, data.numClasses);
            correctT = tf.keep(r.correct) as tfjs.Scalar;
            return tf.div(r.lossSum, idx.length) as tfjs.Scalar;
          }, true)!;
          return { loss: lossT, correct: correctT! };
        });
        const [lossValue] = await loss.data();
        const [correctValue] = await correct.data();
        loss.dispose();
        correct.dispose();
        meter.update({ meanLoss: lossValue, size: idx.length, correct: correctValue });
        hooks.onBatch?.({
          epoch,
          batch: b + 1,
          batches,
          loss: lossValue,
          meanLoss: meter.meanLoss,
          accuracy: meter.accuracy,
          msPerBatch: performance.now() - t0,
        });
        await yieldNow();
      }
      const val = await evaluate(tf, model, data.valImages, data.valLabels, data.numClasses, { batchSize, cropSize, recipe: recipe.val, rng });
      const metrics: EpochMetrics = {
        epoch,
        trainLoss: meter.meanLoss,
        trainLossLastBatch: meter.lastBatchLoss,
        trainAccuracy: meter.accuracy,
        valLoss: val.meanLoss,
        valLossLastBatch: val.lastBatchLoss,
        valAccuracy: val.accuracy,
        seconds: (performance.now() - started) / 1000,
        tensors: tf.memory().numTensors,
      };
      history.push(metrics);
      hooks.onEpoch?.(metrics);
    }
    return history;
  } finally {
    optimizer.dispose();
  }
}

/** Loss and accuracy over a set of images without training (the validation pass). */
export async function evaluate(
  tf: TF,
  model: tfjs.LayersModel,
  images: tfjs.Tensor4D | ImageSource,
  labels: Int32Array,
  numClasses: number,
  { batchSize, cropSize, recipe, rng }: { batchSize: number; cropSize: number; recipe: 'original' | 'train' | 'val'; rng: ReturnType<typeof createRng> },
): Promise<EpochMeter> {
  const meter = new EpochMeter();
  for (let start = 0; start < labels.length; start += batchSize) {
    const end = Math.min(start + batchSize, labels.length);
    const { lossSum, correct } = tf.tidy(() => {
      const batch = takeImages(tf, images, Int32Array.from({ length: end - start }, (_, i) => start + i));
      const x = augmentBatch(tf, batch, recipe, cropSize, rng);
      const logits = model.apply(x, { training: false }) as tfjs.Tensor2D;
      return lossAndCorrect(tf, logits, tf.tensor1d(labels.subarray(start, end), 'int32'), numClasses);
    });
    const [sum] = await lossSum.data();
    const [right] = await correct.data();
    lossSum.dispose();
    correct.dispose();
    meter.update({ meanLoss: sum / (end - start), size: end - start, correct: right });
  }
  return meter;
}

/** Class probabilities (softmax of the logits) for `[n, R, R, 3]` images, validation-cropped. */
export async function predictProbabilities(tf: TF, model: tfjs.LayersModel, images: tfjs.Tensor4D, cropSize: number): Promise<Float32Array> {
  const probs = tf.tidy(() => tf.softmax(model.apply(augmentBatch(tf, images, 'val', cropSize, createRng(0)), { training: false }) as tfjs.Tensor2D));
  const out = (await probs.data()) as Float32Array;
  probs.dispose();
  return out;
}
