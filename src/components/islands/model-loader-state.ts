/**
 * The model loader's state as one pure function `updateLoader(state, event) → { state, effects }`:
 * before reading, the file's size is weighed against the device (lib/model/model-memory.ts); it is
 * read with progress (by the glue), checked and loaded by the worker (model-loader-worker.ts →
 * src/lib/model/model-file.ts), which then scores it on chapters-split validation images, classifies
 * the reader's own image and looks inside the model. model-loader-view.ts turns the state into text.
 */
import type { Inspection } from '../../lib/model/inspect';
import type { ModelFileProblem, ModelMeta } from '../../lib/model/model-file';
import { planModelLoad, type LoadBudget } from '../../lib/model/model-memory';
import type { EvaluationExample } from '../../lib/train/demo-data';
import type { Ranked } from '../../lib/train/evaluation';
import type { ValEvaluation } from '../../lib/train/val-evaluation';
import type { RGBAImage } from '../../lib/transforms/image';
import type { InspectSource } from './training-protocol';
import type { Inspecting } from './training-state';

/** Messages from the loader's worker. */
export type FromLoaderWorker =
  | { type: 'loaded'; meta: ModelMeta; checkLogits: number[] }
  | { type: 'rejected'; problems: ModelFileProblem[] }
  | { type: 'prediction'; ranked: Ranked[] }
  /** The scores on the chapters-split validation images, with a few of them as the model saw them. */
  | { type: 'evaluated'; evaluation: ValEvaluation; examples: EvaluationExample[] }
  /** How many of the validation images are classified so far. */
  | { type: 'evaluating'; done: number; total: number }
  /** No validation images for this model: no set at its size, or none of its classes among them. */
  | { type: 'no-evaluation'; reason: 'no-set' | 'no-classes' }
  | { type: 'inspected'; source: InspectSource; image: RGBAImage; inspection: Inspection }
  /** `during`: which request failed (absent: the load). */
  | { type: 'error'; message: string; during?: 'evaluate' | 'predict' | 'inspect' };

/** Messages to the loader's worker; `assetsUrl` is the folder of the data assets' manifest.json. */
export type ToLoaderWorker =
  | { type: 'load'; bytes: Uint8Array; assetsUrl: string }
  | { type: 'predict'; image: RGBAImage }
  | { type: 'inspect'; source: InspectSource };

/** The validation scores: running, done, not possible (why), or failed (the message). */
export type EvaluationState =
  | { state: 'pending'; done?: number; total?: number }
  | { state: 'ready'; evaluation: ValEvaluation; examples: EvaluationExample[] }
  | { state: 'none'; reason: 'no-set' | 'no-classes' }
  | { state: 'failed'; message: string };

/** Where the loader is. `own`: the prediction for the reader's image (null: none asked, 'pending': running). */
export type LoaderState =
  | { phase: 'idle' }
  | { phase: 'too-big'; name: string; budget: LoadBudget }
  | { phase: 'reading'; name: string; loaded: number; total: number; budget: LoadBudget; assetsUrl: string }
  | { phase: 'checking'; name: string }
  | { phase: 'rejected'; name: string; problems: ModelFileProblem[] }
  | { phase: 'failed'; name: string; message: string }
  | {
      phase: 'ready';
      name: string;
      meta: ModelMeta;
      checkLogits: number[];
      own: Ranked[] | 'pending' | null;
      evaluation: EvaluationState;
      inspection: Inspecting | null;
    };

/**
 * What goes into `updateLoader`: the reader's file (with navigator.deviceMemory where the browser
 * tells it) and image, the look-inside request, the glue's reading progress, the worker's reports.
 */
export type LoaderEvent =
  | { type: 'file'; name: string; size: number; assetsUrl: string; deviceMemoryGiB?: number }
  | { type: 'inspect'; source: InspectSource }
  | { type: 'progress'; loaded: number }
  | { type: 'read'; bytes: Uint8Array }
  | { type: 'read-failed'; message: string }
  | { type: 'own-image'; image: RGBAImage }
  | { type: 'worker'; message: FromLoaderWorker };

/** What the glue carries out: read the chosen file, message the worker. */
export type LoaderEffect = { type: 'read-file' } | { type: 'post'; message: ToLoaderWorker; transfer?: ArrayBuffer[] };

/** Before any file is chosen. */
export const initialLoader: LoaderState = { phase: 'idle' };

const busy = (s: LoaderState) =>
  s.phase === 'reading' || s.phase === 'checking' || (s.phase === 'ready' && (s.own === 'pending' || s.evaluation.state === 'pending' || s.inspection?.state === 'pending'));
const post = (message: ToLoaderWorker): LoaderEffect => ({ type: 'post', message });

/** The next state and its effects; events that do not fit change nothing. */
export function updateLoader(state: LoaderState, event: LoaderEvent): { state: LoaderState; effects: LoaderEffect[] } {
  const none = { state, effects: [] };
  switch (event.type) {
    case 'file': {
      if (busy(state)) return none;
      const budget = planModelLoad(event.size, event.deviceMemoryGiB);
      if (budget.refusal) return { state: { phase: 'too-big', name: event.name, budget }, effects: [] };
      return { state: { phase: 'reading', name: event.name, loaded: 0, total: event.size, budget, assetsUrl: event.assetsUrl }, effects: [{ type: 'read-file' }] };
    }
    case 'progress':
      return state.phase === 'reading' ? { state: { ...state, loaded: event.loaded }, effects: [] } : none;
    case 'read':
      if (state.phase !== 'reading') return none;
      return {
        state: { phase: 'checking', name: state.name },
        effects: [{ type: 'post', message: { type: 'load', bytes: event.bytes, assetsUrl: state.assetsUrl }, transfer: [event.bytes.buffer as ArrayBuffer] }],
      };
    case 'read-failed':
      return state.phase === 'reading' ? { state: { phase: 'failed', name: state.name, message: event.message }, effects: [] } : none;
    case 'own-image':
      if (state.phase !== 'ready' || state.own === 'pending') return none;
      return { state: { ...state, own: 'pending' }, effects: [post({ type: 'predict', image: event.image })] };
    case 'inspect':
      if (state.phase !== 'ready' || state.inspection?.state === 'pending') return none;
      if (event.source.kind === 'own' ? !Array.isArray(state.own) : state.evaluation.state !== 'ready' || !state.evaluation.examples[event.source.index]) return none;
      return { state: { ...state, inspection: { source: event.source, state: 'pending' } }, effects: [post({ type: 'inspect', source: event.source })] };
    case 'worker': {
      const m = event.message;
      if (state.phase === 'checking' && m.type === 'loaded')
        return { state: { phase: 'ready', name: state.name, meta: m.meta, checkLogits: m.checkLogits, own: null, evaluation: { state: 'pending' }, inspection: null }, effects: [] };
      if (state.phase === 'checking' && m.type === 'rejected') return { state: { phase: 'rejected', name: state.name, problems: m.problems }, effects: [] };
      if (state.phase === 'checking' && m.type === 'error') return { state: { phase: 'failed', name: state.name, message: m.message }, effects: [] };
      if (state.phase !== 'ready') return none;
      const evaluating = state.evaluation.state === 'pending';
      const inspecting = state.inspection?.state === 'pending' ? state.inspection : null;
      if (state.own === 'pending' && m.type === 'prediction') return { state: { ...state, own: m.ranked }, effects: [] };
      if (state.own === 'pending' && m.type === 'error' && m.during === 'predict') return { state: { ...state, own: null }, effects: [] };
      if (evaluating && m.type === 'evaluating') return { state: { ...state, evaluation: { state: 'pending', done: m.done, total: m.total } }, effects: [] };
      if (evaluating && m.type === 'evaluated') return { state: { ...state, evaluation: { state: 'ready', evaluation: m.evaluation, examples: m.examples } }, effects: [] };
      if (evaluating && m.type === 'no-evaluation') return { state: { ...state, evaluation: { state: 'none', reason: m.reason } }, effects: [] };
      if (evaluating && m.type === 'error' && m.during === 'evaluate') return { state: { ...state, evaluation: { state: 'failed', message: m.message } }, effects: [] };
      if (inspecting && m.type === 'inspected' && m.source.kind === inspecting.source.kind)
        return { state: { ...state, inspection: { source: m.source, state: 'ready', image: m.image, inspection: m.inspection } }, effects: [] };
      if (inspecting && m.type === 'error' && m.during === 'inspect') return { state: { ...state, inspection: { source: inspecting.source, state: 'failed', message: m.message } }, effects: [] };
      return none;
    }
  }
}

