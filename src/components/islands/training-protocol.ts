/** Messages between the training island (main thread) and its worker. */
import type { BatchProgress, EpochMetrics, RecipeName } from '../../lib/train';
import type { Ranked } from '../../lib/train/evaluation';
import type { BackendName, BackendNote } from '../../lib/webgpu/backend';
import type { RGBAImage } from '../../lib/transforms/image';
import type { Inspection } from '../../lib/model/inspect';

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

/** The evaluation on the validation images, with a few of them as examples. */
export interface DemoEvaluation {
  classes: string[];
  /** confusion[true][predicted] on the validation images. */
  confusion: number[][];
  classAccuracy: (number | null)[];
  examples: (RGBAImage & { label: number; ranked: Ranked[] })[];
}

/** How many images the run really got (the data may hold fewer than asked for). */
export interface DataCounts {
  classes: string[];
  train: number;
  val: number;
  trainCounts: number[];
  valCounts: number[];
}

/** The image the reader looks inside the model with: a validation example (its place in `examples`) or their own. */
export type InspectSource = { kind: 'example'; index: number } | { kind: 'own' };

/** What the worker is doing when it is not in a training batch. */
export type WorkerPhase = 'backend' | 'measuring' | 'images' | 'building' | 'validating' | 'evaluating';

export type ToWorker =
  | { type: 'start'; config: DemoConfig; assetsUrl: string; backend: BackendName | null; simulate?: string; kernels: 'fast' | 'stock' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; image: RGBAImage }
  | { type: 'inspect'; source: InspectSource };

export type FromWorker =
  | { type: 'phase'; phase: WorkerPhase; epoch?: number; loaded?: number; total?: number }
  | { type: 'backend'; name: BackendName; notes: BackendNote[]; kernels: 'fast' | 'stock' | null }
  | { type: 'data'; counts: DataCounts }
  | { type: 'batch'; progress: BatchProgress; tensors: number; bytes: number }
  /** The loop waits at its gate: the pause has taken hold. */
  | { type: 'held' }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'done'; stopped: boolean; evaluation: DemoEvaluation | null }
  | { type: 'prediction'; ranked: Ranked[] }
  /** Filters, feature maps and saliency for `source`; `image` is the crop the model saw, [cropSize, cropSize] RGBA. */
  | { type: 'inspection'; source: InspectSource; image: RGBAImage; inspection: Inspection }
  | { type: 'error'; kind: 'device-lost' | 'out-of-memory' | 'other'; message: string }
  | { type: 'log'; level: 'warn' | 'error'; message: string };
