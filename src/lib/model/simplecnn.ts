/**
 * SimpleCNN in TensorFlow.js: the tutorial's layers with PyTorch's default initialisation.
 * The namespace `tf` is passed in, so nothing here pulls TensorFlow.js into a page by itself.
 *
 * Layout: tfjs works in NHWC ([batch, H, W, C]); PyTorch in NCHW. Convolutions do not care,
 * but flattening does: tfjs flattens [56, 56, 64] in H, W, C order, PyTorch's
 * `x.view(-1, 64*56*56)` in C, H, W order. importPyTorchWeights() reorders fc1's input rows
 * once at load time, so activations are never transposed during training.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { createRng } from '../data/rng';
import { simpleCnnLayers, type LayerSpec } from './spec';

type TF = typeof tfjs;

/** How to build the SimpleCNN: input size, number of classes, seed of the initial weights. */
export interface SimpleCnnOptions {
  /** Square input size in px (224 is the original's; 16 … 224, a multiple of 4). */
  inputSize?: number;
  numClasses?: number;
  /** Seed of the initial weights (equal seeds give equal models). */
  seed?: number;
}

/** A built model together with the layer spec it was built from (what summarize() reads). */
export interface SimpleCnn {
  model: tfjs.Sequential;
  spec: LayerSpec[];
  inputSize: number;
}

/**
 * PyTorch's default initialisation of Conv2d and Linear: weights Kaiming-uniform with a = √5,
 * which is U(−1/√fan_in, 1/√fan_in), and biases U(−1/√fan_in, 1/√fan_in) as well.
 */
function torchUniform(tf: TF, fanIn: number, seed: number) {
  const bound = 1 / Math.sqrt(fanIn);
  return tf.initializers.randomUniform({ minval: -bound, maxval: bound, seed });
}

/**
 * Builds SimpleCNN: conv 3→32 (3×3, padding 1) · ReLU · max-pool 2 · conv 32→64 · ReLU ·
 * max-pool 2 · flatten · dense 512 · ReLU · dense → classes (logits). Input `[batch, H, W, 3]`.
 */
export function createSimpleCNN(tf: TF, { inputSize = 224, numClasses = 101, seed = 0 }: SimpleCnnOptions = {}): SimpleCnn {
  const spec = simpleCnnLayers(inputSize, numClasses);
  const rng = createRng(seed);
  const nextSeed = () => rng.int(2 ** 31);
  const model = tf.sequential({ name: 'SimpleCNN' });
  let conv = 0;
  let fc = 0;
  let pool = 0;
  for (const layer of spec) {
    if (layer.kind === 'Conv2d') {
      const fanIn = layer.inChannels * layer.kernel * layer.kernel;
      conv++;
      model.add(
        tf.layers.conv2d({
          name: `conv${conv}`,
          ...(conv === 1 ? { inputShape: [inputSize, inputSize, 3] } : {}),
          filters: layer.outChannels,
          kernelSize: layer.kernel,
          strides: layer.stride,
          padding: 'same', // = padding 1 for a 3×3 kernel at stride 1
          activation: 'relu',
          kernelInitializer: torchUniform(tf, fanIn, nextSeed()),
          biasInitializer: torchUniform(tf, fanIn, nextSeed()),
        }),
      );
    } else if (layer.kind === 'MaxPool2d') {
      model.add(tf.layers.maxPooling2d({ name: `pool${++pool}`, poolSize: layer.kernel, strides: layer.stride }));
    } else {
      fc++;
      if (fc === 1) model.add(tf.layers.flatten({ name: 'flatten' }));
      const last = fc === spec.filter((l) => l.kind === 'Linear').length;
      model.add(
        tf.layers.dense({
          name: `fc${fc}`,
          units: layer.outFeatures,
          activation: last ? 'linear' : 'relu',
          kernelInitializer: torchUniform(tf, layer.inFeatures, nextSeed()),
          biasInitializer: torchUniform(tf, layer.inFeatures, nextSeed()),
        }),
      );
    }
  }
  return { model, spec, inputSize };
}
