/**
 * The record of a train:full run is assembled by src/lib/runs/build-record.ts (pure, no WebGPU):
 * format 2 with provenance, validated before anyone writes it.
 */
import { describe, expect, it } from 'vitest';
import { buildRunRecord, type RunFacts } from '../../src/lib/runs/build-record';
import { RECORD_FORMAT } from '../../src/lib/runs/record';

const epoch = { epoch: 1, trainLoss: 2.1, trainLossLastBatch: 2, trainAccuracy: 0.3, valLoss: 2.2, valLossLastBatch: 2.3, valAccuracy: 0.25, seconds: 4.5, tensors: 20 };
const facts: RunFacts = {
  name: 'tiny',
  config: { classes: 3, perClass: 8, cropSize: 32, epochs: 1, batchSize: 8, learningRate: 0.001, recipe: 'original', seed: 3, trainFraction: 0.8 },
  images: { train: 24, val: 6 },
  epochs: [epoch],
  adapter: 'SwiftShader Device (Subzero)',
  kernels: 'fast',
  versions: { tfjs: '4.22.0', node: 'v24.0.0' },
  platform: 'linux-x64',
  concurrent: false,
  started: '2026-12-06T09:00:00.000Z',
  finished: '2026-12-06T09:01:00.000Z',
  hash: 'a'.repeat(64),
  inputs: { data: 'b'.repeat(64), code: 'c'.repeat(64) },
};

describe('buildRunRecord', () => {
  it('assembles a format-2 record of our engine with its provenance', () => {
    const record = buildRunRecord(facts);
    expect(record.format).toBe(RECORD_FORMAT);
    expect(record.environment).toEqual({ backend: 'webgpu', adapter: facts.adapter, platform: 'linux-x64', kernels: 'fast' });
    expect(record.provenance).toMatchObject({ engine: 'ours', program: 'npm run train:full', versions: facts.versions, device: facts.adapter, precision: { mode: 'fp32' }, concurrent: false });
    expect(Object.keys(record)).toEqual(['format', 'name', 'config', 'images', 'epochs', 'environment', 'provenance', 'started', 'finished', 'hash', 'inputs']);
  });

  it('refuses what validateRecord refuses, before anything is written', () => {
    expect(() => buildRunRecord({ ...facts, config: { ...facts.config, seed: 1.5 } })).toThrow(/seed/);
  });
});
