/**
 * A run record of our engine from what a run produced (configuration, images, epochs, device,
 * hashes), checked by validateRecord before anyone writes it. Pure: train:full passes in the
 * clock, versions and hashes, so a test builds a record without WebGPU.
 */
import type { EpochMetrics } from '../train/loop';
import type { KernelSet } from '../webgpu/kernels';
import { RECORD_FORMAT, validateRecord, type RunConfig, type RunRecord } from './record';

/** Everything a record of `npm run train:full` says besides its numbers' hash. */
export interface RunFacts {
  name: string;
  config: RunConfig;
  images: { train: number; val: number };
  epochs: EpochMetrics[];
  /** The WebGPU adapter in words. */
  adapter: string;
  kernels: KernelSet;
  versions: { tfjs: string; node: string };
  /** `${process.platform}-${process.arch}`. */
  platform: string;
  /** True when other runs shared the GPU: the seconds are not comparable. */
  concurrent: boolean;
  started: string;
  finished: string;
  /** SHA-256 over config, data and code (hashRun) and the data and code hashes it covers. */
  hash: string;
  inputs: { data: string; code: string };
}

/** The run record of a train:full run (format 2, with provenance); throws like validateRecord when a field is wrong. */
export function buildRunRecord(f: RunFacts): RunRecord {
  return validateRecord({
    format: RECORD_FORMAT,
    name: f.name,
    config: f.config,
    images: f.images,
    epochs: f.epochs,
    environment: { backend: 'webgpu', adapter: f.adapter, platform: f.platform, kernels: f.kernels },
    provenance: {
      engine: 'ours',
      program: 'npm run train:full',
      versions: f.versions,
      device: f.adapter,
      // WGSL has no TF32: every shader (ours and TensorFlow.js's) multiplies in f32
      precision: { mode: 'fp32', flags: { shaderFloat: 'f32' } },
      dataLoading: { workers: 0, note: 'decoded and resized once before training (worker threads, disk cache); batches augmented on the GPU' },
      concurrent: f.concurrent,
    },
    started: f.started,
    finished: f.finished,
    hash: f.hash,
    inputs: f.inputs,
  } satisfies RunRecord);
}
