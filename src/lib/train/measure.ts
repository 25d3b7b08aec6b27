/**
 * Times a training step of SimpleCNN on the active TensorFlow.js backend, through the real loop
 * (`train`) on synthetic images: one run of a single batch first (it compiles the shaders), then
 * a second one whose wall time is the step time (plus a one-image validation pass). Timing whole
 * runs keeps the measurement independent of how the loop overlaps batches; two batches per
 * backend keep it short where a software GPU is slow. Used to choose between backends when the
 * GPU is a software one. `timeTrainSteps` times the step itself (`trainStep`), as
 * `npm run bench -- step` reports it.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { createSimpleCNN } from '../model/simplecnn';
import { resizeFor } from '../transforms/sizes';
import type { KernelSet } from '../webgpu/kernels';
import { train, trainStep, type TrainingConfig } from './loop';

type TF = typeof tfjs;

/** Milliseconds per training step for `config` with `numClasses` classes and kernel set `kernels` (as `train` takes it); leaves no tensors behind. */
export async function measureTrainingStep(tf: TF, config: Omit<TrainingConfig, 'epochs'>, numClasses: number, kernels: KernelSet): Promise<number> {
  const size = resizeFor(config.cropSize);
  const before = tf.memory().numTensors;
  const { model } = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses, seed: config.seed });
  const valImages = tf.zeros([1, size, size, 3], 'int32') as tfjs.Tensor4D;
  /** One epoch over `batches` batches of noise; resolves with its wall time in ms. */
  const run = async (batches: number) => {
    const n = config.batchSize * batches;
    const trainImages = tf.tidy(() => tf.cast(tf.mul(tf.randomUniform([n, size, size, 3], 0, 1, 'float32', 1), 255), 'int32') as tfjs.Tensor4D);
    const labels = Int32Array.from({ length: n }, (_, i) => i % numClasses);
    try {
      const t0 = performance.now();
      await train(tf, model, { trainImages, trainLabels: labels, valImages, valLabels: new Int32Array(1), numClasses }, { ...config, epochs: 1 }, { kernels, yieldNow: async () => {} });
      return performance.now() - t0;
    } finally {
      trainImages.dispose();
    }
  };
  try {
    await run(1); // compiles every shader of a step
    return await run(1);
  } finally {
    model.dispose();
    valImages.dispose();
    const leaked = tf.memory().numTensors - before;
    if (leaked > 0) console.warn(`measureTrainingStep: ${leaked} tensors were left behind`);
  }
}

/**
 * Runs `n` consecutive training steps (`trainStep`: forward, loss, backward, optimizer update)
 * on one prepared batch, `x` `[batch, s, s, 3]` float32 and `labels` `[batch]` int32, without
 * waiting for the device, then reads back the last loss: the one synchronisation, as the loop
 * runs when nobody waits for each batch. Resolves with the wall time in ms and every step's
 * loss (read only after the clock stopped); leaves no tensors behind.
 */
export async function timeTrainSteps(
  tf: TF,
  model: tfjs.LayersModel,
  optimizer: tfjs.Optimizer,
  x: tfjs.Tensor4D,
  labels: tfjs.Tensor1D,
  numClasses: number,
  n: number,
): Promise<{ ms: number; losses: number[] }> {
  const pending: tfjs.Scalar[] = [];
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const { loss, correct } = trainStep(tf, model, optimizer, x, labels, numClasses);
      correct.dispose(); // computed as in the loop, not read back
      pending.push(loss);
    }
    if (pending.length > 0) await pending[pending.length - 1].data();
    const ms = performance.now() - t0;
    const losses: number[] = [];
    for (const loss of pending) losses.push((await loss.data())[0]);
    return { ms, losses };
  } finally {
    pending.forEach((loss) => loss.dispose());
  }
}
