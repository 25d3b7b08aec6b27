/**
 * Looking inside SimpleCNN (src/lib/model/inspect.ts), checked on tfjs's CPU backend with a tiny
 * model against computations that take another route: the filters against the kernel read
 * element by element, the feature maps against convolve2d (the CNN chapter's plain loops), the
 * saliency against central finite differences of the class logit.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFeatureMaps, computeSaliency, createSimpleCNN, inspectImage, readFilters } from '../../src/lib/model';
import { convolve2d } from '../../src/lib/model/convolve';
import { createRng } from '../../src/lib/data/rng';

const SIZE = 8;
const CLASSES = 3;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A seeded image [1, SIZE, SIZE, 3] with values in −1 … 1, like a normalized photo. */
function randomImage(seed: number): tf.Tensor4D {
  const rng = createRng(seed);
  const values = Float32Array.from({ length: SIZE * SIZE * 3 }, () => rng.next() * 2 - 1);
  return tf.tensor4d(values, [1, SIZE, SIZE, 3]);
}

/** Largest absolute difference between two arrays of equal length. */
function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** One conv layer ("same" padding, stride 1, ReLU) by convolve2d, summing over input channels: [out, h, w]. */
function convByLoops(input: Float32Array[], h: number, w: number, kernel: tf.Tensor, bias: tf.Tensor): Float32Array[] {
  const [k, , inC, outC] = kernel.shape;
  const kv = kernel.arraySync() as number[][][][];
  const bv = bias.dataSync();
  return Array.from({ length: outC }, (_, o) => {
    const sum = new Float32Array(h * w).fill(bv[o]);
    for (let c = 0; c < inC; c++) {
      const taps = Array.from({ length: k * k }, (_, t) => kv[Math.floor(t / k)][t % k][c][o]);
      const out = convolve2d({ width: w, height: h, data: input[c] }, taps, { padding: 1 }).data;
      for (let i = 0; i < sum.length; i++) sum[i] += out[i];
    }
    return sum.map((v) => Math.max(0, v));
  });
}

/** Max-pooling 2 × 2 with stride 2 of one map [h, w]. */
function pool2(map: Float32Array, h: number, w: number): Float32Array {
  const out = new Float32Array((h / 2) * (w / 2));
  for (let y = 0; y < h / 2; y++) {
    for (let x = 0; x < w / 2; x++) {
      out[y * (w / 2) + x] = Math.max(map[2 * y * w + 2 * x], map[2 * y * w + 2 * x + 1], map[(2 * y + 1) * w + 2 * x], map[(2 * y + 1) * w + 2 * x + 1]);
    }
  }
  return out;
}

describe('inspecting SimpleCNN', () => {
  const { model } = createSimpleCNN(tf, { inputSize: SIZE, numClasses: CLASSES, seed: 5 });

  it("reads conv1's 32 filters as [filter, row, column, channel] images equal to the kernel's weights", () => {
    const filters = readFilters(tf, model);
    expect([filters.count, filters.size, filters.channels]).toEqual([32, 3, 3]);
    const kernel = model.getLayer('conv1').getWeights()[0].arraySync() as number[][][][]; // [kh, kw, in, out]
    for (let f = 0; f < 32; f++) {
      for (let y = 0; y < 3; y++) {
        for (let x = 0; x < 3; x++) {
          for (let c = 0; c < 3; c++) expect(filters.values[((f * 3 + y) * 3 + x) * 3 + c]).toBe(kernel[y][x][c][f]);
        }
      }
    }
    expect(filters.min).toBe(Math.min(...filters.values));
    expect(filters.max).toBe(Math.max(...filters.values));
  });

  it('gives the feature maps of conv1 and conv2 that plain convolution loops give', () => {
    const image = randomImage(1);
    const channels = [0, 1, 2].map((c) => Float32Array.from((image.squeeze([0]).arraySync() as number[][][]).flat().map((px) => px[c])));
    const [w1, b1] = model.getLayer('conv1').getWeights();
    const [w2, b2] = model.getLayer('conv2').getWeights();
    const maps1 = convByLoops(channels, SIZE, SIZE, w1, b1);
    const pooled = maps1.map((m) => pool2(m, SIZE, SIZE));
    const maps2 = convByLoops(pooled, SIZE / 2, SIZE / 2, w2, b2);

    const [conv1, conv2] = computeFeatureMaps(tf, model, image);
    expect([conv1.layer, conv1.count, conv1.height, conv1.width]).toEqual(['conv1', 32, SIZE, SIZE]);
    expect([conv2.layer, conv2.count, conv2.height, conv2.width]).toEqual(['conv2', 64, SIZE / 2, SIZE / 2]);
    const flat = (maps: Float32Array[]) => Float32Array.from(maps.flatMap((m) => [...m]));
    expect(maxDiff(conv1.values, flat(maps1))).toBeLessThan(1e-5);
    expect(maxDiff(conv2.values, flat(maps2))).toBeLessThan(1e-5);
    expect(conv2.values.some((v) => v > 0)).toBe(true); // not a dead layer that would match trivially
    image.dispose();
  });

  it('gives the saliency that central finite differences of the class logit give', () => {
    const image = randomImage(2);
    const pixels = image.dataSync();
    const saliency = computeSaliency(tf, model, image, 1);
    expect([saliency.classIndex, saliency.height, saliency.width]).toEqual([1, SIZE, SIZE]);

    // Every input value nudged by ±eps, all in one batch: [2 · SIZE² · 3, SIZE, SIZE, 3].
    const eps = 1e-2;
    const n = pixels.length;
    const batch = new Float32Array(2 * n * n);
    for (let i = 0; i < n; i++) {
      batch.set(pixels, 2 * i * n);
      batch.set(pixels, (2 * i + 1) * n);
      batch[2 * i * n + i] += eps;
      batch[(2 * i + 1) * n + i] -= eps;
    }
    const logits = tf.tidy(() => (model.predict(tf.tensor4d(batch, [2 * n, SIZE, SIZE, 3])) as tf.Tensor2D).gather([1], 1).dataSync());
    const expected = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < n; i++) {
      const slope = Math.abs((logits[2 * i] - logits[2 * i + 1]) / (2 * eps));
      const px = Math.floor(i / 3);
      expected[px] = Math.max(expected[px], slope);
    }
    const scale = Math.max(...expected);
    expect(scale).toBeGreaterThan(0);
    expect(maxDiff(saliency.values, expected) / scale).toBeLessThan(0.05);
    image.dispose();
  });

  it('inspects one image: maps and saliency change with the image, the filters do not, and no tensor leaks', () => {
    const a = randomImage(3);
    const b = randomImage(4);
    const before = tf.memory().numTensors;
    const first = inspectImage(tf, model, a);
    const second = inspectImage(tf, model, b);
    expect(tf.memory().numTensors).toBe(before);
    expect(second.filters.values).toEqual(first.filters.values);
    expect(maxDiff(first.featureMaps[0].values, second.featureMaps[0].values)).toBeGreaterThan(0);
    expect(maxDiff(first.featureMaps[1].values, second.featureMaps[1].values)).toBeGreaterThan(0);
    expect(maxDiff(first.saliency.values, second.saliency.values)).toBeGreaterThan(0);
    expect(first.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
    const predicted = first.probabilities.indexOf(Math.max(...first.probabilities));
    expect(first.saliency.classIndex).toBe(predicted);
    a.dispose();
    b.dispose();
  });

  it('says which image shape it expects', () => {
    const wrong = tf.zeros([1, SIZE + 1, SIZE, 3]) as tf.Tensor4D;
    expect(() => inspectImage(tf, model, wrong)).toThrow('invalid image shape [1, 9, 8, 3] (expected [1, 8, 8, 3], one normalized image)');
    const image = randomImage(5);
    expect(() => computeSaliency(tf, model, image, CLASSES)).toThrow('invalid class index: 3 (expected 0 … 2)');
    wrong.dispose();
    image.dispose();
  });
});
