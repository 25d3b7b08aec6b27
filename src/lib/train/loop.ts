/**
 * The tutorial's training loop, framework-free and shared by the browser worker and Node:
 * epochs over shuffled batches, augmentation on the GPU, softmax cross-entropy, Adam, then a
 * validation pass. It reports through callbacks, can be paused, resumed and stopped between
 * batches, and keeps the tensor count constant from epoch to epoch.
 * It never waits for a batch's numbers before queueing the next one: each batch's loss and
 * correct count are read back while the next batch runs (at most two batches in flight), so
 * progress lags by one batch while the epoch's means and last-batch loss stay exact.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { createRng, type Rng } from '../data/rng';
import { isSeed, SEED_RANGE } from '../data/seed';
import { augmentBatch } from '../transforms/batch';
import type { ChainName } from '../transforms/chain';
import { augmentResident, type ResidentImages } from '../webgpu/augment';
import { createAdam, type KernelSet } from '../webgpu/kernels';
import { epochBatches, validationBatches } from './draw-order';
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

/**
 * Where a set's images are: a `[n, R, R, 3]` int32 tensor, an ImageSource outside the GPU (both
 * take batch.ts's gather path), or bytes resident on the GPU (WebGPU: one augmentation kernel).
 */
export type Images = tfjs.Tensor4D | ImageSource | ResidentImages;

/** Images already resized by the chain's Resize (values 0 … 255), labels 0 … classes − 1. */
export interface TrainingData {
  trainImages: Images;
  trainLabels: Int32Array;
  valImages: Images;
  valLabels: Int32Array;
  numClasses: number;
}

/** One run's settings: epochs, batch size, learning rate, input size, recipe and seed (the record's config). */
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

/** A finished batch as `onBatch` reports it: where in the run, its loss, the epoch's running means and its time. */
export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  meanLoss: number;
  accuracy: number;
  msPerBatch: number;
}

/**
 * What `train` takes besides the data and the configuration: the kernel set the caller
 * registered, and how the caller follows the run (onBatch, onEpoch) and steers it (gate, signal).
 */
export interface TrainOptions {
  /** `fast` where our WebGPU kernels are registered (`useKernels`), else `stock` (also on WebGL and CPU); checked against tfjs's registry. */
  kernels: KernelSet;
  onBatch?: (p: BatchProgress) => void;
  onEpoch?: (m: EpochMetrics) => void;
  /** Awaited between batches: resolve to continue (pause = a promise that resolves on resume). */
  gate?: () => Promise<void>;
  /** A stop: the loop ends between batches (the batches already queued finish) and skips that epoch's validation. */
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
  if (!isSeed(c.seed)) bad(`seed ${c.seed} (${SEED_RANGE})`);
  if (!(c.recipe in RECIPES)) bad(`recipe ${c.recipe} (choose ${Object.keys(RECIPES).join(' or ')})`);
  if (data.trainLabels.length < 1) bad('no training images');
}

/**
 * The augmented batch of the images at `indices`: `[indices.length, s, s, 3]` float32. Resident
 * images go through the GPU kernel, the others through a gather; both draw the same numbers
 * from `rng` and give the same values.
 */
function augmentImages(tf: TF, images: Images, indices: Int32Array, recipe: ChainName, cropSize: number, rng: Rng): tfjs.Tensor4D {
  if ('chunks' in images) return augmentResident(tf, images, indices, recipe, cropSize, rng);
  const batch = 'batch' in images ? images.batch(tf, indices) : tf.gather(images, tf.tensor1d(indices, 'int32'));
  return augmentBatch(tf, batch as tfjs.Tensor4D, recipe, cropSize, rng);
}

/** One batch's numbers on their way back from the GPU: its loss (mean or sum) and correct count. */
interface InFlight {
  size: number;
  loss: 'mean' | 'sum';
  values: Promise<Float32Array>;
}

/** Starts reading `[loss, correct]` (one read-back) and frees the tensor once it is read. */
function readBack(packed: tfjs.Tensor1D, size: number, loss: InFlight['loss']): InFlight {
  const values = (packed.data() as Promise<Float32Array>).finally(() => packed.dispose());
  return { size, loss, values };
}

/** Waits for a batch's numbers and adds them to the meter; returns its mean loss. */
async function settle(batch: InFlight, meter: EpochMeter): Promise<number> {
  const [loss, correct] = await batch.values;
  const meanLoss = batch.loss === 'mean' ? loss : loss / batch.size; // the sum divided in float64, as always
  meter.update({ meanLoss, size: batch.size, correct });
  return meanLoss;
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
 * One training step on a prepared batch, `x` `[batch, s, s, 3]` float32 and `labels` `[batch]`
 * int32: forward pass, mean softmax cross-entropy, backward pass and the optimizer's update.
 * Returns the batch's mean loss and its number of correct predictions as scalars still on the
 * device (nothing is read back here); `npm run bench -- step` times exactly this function.
 */
export function trainStep(
  tf: TF,
  model: tfjs.LayersModel,
  optimizer: tfjs.Optimizer,
  x: tfjs.Tensor4D,
  labels: tfjs.Tensor1D,
  numClasses: number,
): { loss: tfjs.Scalar; correct: tfjs.Scalar } {
  return tf.tidy(() => {
    let correct: tfjs.Scalar | null = null;
    const loss = optimizer.minimize(() => {
      const logits = model.apply(x, { training: true }) as tfjs.Tensor2D;
      const r = lossAndCorrect(tf, logits, labels, numClasses);
      correct = tf.keep(r.correct) as tfjs.Scalar;
      return tf.div(r.lossSum, labels.shape[0]) as tfjs.Scalar;
    }, true)!;
    return { loss, correct: correct! };
  });
}

/**
 * Trains `model` on `data` with the kernel set `hooks.kernels` (checked against what is
 * registered before the first batch). Resolves with the metrics of every finished epoch; a stop
 * through `signal` ends between batches and resolves with the epochs finished so far.
 */
export async function train(tf: TF, model: tfjs.LayersModel, data: TrainingData, config: TrainingConfig, hooks: TrainOptions): Promise<EpochMetrics[]> {
  checkConfig(config, data);
  const { epochs, batchSize, cropSize, seed } = config;
  const recipe = RECIPES[config.recipe];
  const rng = createRng(seed);
  // PyTorch's Adam defaults: betas (0.9, 0.999), eps 1e-8; fused into one kernel with our WebGPU kernels.
  const optimizer = createAdam(tf, config.learningRate, hooks.kernels);
  const yieldNow = hooks.yieldNow ?? defaultYield;
  const history: EpochMetrics[] = [];
  const n = data.trainLabels.length;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      const epochOrder = epochBatches(n, batchSize, rng); // shuffle=True; the draw order is draw-order.ts's
      const batches = epochOrder.length;
      const meter = new EpochMeter();
      const inFlight: { batch: number; read: InFlight }[] = [];
      let lastReport = performance.now();
      /** Settles the oldest batch in flight and reports it (progress lags by at most one batch). */
      const reportOldest = async () => {
        const { batch, read } = inFlight.shift()!;
        const loss = await settle(read, meter);
        const now = performance.now();
        hooks.onBatch?.({ epoch, batch, batches, loss, meanLoss: meter.meanLoss, accuracy: meter.accuracy, msPerBatch: now - lastReport });
        lastReport = now;
      };
      try {
        for (let b = 0; b < batches; b++) {
          if (hooks.gate) await hooks.gate();
          if (hooks.signal?.aborted) {
            while (inFlight.length > 0) await reportOldest(); // the batch already queued ran: report it
            return history;
          }
          const idx = epochOrder[b];
          const labelsArr = Int32Array.from(idx, (i) => data.trainLabels[i]);
          const packed = tf.tidy(() => {
            const x = augmentImages(tf, data.trainImages, idx, recipe.train, cropSize, rng);
            const { loss, correct } = trainStep(tf, model, optimizer, x, tf.tensor1d(labelsArr, 'int32'), data.numClasses);
            const both = tf.stack([loss, tf.cast(correct, 'float32')]) as tfjs.Tensor1D;
            correct.dispose(); // kept out of minimize's scope (tf.keep), so no tidy frees it
            return both;
          });
          inFlight.push({ batch: b + 1, read: readBack(packed, idx.length, 'mean') });
          // At most two batches in flight: the one just queued and the one before it.
          if (inFlight.length > 1) await reportOldest();
          await yieldNow();
        }
        while (inFlight.length > 0) await reportOldest();
        if (hooks.signal?.aborted) return history; // stopped during the epoch's last batches: no validation
      } finally {
        // A stop or an error between batches: let the reads finish so their tensors are freed.
        await Promise.allSettled(inFlight.map((f) => f.read.values));
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

/** Loss and accuracy over a set of images without training (the validation pass); two batches in flight at most. */
export async function evaluate(
  tf: TF,
  model: tfjs.LayersModel,
  images: Images,
  labels: Int32Array,
  numClasses: number,
  { batchSize, cropSize, recipe, rng }: { batchSize: number; cropSize: number; recipe: ChainName; rng: Rng },
): Promise<EpochMeter> {
  const meter = new EpochMeter();
  const inFlight: InFlight[] = [];
  try {
    for (const [start, end] of validationBatches(labels.length, batchSize)) {
      const packed = tf.tidy(() => {
        const x = augmentImages(tf, images, Int32Array.from({ length: end - start }, (_, i) => start + i), recipe, cropSize, rng);
        const logits = model.apply(x, { training: false }) as tfjs.Tensor2D;
        const { lossSum, correct } = lossAndCorrect(tf, logits, tf.tensor1d(labels.subarray(start, end), 'int32'), numClasses);
        return tf.stack([lossSum, tf.cast(correct, 'float32')]) as tfjs.Tensor1D;
      });
      inFlight.push(readBack(packed, end - start, 'sum'));
      if (inFlight.length > 1) await settle(inFlight.shift()!, meter);
    }
    while (inFlight.length > 0) await settle(inFlight.shift()!, meter);
  } finally {
    await Promise.allSettled(inFlight.map((f) => f.values));
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
