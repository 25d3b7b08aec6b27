/** Messages between the training island (main thread) and its worker. */
import type { BatchProgress, EpochMetrics, RecipeName } from '../../lib/train';

/** What the reader chose (or the URL parameters demo-…). */
export interface DemoConfig {
  classes: number;
  perClass: number;
  cropSize: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  recipe: RecipeName;
  seed: number;
}

export interface Evaluation {
  classes: string[];
  /** confusion[true][predicted] on the validation images. */
  confusion: number[][];
  examples: { width: number; height: number; data: Uint8ClampedArray; label: number; top3: { label: number; p: number }[] }[];
}

export type ToWorker =
  | { type: 'start'; config: DemoConfig; assetsUrl: string; backends: string[]; simulate?: string; kernels: 'fast' | 'stock' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; image: { width: number; height: number; data: Uint8ClampedArray } };

export type FromWorker =
  | { type: 'backend'; name: string; notes: string[]; kernels: 'fast' | 'stock' | null }
  | { type: 'status'; text: string }
  | { type: 'batch'; progress: BatchProgress; tensors: number; bytes: number }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'done'; stopped: boolean; evaluation: Evaluation }
  | { type: 'prediction'; top3: { label: number; p: number }[]; classes: string[] }
  | { type: 'error'; kind: 'device-lost' | 'out-of-memory' | 'other'; message: string }
  | { type: 'log'; level: 'warn' | 'error'; message: string };

/** Bytes of fc1's weights for input size s: the model's largest buffer (64·(s/4)²·512 floats). */
export const fc1Bytes = (s: number) => 64 * (s / 4) ** 2 * 512 * 4;
