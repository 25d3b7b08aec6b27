/**
 * Run records: what one training run measured, with the configuration and a hash over
 * configuration, data and code — so the build can tell whether a committed record still
 * describes today's code (frozen like Quarto's `_freeze`, never retrained by `astro build`).
 */
import type { EpochMetrics } from '../train/loop';

export const RECORD_FORMAT = 1;

export interface RunConfig {
  classes: number;
  /** Training images per class, or 'all'. */
  perClass: number | 'all';
  cropSize: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  recipe: 'original' | 'corrected';
  seed: number;
  trainFraction: number;
  /**
   * The split file the run used, as `name:sha256-of-file` (train:full --split); absent: the
   * project's own seeded split (src/lib/data/split.ts, seed 0).
   */
  split?: string;
}

export interface RunRecord {
  format: typeof RECORD_FORMAT;
  name: string;
  config: RunConfig;
  images: { train: number; val: number };
  epochs: EpochMetrics[];
  environment: {
    backend: string;
    adapter: string;
    tfjs: string;
    node: string;
    platform: string;
    /** WebGPU kernels: 'fast' = ours (src/lib/webgpu/kernels), 'stock' = TensorFlow.js's. */
    kernels?: 'fast' | 'stock';
  };
  started: string;
  finished: string;
  /** SHA-256 over config, data and code (see hashRun). */
  hash: string;
  inputs: { data: string; code: string };
}

/** Checks a record's structure; throws naming the first problem (the build fails on it). */
export function validateRecord(value: unknown, where = 'run record'): RunRecord {
  const r = value as RunRecord;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!r || typeof r !== 'object') fail('not an object');
  if (r.format !== RECORD_FORMAT) fail(`format ${r.format}, expected ${RECORD_FORMAT}`);
  if (typeof r.name !== 'string' || !r.name) fail('name missing');
  const c = r.config;
  if (!c || !Number.isInteger(c.classes) || !Number.isInteger(c.cropSize) || !Number.isInteger(c.epochs)) fail('config incomplete');
  if (!['original', 'corrected'].includes(c.recipe)) fail(`config.recipe ${c.recipe}`);
  for (const key of ['hash'] as const) if (!/^[0-9a-f]{64}$/.test(r[key])) fail(`${key} is not a SHA-256 hex string`);
  if (!/^[0-9a-f]{64}$/.test(r.inputs?.data ?? '') || !/^[0-9a-f]{64}$/.test(r.inputs?.code ?? '')) fail('inputs.data / inputs.code missing');
  if (!Array.isArray(r.epochs) || r.epochs.length === 0) fail('no epochs');
  r.epochs.forEach((e, i) => {
    if (e.epoch !== i + 1) fail(`epoch ${i + 1} is numbered ${e.epoch}`);
    for (const k of ['trainLoss', 'trainLossLastBatch', 'trainAccuracy', 'valLoss', 'valLossLastBatch', 'valAccuracy', 'seconds'] as const) {
      if (typeof e[k] !== 'number' || !Number.isFinite(e[k])) fail(`epoch ${i + 1}: ${k} is ${e[k]}`);
    }
    if (e.trainAccuracy < 0 || e.trainAccuracy > 1 || e.valAccuracy < 0 || e.valAccuracy > 1) fail(`epoch ${i + 1}: accuracy outside 0 … 1`);
  });
  if (Number.isNaN(Date.parse(r.started)) || Number.isNaN(Date.parse(r.finished))) fail('started/finished are not dates');
  return r;
}

/** The record's hash from its parts: sha256(JSON(config) + data hash + code hash), via `sha256`. */
export async function hashRun(config: RunConfig, data: string, code: string, sha256: (text: string) => Promise<string> | string): Promise<string> {
  return sha256(`${JSON.stringify(config)}\n${data}\n${code}`);
}
