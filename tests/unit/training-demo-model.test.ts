/**
 * The demo's trained model (src/lib/train/demo-model.ts), which the training worker only relays
 * to: the own image's top classes and the crop the model saw, a look inside for an example or the
 * own image (refused before there is one), and the model file whose `_meta` carries the logits on
 * the check input — the same the model computes, and a file readModelFile accepts.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInput, readModelFile } from '../../src/lib/model/model-file';
import { createSimpleCNN } from '../../src/lib/model/simplecnn';
import { createTrainedDemo } from '../../src/lib/train/demo-model';
import { simulatedFailure } from '../../src/lib/train/simulated-failure';
import { createPauseGate, runDemo } from '../../src/lib/train/demo-run';
import type { AssetManifest } from '../../src/lib/data/manifest';
import { createImage, type RGBAImage } from '../../src/lib/transforms/image';
import { resizeFor } from '../../src/lib/transforms/sizes';

const SIZE = 16;
/** A width × height image with a gradient, so crops and resizes are visible in the pixels. */
function gradient(width: number, height: number): RGBAImage {
  const img = createImage(width, height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) img.data.set([(x * 255) / width, (y * 255) / height, 128, 255], (y * width + x) * 4);
  return img;
}

let net: ReturnType<typeof createSimpleCNN>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  net = createSimpleCNN(tf, { inputSize: SIZE, numClasses: 4, seed: 2 });
});
afterAll(() => net.model.dispose());

describe('createTrainedDemo', () => {
  it('classifies an own image into the top 3 classes and returns the crop the model saw', async () => {
    const demo = createTrainedDemo(tf, net.model, SIZE, []);
    const before = tf.memory().numTensors;
    const { ranked, seen } = await demo.classify(gradient(60, 30));
    expect(tf.memory().numTensors).toBe(before);
    expect(ranked).toHaveLength(3);
    expect(ranked[0].p).toBeGreaterThanOrEqual(ranked[1].p);
    expect(ranked.reduce((s, r) => s + r.p, 0)).toBeLessThanOrEqual(1 + 1e-6);
    expect([seen.width, seen.height]).toEqual([SIZE, SIZE]);
    // The crop is the centre of the image resized to resizeFor(SIZE): its red rises left to right.
    expect(resizeFor(SIZE)).toBeGreaterThan(SIZE);
    expect(seen.data[(SIZE - 1) * 4]).toBeGreaterThan(seen.data[0] + 50);
  });

  it('looks inside the own image only after one was classified, and refuses missing examples', async () => {
    const source = gradient(resizeFor(SIZE), resizeFor(SIZE));
    const demo = createTrainedDemo(tf, net.model, SIZE, [source]);
    expect(() => demo.inspect({ kind: 'own' })).toThrow('no own image classified yet');
    expect(() => demo.inspect({ kind: 'example', index: 1 })).toThrow('no example image number 2');
    const example = demo.inspect({ kind: 'example', index: 0 });
    expect([example.image.width, example.image.height]).toEqual([SIZE, SIZE]);
    expect(example.inspection.probabilities).toHaveLength(4);
    expect(example.transfer).toContain(example.inspection.saliency.values.buffer);
    await demo.classify(gradient(40, 40));
    expect(demo.inspect({ kind: 'own' }).inspection.filters.count).toBe(32);
  });

  it('writes a model file whose check logits are the model\'s own, and which reads back', async () => {
    const demo = createTrainedDemo(tf, net.model, SIZE, []);
    const bytes = await demo.exportFile({ imageSize: SIZE, classes: ['a', 'b', 'c', 'd'], seed: 2 });
    const read = await readModelFile(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const logits = Array.from(tf.tidy(() => net.model.predict(tf.tensor4d(checkInput(SIZE), [1, SIZE, SIZE, 3])) as tf.Tensor).dataSync());
    expect(read.meta.check?.logits).toEqual(logits);
    expect(read.meta.seed).toBe(2);
    expect(read.tensors.map((t) => t.name)).toContain('fc1.weight');
  });
});

describe('simulatedFailure (demo-simulate)', () => {
  it('throws the named failure and ignores none or unknown names', () => {
    expect(() => simulatedFailure('device-lost')).toThrow('GPU device was lost');
    expect(() => simulatedFailure('out-of-memory')).toThrow('out of memory');
    expect(() => simulatedFailure(undefined)).not.toThrow();
    expect(() => simulatedFailure('toString')).not.toThrow();
  });
});

describe('runDemo before its first report', () => {
  it('says which batch of the first epoch starts until the first batch is reported, then nothing more', async () => {
    // 2 classes × 6 training images (+ validation), 16 × 16, batch 4: 3 batches per epoch.
    const size = 16;
    const stored = resizeFor(size);
    const labels: number[] = [];
    const subset: ('train' | 'val')[] = [];
    for (const c of [0, 1]) for (let i = 0; i < 8; i++) (labels.push(c), subset.push(i < 6 ? 'train' : 'val'));
    const set = { id: `demo-${size}`, cropSize: size, size: stored, labels, subset, sources: [], shards: [], bytes: 0 };
    const manifest = { dataset: { classes: ['a', 'b'] }, demoClasses: [0, 1], sets: [set] } as unknown as AssetManifest;
    const images = labels.map(() => gradient(stored, stored));
    const events: string[] = [];
    const result = await runDemo(tf, manifest, set, images, { classes: 2, perClass: 6, cropSize: size, epochs: 1, batchSize: 4, learningRate: 0.001, recipe: 'corrected', seed: 1 }, 'stock', {
      signal: new AbortController().signal,
      gate: createPauseGate(),
      onData: () => {},
      onBuilding: () => events.push('building'),
      onBatchStarting: (batch, batches, ms) => events.push(`starting ${batch}/${batches}${ms === null ? '' : ms > 0 ? ' after a batch' : ' at once'}`),
      onBatch: (p) => events.push(`batch ${p.epoch}.${p.batch}`),
      onEpoch: () => {},
      onEvaluating: () => {},
      onFallback: () => {},
    });
    result.model.dispose();
    expect(events.slice(0, 5)).toEqual(['building', 'starting 1/3', 'starting 2/3 after a batch', 'batch 1.1', 'batch 1.2']);
    expect(events.filter((e) => e.startsWith('starting'))).toHaveLength(2);
  }, 60_000);
});
