/**
 * Run records: what one training run measured, with the configuration and a hash over
 * configuration, data and code — so the build can tell whether a committed record still
 * describes today's code (frozen like Quarto's `_freeze`, never retrained by `astro build`).
 */
import type { EpochMetrics } from '../train/loop';
import { checkRecordNumbers } from './check-numbers';

/** Format 2 records say how the run was made (Provenance); format 1 records predate that. */
export const RECORD_FORMAT = 2;
/** The first record format (no provenance), still read for old records. */
export const LEGACY_FORMAT = 1;

/** What a run was asked to do: classes, images, size, recipe, epochs, batch, learning rate, seed. */
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

/** How a run was made: everything besides the config that can change its numbers or its seconds. */
export interface Provenance {
  /** 'ours': this project's TypeScript on TensorFlow.js; 'pytorch': PyTorch running Python. */
  engine: 'ours' | 'pytorch';
  /** The program that ran, e.g. "npm run train:full", "scripts/pytorch/reference_original.py". */
  program: string;
  /** Versions of what computed: { tfjs, node } or { torch, torchvision, python, cuda, cudnn }. */
  versions: Record<string, string>;
  /** The device in words: the WebGPU adapter, the CUDA device's name, or "cpu". */
  device: string;
  /**
   * 'fp32': every product in fp32; 'tf32': some convolutions or matrix products may use TF32.
   * flags: the switches as set, e.g. { cudnnAllowTf32: false, matmulAllowTf32: false }.
   */
  precision: { mode: 'fp32' | 'tf32'; flags: Record<string, boolean | string> };
  /** How images reached the model: worker processes (0: the main process) and a note in words. */
  dataLoading: { workers: number; note: string };
  /** True when other runs shared the device at the same time: its seconds are not comparable. */
  concurrent: boolean;
}

/** One run record: its configuration, per-epoch metrics, inputs (data and code hashes) and provenance. */
export interface RunRecord {
  format: typeof RECORD_FORMAT | typeof LEGACY_FORMAT;
  name: string;
  config: RunConfig;
  images: { train: number; val: number };
  epochs: EpochMetrics[];
  environment: {
    backend: string;
    adapter: string;
    /** Format 1 records keep their versions here; format 2 records in provenance.versions. */
    tfjs?: string;
    node?: string;
    platform: string;
    /** WebGPU kernels: 'fast' = ours (src/lib/webgpu/kernels), 'stock' = TensorFlow.js's. */
    kernels?: 'fast' | 'stock';
  };
  started: string;
  finished: string;
  /** SHA-256 over config, data and code (see hashRun). */
  hash: string;
  inputs: { data: string; code: string };
  /** Required from format 2 on. */
  provenance?: Provenance;
}

/** Checks a record's structure and numbers (check-numbers.ts); throws naming the first problem (the build fails on it). */
export function validateRecord(value: unknown, where = 'run record'): RunRecord {
  checkRecordNumbers(value, where);
  const r = value as RunRecord;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!r || typeof r !== 'object') fail('not an object');
  if (r.format !== RECORD_FORMAT && r.format !== LEGACY_FORMAT) fail(`format ${r.format}, expected ${RECORD_FORMAT}`);
  if (typeof r.name !== 'string' || !r.name) fail('name missing');
  const c = r.config;
  if (!c || !Number.isInteger(c.classes) || !Number.isInteger(c.cropSize) || !Number.isInteger(c.epochs)) fail('config incomplete');
  if (!['original', 'corrected'].includes(c.recipe)) fail(`config.recipe ${c.recipe}`);
  if (!Number.isInteger(c.seed)) fail(`config.seed ${c.seed} is not a whole number`);
  if (c.split !== undefined && !/^[\w-]+:[0-9a-f]{64}$/.test(c.split)) fail(`config.split ${c.split} (expected NAME:SHA256)`);
  if (r.format === RECORD_FORMAT) validateProvenance(r.provenance, fail);
  for (const key of ['hash'] as const) if (!/^[0-9a-f]{64}$/.test(r[key])) fail(`${key} is not a SHA-256 hex string`);
  if (!/^[0-9a-f]{64}$/.test(r.inputs?.data ?? '') || !/^[0-9a-f]{64}$/.test(r.inputs?.code ?? '')) fail('inputs.data / inputs.code missing');
  if (!Array.isArray(r.epochs) || r.epochs.length === 0) fail('no epochs');
  r.epochs.forEach((e, i) => {
    if (e.epoch !== i + 1) fail(`epoch ${i + 1} is numbered ${e.epoch}`);
    for (const k of ['trainLoss', 'trainLossLastBatch', 'trainAccuracy', 'valLoss', 'valLossLastBatch', 'valAccuracy', 'seconds'] as const) {
      // a program that does not measure the last batch's loss (the chapters' one) records null
      if (e[k] === null && k.endsWith('LastBatch') && r.format === RECORD_FORMAT) continue;
      if (typeof e[k] !== 'number' || !Number.isFinite(e[k])) fail(`epoch ${i + 1}: ${k} is ${e[k]}`);
    }
    if (e.trainAccuracy < 0 || e.trainAccuracy > 1 || e.valAccuracy < 0 || e.valAccuracy > 1) fail(`epoch ${i + 1}: accuracy outside 0 … 1`);
  });
  if (Number.isNaN(Date.parse(r.started)) || Number.isNaN(Date.parse(r.finished))) fail('started/finished are not dates');
  return r;
}

function validateProvenance(p: Provenance | undefined, fail: (what: string) => never): void {
  if (!p || typeof p !== 'object') fail('provenance missing (engine, versions, device, precision, data loading)');
  p = p!;
  if (!['ours', 'pytorch'].includes(p.engine)) fail(`provenance.engine ${p.engine} (ours or pytorch)`);
  if (typeof p.program !== 'string' || !p.program) fail('provenance.program missing');
  const versions = Object.entries(p.versions ?? {});
  if (versions.length === 0 || versions.some(([, v]) => typeof v !== 'string' || !v)) fail('provenance.versions missing or not strings');
  if (typeof p.device !== 'string' || !p.device) fail('provenance.device missing');
  if (!p.precision || !['fp32', 'tf32'].includes(p.precision.mode)) fail(`provenance.precision.mode ${p.precision?.mode} (fp32 or tf32)`);
  const tf32On = Object.entries(p.precision.flags ?? {}).some(([k, v]) => /tf32/i.test(k) && v === true);
  if (tf32On !== (p.precision.mode === 'tf32')) fail(`provenance.precision.mode ${p.precision.mode} contradicts its flags ${JSON.stringify(p.precision.flags)}`);
  if (!p.dataLoading || !Number.isInteger(p.dataLoading.workers) || p.dataLoading.workers < 0 || typeof p.dataLoading.note !== 'string') fail('provenance.dataLoading needs workers (a whole number) and a note');
  if (typeof p.concurrent !== 'boolean') fail('provenance.concurrent must be true or false');
}

/** The record's hash from its parts: sha256(JSON(config) + data hash + code hash), via `sha256`. */
export async function hashRun(config: RunConfig, data: string, code: string, sha256: (text: string) => Promise<string> | string): Promise<string> {
  return sha256(`${JSON.stringify(config)}\n${data}\n${code}`);
}
