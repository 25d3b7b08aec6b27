/**
 * Times one training step of SimpleCNN on the active TensorFlow.js backend, through the real
 * loop (`train`) on synthetic images: a warm-up step (it compiles the shaders), then the step
 * that counts. Used to choose between backends when the GPU is a software one.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { createSimpleCNN } from '../model/simplecnn';
import { resizeFor } from '../transforms/sizes';
import { train, type TrainingConfig } from './loop';

type TF = typeof tfjs;

/** Milliseconds of the second training step for `config` with `numClasses` classes; leaves no tensors behind. */
export async function measureTrainingStep(tf: TF, config: Omit<TrainingConfig, 'epochs'>, numClasses: number): Promise<number> {
  const size = resizeFor(config.cropSize);
  const n = config.batchSize * 3; // a third batch, so that the stop comes before the validation pass
  const before = tf.memory().numTensors;
  const trainImages = tf.tidy(() => tf.cast(tf.mul(tf.randomUniform([n, size, size, 3], 0, 1, 'float32', 1), 255), 'int32') as tfjs.Tensor4D);
  const valImages = tf.zeros([1, size, size, 3], 'int32') as tfjs.Tensor4D;
  const { model } = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses, seed: config.seed });
  const controller = new AbortController();
  const times: number[] = [];
  try {
    await train(
      tf,
      model,
      { trainImages, trainLabels: Int32Array.from({ length: n }, (_, i) => i % numClasses), valImages, valLabels: new Int32Array(1), numClasses },
      { ...config, epochs: 1 },
      {
        signal: controller.signal,
        onBatch: (p) => {
          times.push(p.msPerBatch);
          if (times.length === 2) controller.abort();
        },
      },
    );
  } finally {
    model.dispose();
    trainImages.dispose();
    valImages.dispose();
  }
  if (times.length < 2) throw new Error('the measurement did not reach a second training step');
  const leaked = tf.memory().numTensors - before;
  if (leaked > 0) throw new Error(`measuring a step left ${leaked} tensors behind`);
  return times[1];
}
