/**
 * SimpleCNN as plain data: the layer list, each layer's output shape and parameter count.
 *
 * No TensorFlow.js here, so the model chapter can show shapes and counts without loading
 * a deep-learning library or 411 MB of weights. Shapes use PyTorch's order [C, H, W].
 */
import { CROP_SIZES } from '../transforms/sizes';

/** A layer of SimpleCNN, in the order `forward()` applies it. */
export type LayerSpec =
  | { kind: 'Conv2d'; inChannels: number; outChannels: number; kernel: number; stride: number; padding: number }
  | { kind: 'MaxPool2d'; kernel: number; stride: number }
  | { kind: 'Linear'; inFeatures: number; outFeatures: number };

/**
 * The tutorial's SimpleCNN for square `inputSize` images and `numClasses` classes:
 * conv 3→32 · pool · conv 32→64 · pool · linear → 512 · linear → classes (ReLU between).
 */
export function simpleCnnLayers(inputSize = 224, numClasses = 101): LayerSpec[] {
  if (!Number.isInteger(inputSize) || inputSize < 4 || inputSize % 4 !== 0) {
    throw new RangeError(`invalid input size: ${inputSize} (must be a multiple of 4, e.g. ${CROP_SIZES.join(', ')})`);
  }
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new RangeError(`invalid number of classes: ${numClasses} (need at least 2)`);
  }
  const flat = 64 * (inputSize / 4) * (inputSize / 4); // two 2×2 pools quarter each side
  return [
    { kind: 'Conv2d', inChannels: 3, outChannels: 32, kernel: 3, stride: 1, padding: 1 },
    { kind: 'MaxPool2d', kernel: 2, stride: 2 },
    { kind: 'Conv2d', inChannels: 32, outChannels: 64, kernel: 3, stride: 1, padding: 1 },
    { kind: 'MaxPool2d', kernel: 2, stride: 2 },
    { kind: 'Linear', inFeatures: flat, outFeatures: 512 },
    { kind: 'Linear', inFeatures: 512, outFeatures: numClasses },
  ];
}

/** Trainable parameters of one layer: weights plus one bias per output. */
export function layerParameters(layer: LayerSpec): number {
  switch (layer.kind) {
    case 'Conv2d':
      return layer.outChannels * layer.inChannels * layer.kernel * layer.kernel + layer.outChannels;
    case 'Linear':
      return layer.outFeatures * layer.inFeatures + layer.outFeatures;
    case 'MaxPool2d':
      return 0;
  }
}

/** Total trainable parameters, like `sum(p.numel() for p in model.parameters())`. */
export function countParameters(layers: LayerSpec[]): number {
  return layers.reduce((sum, layer) => sum + layerParameters(layer), 0);
}

/** Output shape [C, H, W] or [features] after each layer, for an input of shape `input`. */
export function outputShapes(layers: LayerSpec[], input: [number, number, number]): number[][] {
  let shape: number[] = input;
  return layers.map((layer) => {
    if (layer.kind === 'Conv2d') {
      const [, h, w] = shape;
      const out = (n: number) => Math.floor((n + 2 * layer.padding - layer.kernel) / layer.stride) + 1;
      shape = [layer.outChannels, out(h), out(w)];
    } else if (layer.kind === 'MaxPool2d') {
      const [c, h, w] = shape;
      const out = (n: number) => Math.floor((n - layer.kernel) / layer.stride) + 1;
      shape = [c, out(h), out(w)];
    } else {
      const size = shape.reduce((a, b) => a * b, 1);
      if (size !== layer.inFeatures) {
        throw new RangeError(`Linear expects ${layer.inFeatures} inputs but receives ${size} (shape [${shape.join(', ')}])`);
      }
      shape = [layer.outFeatures];
    }
    return shape;
  });
}

/** Bytes of fc1's float32 weights for square `inputSize` inputs (64·(s/4)²·512·4): the model's largest buffer. */
export function fc1WeightBytes(inputSize: number): number {
  const fc1 = simpleCnnLayers(inputSize).find((layer) => layer.kind === 'Linear') as Extract<LayerSpec, { kind: 'Linear' }>;
  return fc1.inFeatures * fc1.outFeatures * 4;
}
