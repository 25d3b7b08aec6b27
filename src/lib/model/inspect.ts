/**
 * Looking inside a trained SimpleCNN: conv1's filters as small images, the feature maps of both
 * convolutions for one image, and a saliency map (|∂ class logit / ∂ input|, the largest of the
 * three colour channels per pixel), as in the Python section of the chapter "Das Modell benutzen
 * und prüfen". Everything comes back as plain typed arrays, so a worker can post it and an
 * island only draws. The namespace `tf` is passed in, as in simplecnn.ts.
 */
import type * as tfjs from '@tensorflow/tfjs';

type TF = typeof tfjs;

/** A convolution's filters, filter by filter: `values` is [count, size, size, channels], row-major. */
export interface FilterImages {
  layer: string;
  count: number;
  size: number;
  channels: number;
  values: Float32Array;
  /** Smallest and largest weight of all filters (one scale for all, as the chapter draws them). */
  min: number;
  max: number;
}

/** One layer's feature maps for one image: `values` is [count, height, width], map by map. */
export interface FeatureMaps {
  layer: string;
  count: number;
  height: number;
  width: number;
  values: Float32Array;
}

/** Saliency of one class for one image: `values` is [height, width], max over channels of |gradient|. */
export interface SaliencyMap {
  classIndex: number;
  height: number;
  width: number;
  values: Float32Array;
}

/** What the demo shows for one image: the filters, both layers' maps, the predicted class's saliency. */
export interface Inspection {
  filters: FilterImages;
  featureMaps: FeatureMaps[];
  saliency: SaliencyMap;
  /** Softmax probabilities of all classes for this image: [classes]. */
  probabilities: Float32Array;
}

/** The convolution layers SimpleCNN names (simplecnn.ts); their outputs already include the ReLU. */
export const CONV_LAYERS = ['conv1', 'conv2'] as const;

function checkImage(model: tfjs.LayersModel, image: tfjs.Tensor): void {
  const [, h, w, c] = model.inputs[0].shape;
  const s = image.shape;
  if (s.length !== 4 || s[0] !== 1 || s[1] !== h || s[2] !== w || s[3] !== c) {
    throw new RangeError(`invalid image shape [${s.join(', ')}] (expected [1, ${h}, ${w}, ${c}], one normalized image)`);
  }
}

/** The filters of a convolution layer, reordered from tfjs's kernel [size, size, channels, count]. */
export function readFilters(tf: TF, model: tfjs.LayersModel, layer = 'conv1'): FilterImages {
  const kernel = model.getLayer(layer).getWeights()[0]; // [kh, kw, in, out]
  const [size, , channels, count] = kernel.shape;
  const values = tf.tidy(() => kernel.transpose([3, 0, 1, 2]).dataSync() as Float32Array);
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { layer, count, size, channels, values: Float32Array.from(values), min, max };
}

/** The outputs of the named layers (after their ReLU) for `image` [1, H, W, 3], as channel-first maps. */
export function computeFeatureMaps(tf: TF, model: tfjs.LayersModel, image: tfjs.Tensor4D, layers: readonly string[] = CONV_LAYERS): FeatureMaps[] {
  checkImage(model, image);
  // A second view on the same layers: shares the weights, allocates no tensors of its own.
  const probe = tf.model({ inputs: model.inputs, outputs: layers.map((name) => model.getLayer(name).output as tfjs.SymbolicTensor) });
  return tf.tidy(() => {
    const outputs = probe.predict(image) as tfjs.Tensor | tfjs.Tensor[];
    const list = Array.isArray(outputs) ? outputs : [outputs];
    return list.map((out, i) => {
      const [, height, width, count] = out.shape; // [1, h, w, maps]
      const values = Float32Array.from(out.squeeze([0]).transpose([2, 0, 1]).dataSync());
      return { layer: layers[i], count, height, width, values };
    });
  });
}

/**
 * The saliency map of `classIndex` (default: the predicted class) for `image` [1, H, W, 3]:
 * the gradient of that class's logit with respect to the input, |·|, max over the channels.
 */
export function computeSaliency(tf: TF, model: tfjs.LayersModel, image: tfjs.Tensor4D, classIndex?: number): SaliencyMap {
  checkImage(model, image);
  return tf.tidy(() => {
    const logits = model.predict(image) as tfjs.Tensor2D; // [1, classes]
    const classes = logits.shape[1];
    const target = classIndex ?? (logits.argMax(1).dataSync()[0] as number);
    if (!Number.isInteger(target) || target < 0 || target >= classes) {
      throw new RangeError(`invalid class index: ${target} (expected 0 … ${classes - 1})`);
    }
    const score = (x: tfjs.Tensor) => (model.apply(x, { training: false }) as tfjs.Tensor2D).gather([target], 1).sum();
    const grad = tf.grad(score)(image) as tfjs.Tensor4D; // [1, H, W, 3]
    const [, height, width] = grad.shape;
    const values = Float32Array.from(grad.abs().max(3).squeeze([0]).dataSync());
    return { classIndex: target, height, width, values };
  });
}

/** Filters, feature maps and the predicted class's saliency for one normalized image [1, H, W, 3]. */
export function inspectImage(tf: TF, model: tfjs.LayersModel, image: tfjs.Tensor4D): Inspection {
  checkImage(model, image);
  const probabilities = tf.tidy(() => Float32Array.from((tf.softmax(model.predict(image) as tfjs.Tensor2D).squeeze([0]) as tfjs.Tensor1D).dataSync()));
  let predicted = 0;
  probabilities.forEach((p, i) => {
    if (p > probabilities[predicted]) predicted = i;
  });
  return {
    filters: readFilters(tf, model),
    featureMaps: computeFeatureMaps(tf, model, image),
    saliency: computeSaliency(tf, model, image, predicted),
    probabilities,
  };
}
