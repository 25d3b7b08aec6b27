/**
 * The training loop on tfjs's CPU backend with a tiny, easy data set (class = colour):
 * it learns, measures honestly, leaks no tensors, is reproducible, pauses and stops.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { createSimpleCNN } from '../../src/lib/model/simplecnn';
import { resizeFor } from '../../src/lib/transforms/sizes';
import { train, checkConfig, type TrainingConfig, type TrainingData } from '../../src/lib/train';

const CROP = 16;
const R = resizeFor(CROP);

/** `perClass` noisy images per class, each class a different dominant colour. */
function colourData(perClass: number, classes: number, seed: number) {
  const rng = createRng(seed);
  const n = perClass * classes;
  const pixels = new Int32Array(n * R * R * 3);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % classes;
    for (let p = 0; p < R * R; p++) {
      for (let c = 0; c < 3; c++) pixels[(i * R * R + p) * 3 + c] = (c === labels[i] ? 170 : 40) + rng.int(60);
    }
  }
  return { images: tf.tensor4d(pixels, [n, R, R, 3], 'int32'), labels };
}

function makeData(): TrainingData {
  const tr = colourData(8, 3, 1);
  const va = colourData(3, 3, 2);
  return { trainImages: tr.images, trainLabels: tr.labels, valImages: va.images, valLabels: va.labels, numClasses: 3 };
}

const config: TrainingConfig = { epochs: 3, batchSize: 8, learningRate: 0.002, cropSize: CROP, recipe: 'corrected', seed: 7 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('train', () => {
  it('learns an easy task, with finite metrics and a constant tensor count after every epoch', async () => {
    const data = makeData();
    const net = createSimpleCNN(tf, { inputSize: CROP, numClasses: 3, seed: 1 });
    const batches: number[] = [];
    const history = await train(tf, net.model, data, { ...config, epochs: 4 }, { kernels: 'stock', onBatch: (p) => batches.push(p.batch) });
    expect(history).toHaveLength(4);
    expect(batches).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]); // 24 images in batches of 8
    for (const m of history) {
      for (const v of [m.trainLoss, m.trainLossLastBatch, m.valLoss, m.valLossLastBatch, m.trainAccuracy, m.valAccuracy]) expect(Number.isFinite(v)).toBe(true);
    }
    expect(new Set(history.map((m) => m.tensors)).size).toBe(1);
    expect(history.at(-1)!.trainLoss).toBeLessThan(history[0].trainLoss);
    expect(history.at(-1)!.valAccuracy).toBeGreaterThan(0.5);
    net.model.dispose();
  }, 60_000);

  it('gives the same metrics for the same seed', async () => {
    const run = async () => {
      const data = makeData();
      const net = createSimpleCNN(tf, { inputSize: CROP, numClasses: 3, seed: 1 });
      const h = await train(tf, net.model, data, { ...config, epochs: 1 }, { kernels: 'stock' });
      net.model.dispose();
      return h.map(({ seconds, tensors, ...rest }) => rest);
    };
    expect(await run()).toEqual(await run());
  }, 60_000);

  it('waits at the gate between batches and stops between batches when aborted', async () => {
    const data = makeData();
    const net = createSimpleCNN(tf, { inputSize: CROP, numClasses: 3, seed: 1 });
    const controller = new AbortController();
    let release!: () => void;
    let paused = true;
    const seen: string[] = [];
    const gate = () => (paused ? new Promise<void>((r) => (release = r)) : Promise.resolve());
    const running = train(tf, net.model, data, config, {
      kernels: 'stock',
      gate,
      signal: controller.signal,
      onBatch: (p) => {
        seen.push(`${p.epoch}.${p.batch}`);
        if (seen.length === 1) controller.abort(); // batch 2 is already queued (progress lags by one)
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]); // paused before the first batch
    paused = false;
    release();
    expect(await running).toEqual([]); // stopped inside epoch 1: no finished epoch
    expect(seen).toEqual(['1.1', '1.2']); // batch 3 never started
    net.model.dispose();
  }, 60_000);

  it('skips the validation of an epoch whose last batches ran after a stop, and leaks nothing', async () => {
    const data = makeData();
    const net = createSimpleCNN(tf, { inputSize: CROP, numClasses: 3, seed: 1 });
    const controller = new AbortController();
    const seen: string[] = [];
    const epochs: number[] = [];
    const before = tf.memory().numTensors;
    const history = await train(tf, net.model, data, config, {
      kernels: 'stock',
      signal: controller.signal,
      onEpoch: (m) => epochs.push(m.epoch),
      onBatch: (p) => {
        seen.push(`${p.epoch}.${p.batch}`);
        if (p.epoch === 2 && p.batch === 2) controller.abort(); // batch 3, the epoch's last, is already queued
      },
    });
    expect(seen).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3']);
    expect(epochs).toEqual([1]); // no validation pass and no metrics for epoch 2
    expect(history.map((m) => m.epoch)).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
    net.model.dispose();
  }, 60_000);

  it('queues the next batch before reading a batch back, with at most two batches in flight', async () => {
    const data = makeData();
    const events: string[] = [];
    const source = (images: tf.Tensor4D, what: string) => ({
      count: images.shape[0],
      size: R,
      batch: (t: typeof tf, indices: Int32Array) => {
        events.push(`${what} ${indices.length}`);
        return t.gather(images, t.tensor1d(indices, 'int32'));
      },
    });
    const net = createSimpleCNN(tf, { inputSize: CROP, numClasses: 3, seed: 1 });
    const [epoch] = await train(
      tf,
      net.model,
      { ...data, trainImages: source(data.trainImages as tf.Tensor4D, 'queue'), valImages: source(data.valImages as tf.Tensor4D, 'val') },
      { ...config, epochs: 1 },
      { kernels: 'stock', onBatch: (p) => events.push(`report ${p.batch}`) },
    );
    // 24 images in batches of 8: batch b is read back only after batch b + 1 was queued, and
    // batch b + 2 is queued only after batch b was read back.
    expect(events).toEqual(['queue 8', 'queue 8', 'report 1', 'queue 8', 'report 2', 'report 3', 'val 8', 'val 1']);
    expect(Number.isFinite(epoch.trainLossLastBatch) && Number.isFinite(epoch.valLoss)).toBe(true);
    tf.dispose([data.trainImages as tf.Tensor4D, data.valImages as tf.Tensor4D]);
    net.model.dispose();
  }, 120_000);

  it('rejects configurations that cannot train, saying what to choose', () => {
    const labels = { trainLabels: new Int32Array(4) };
    expect(() => checkConfig({ ...config, epochs: 0 }, labels)).toThrow('invalid training configuration: epochs 0 (choose 1 … 1000)');
    expect(() => checkConfig({ ...config, learningRate: 2 }, labels)).toThrow('learning rate 2 (choose 0 < lr < 1, e.g. 0.001)');
    expect(() => checkConfig({ ...config, recipe: 'x' as never }, labels)).toThrow('recipe x (choose original or corrected)');
  });

  it('refuses a kernel set the backend does not have, before it trains', async () => {
    const data = makeData();
    const net = createSimpleCNN(tf, { inputSize: CROP, numClasses: 3, seed: 1 });
    const batches: number[] = [];
    await expect(train(tf, net.model, data, config, { kernels: 'fast', onBatch: (p) => batches.push(p.batch) })).rejects.toThrow(
      'kernel set fast needs the WebGPU backend, but the active backend is cpu: use the stock kernels there',
    );
    expect(batches).toEqual([]);
    net.model.dispose();
    tf.dispose([data.trainImages as tf.Tensor, data.valImages as tf.Tensor]);
  });
});
