/** Messages between the training island (main thread) and its worker. */
import type { BatchProgress, EpochMetrics } from '../../lib/train';
import type { DataCounts } from '../../lib/train/demo-data';
import type { DemoEvaluation, DemoRunConfig } from '../../lib/train/demo-run';
import type { Ranked } from '../../lib/train/evaluation';
import type { InspectSource } from '../../lib/train/demo-model';
import type { BackendName, BackendNote, RememberedChoice } from '../../lib/webgpu/backend';
import type { RGBAImage } from '../../lib/transforms/image';
import type { Inspection } from '../../lib/model/inspect';
import type { ModelMeta } from '../../lib/model/model-file';

/** What the reader chose (or the URL parameters demo-…). */
export type DemoConfig = DemoRunConfig;
/** Re-exported from src/lib: what the worker reports about the data and the evaluation, and which image to look inside with. */
export type { DataCounts, DemoEvaluation, InspectSource };

/** What the worker is doing when it is not in a training batch. */
export type WorkerPhase = 'backend' | 'measuring' | 'images' | 'building' | 'first-batches' | 'validating' | 'evaluating';

/** Messages from the island to its worker. */
export type ToWorker =
  /** `backend` forces one; `remembered` is the choice measured on an earlier start on this adapter and browser. */
  | { type: 'start'; config: DemoConfig; assetsUrl: string; backend: BackendName | null; remembered: RememberedChoice | null; simulate?: string; kernels: 'fast' | 'stock' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'predict'; image: RGBAImage }
  | { type: 'inspect'; source: InspectSource }
  /** Write the trained model as an .npz (lib/model/model-file.ts); `meta` is `_meta` without `check`, which the worker adds. */
  | { type: 'export'; meta: ModelMeta };

/** Messages from the worker to the island (its reports). */
export type FromWorker =
  /** `backend`: the backend being measured ('measuring'); `epoch`: the epoch being validated; `batch` of `batches`: the batch starting before the first report ('first-batches'), `ms` since the one before started. */
  | { type: 'phase'; phase: WorkerPhase; epoch?: number; backend?: BackendName; batch?: number; batches?: number; ms?: number }
  /** Image download progress; it runs beside the backend choice. */
  | { type: 'images'; loaded: number; total: number }
  | { type: 'backend'; name: BackendName; notes: BackendNote[]; kernels: 'fast' | 'stock' | null }
  | { type: 'data'; counts: DataCounts }
  | { type: 'batch'; progress: BatchProgress; tensors: number; bytes: number }
  /** The loop waits at its gate: the pause has taken hold. */
  | { type: 'held' }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'done'; stopped: boolean; evaluation: DemoEvaluation | null }
  /** The own image's top classes; `seen` is the [cropSize, cropSize] crop the model classified (for a thumbnail). */
  | { type: 'prediction'; ranked: Ranked[]; seen: RGBAImage }
  /** Filters, feature maps and saliency for `source`; `image` is the crop the model saw, [cropSize, cropSize] RGBA. */
  | { type: 'inspection'; source: InspectSource; image: RGBAImage; inspection: Inspection }
  /** The trained model as .npz bytes (PyTorch's state_dict plus `_meta`). */
  | { type: 'model-file'; bytes: Uint8Array }
  | { type: 'error'; kind: 'device-lost' | 'out-of-memory' | 'other'; message: string }
  | { type: 'log'; level: 'warn' | 'error'; message: string };
