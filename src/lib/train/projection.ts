/**
 * How long a whole training run will take, projected from one measured batch, and whether the
 * demo should ask the reader before going on (issue 31: "WebGL and CPU remain possible but first
 * say how long it would take"). Pure: the island's state function calls it after a batch report.
 */

/** Projected runs longer than this (ms) on WebGL, CPU or a software WebGPU adapter pause after the measured batch and ask first. */
export const ASK_ABOVE_MS = 3 * 60 * 1000;

/** The batch whose time is projected: the second (the first compiles shaders or warms up); the first only when the run has one batch. */
export const measuredBatchOf = (totalBatches: number): number => (totalBatches >= 2 ? 2 : 1);

/** What a projection is computed from. */
export interface ProjectionInput {
  /** Milliseconds the measured batch took (its msPerBatch). */
  msPerBatch: number;
  batchesPerEpoch: number;
  epochs: number;
  /** Estimated milliseconds of validation and evaluation for the whole run, if known; left out (0) otherwise. */
  evaluationMs?: number | null;
}

/** Milliseconds the whole run takes: measured ms per batch × batches per epoch × epochs (+ evaluation if known). */
export function projectRunMs({ msPerBatch, batchesPerEpoch, epochs, evaluationMs }: ProjectionInput): number {
  if (!(msPerBatch >= 0) || !(batchesPerEpoch >= 0) || !(epochs >= 0)) throw new RangeError(`projectRunMs: invalid input ${msPerBatch}, ${batchesPerEpoch}, ${epochs}`);
  return msPerBatch * batchesPerEpoch * epochs + (evaluationMs ?? 0);
}

/**
 * Whether to pause and ask: for WebGL or CPU, or for WebGPU on a software adapter (`softwareAdapter`:
 * SwiftShader and the like compute on the CPU too, a 64 × 64 step of batch 64 took 63 s there), and
 * only when the projected run exceeds `aboveMs`.
 */
export function shouldAskFirst(backend: 'webgpu' | 'webgl' | 'cpu', projectedMs: number, { aboveMs = ASK_ABOVE_MS, softwareAdapter = false } = {}): boolean {
  return (backend !== 'webgpu' || softwareAdapter) && projectedMs > aboveMs;
}

/** Whole minutes for the reader, at least 1 (a projection above the threshold is never "0 Minuten"). */
export const projectedMinutes = (ms: number): number => Math.max(1, Math.round(ms / 60_000));
