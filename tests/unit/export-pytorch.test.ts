/**
 * The tfjs → PyTorch weight export (src/lib/model/export-pytorch.ts) is the inverse of the
 * import (import-pytorch.ts): a model exported and imported into a differently seeded one has
 * the same weights, and fc1's columns follow PyTorch's C·H·W flattening.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportPyTorchTensors, exportPyTorchWeights } from '../../src/lib/model/export-pytorch';
import { importPyTorchWeights } from '../../src/lib/model/import-pytorch';
import { createSimpleCNN } from '../../src/lib/model/simplecnn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every weight of a model, layer by layer. */
const weightsOf = (net: ReturnType<typeof createSimpleCNN>) => net.model.getWeights().map((w) => w.dataSync() as Float32Array);

/** Per layer, how many values of `b` differ from `a` (all zeros: the same weights); keeps failures short for 2M-value layers. */
const differences = (a: Float32Array[], b: Float32Array[]) => a.map((w, l) => w.reduce((count, v, i) => count + (v === b[l][i] ? 0 : 1), 0));

describe('exportPyTorchWeights', () => {
  it.each([16, 32])('round-trips through importPyTorchWeights at %i px', async (size) => {
    const a = createSimpleCNN(tf, { inputSize: size, numClasses: 5, seed: 1 });
    const b = createSimpleCNN(tf, { inputSize: size, numClasses: 5, seed: 2 });
    try {
      expect(differences(weightsOf(a), weightsOf(b)).every((d) => d > 0)).toBe(true);
      const { manifest, buffer } = await exportPyTorchWeights(a);
      expect(manifest.map((e) => `${e.name} [${e.shape}]`)).toEqual([
        'conv1.weight [32,3,3,3]',
        'conv1.bias [32]',
        'conv2.weight [64,32,3,3]',
        'conv2.bias [64]',
        `fc1.weight [512,${64 * (size / 4) ** 2}]`,
        'fc1.bias [512]',
        'fc2.weight [5,512]',
        'fc2.bias [5]',
      ]);
      const before = tf.memory().numTensors;
      importPyTorchWeights(tf, b, manifest, buffer);
      expect(tf.memory().numTensors).toBe(before);
      expect(differences(weightsOf(a), weightsOf(b))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    } finally {
      a.model.dispose();
      b.model.dispose();
    }
  }, 60_000);

  it("lays fc1 and the convolutions out as PyTorch does (fc1 column = c·H·W + h·W + w)", async () => {
    const net = createSimpleCNN(tf, { inputSize: 16, numClasses: 3, seed: 0 });
    try {
      const [conv1, , , , fc1] = net.model.getWeights();
      const k = fc1.dataSync(); // tfjs [in = (h, w, c), out]
      const c1 = conv1.dataSync(); // tfjs [kh, kw, in, out]
      const tensors = await exportPyTorchTensors(net);
      const w = tensors.find((t) => t.name === 'fc1.weight')!.data; // PyTorch [out, in = (c, h, w)]
      const side = 4;
      const channels = 64;
      const inF = side * side * channels;
      for (const [o, c, h, x] of [[0, 0, 0, 0], [7, 5, 1, 2], [511, 63, 3, 3], [100, 17, 2, 0]]) {
        expect(w[o * inF + c * side * side + h * side + x]).toBe(k[((h * side + x) * channels + c) * 512 + o]);
      }
      const wc = tensors.find((t) => t.name === 'conv1.weight')!.data; // PyTorch [32, 3, 3, 3]
      for (const [o, i, y, x] of [[0, 0, 0, 0], [31, 2, 2, 1], [5, 1, 0, 2]]) {
        expect(wc[((o * 3 + i) * 3 + y) * 3 + x]).toBe(c1[((y * 3 + x) * 3 + i) * 32 + o]);
      }
    } finally {
      net.model.dispose();
    }
  }, 60_000);
});
