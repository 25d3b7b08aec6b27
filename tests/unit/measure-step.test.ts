/** Timing one training step (the backend choice's measurement) on tfjs's CPU backend. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { measureTrainingStep } from '../../src/lib/train/measure';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('measureTrainingStep', () => {
  it('times a step of the real loop after a warm-up and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const ms = await measureTrainingStep(tf, { batchSize: 4, learningRate: 0.001, cropSize: 16, recipe: 'corrected', seed: 0 }, 3, 'stock');
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(60_000);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
