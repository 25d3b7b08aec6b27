/**
 * The training island's state as one pure function `update(state, message) → state` (the Elm
 * architecture): the reader's actions and the worker's reports go in, a new state comes out,
 * and the page is drawn from the state alone (training-view.ts). A new start is a new run with
 * a new id; reports of an older run are ignored, so nothing of it can come back on screen.
 */
import type { BatchProgress, EpochMetrics } from '../../lib/train';
import type { Ranked } from '../../lib/train/evaluation';
import type { BackendName, BackendNote } from '../../lib/webgpu/backend';
import type { Inspection } from '../../lib/model/inspect';
import type { RGBAImage } from '../../lib/transforms/image';
import type { DataCounts, DemoConfig, DemoEvaluation, FromWorker, InspectSource, WorkerPhase } from './training-protocol';

/** What the demo as a whole is doing; also the island's `data-state` attribute. */
export type Mode = 'idle' | 'loading' | 'running' | 'paused' | 'stopping' | 'done' | 'error';
/** What the run is doing right now. */
export type Activity = 'library' | WorkerPhase | 'training' | 'finished';

/** The last batch's report, with the run's totals. */
export interface Progress extends BatchProgress {
  /** Batches finished in the whole run, and how many the run has. */
  done: number;
  total: number;
  tensors: number;
  bytes: number;
  /** Batches per second since the end of the first batch (which compiles the shaders), or null. */
  rate: number | null;
}

/** One point of the training curves after a batch: x = epoch − 1 + batch / batches. */
export interface BatchPoint {
  x: number;
  loss: number;
  accuracy: number;
}

/** The reader's own image: being classified, classified, refused, or the prediction failed. */
export type OwnImage =
  | { state: 'pending' }
  | { state: 'ranked'; ranked: Ranked[] }
  | { state: 'rejected'; code: 'empty' | 'not-an-image' | 'too-large' | 'decode-failed'; width?: number; height?: number }
  | { state: 'failed'; message: string };

/** A look inside the trained model for one image: being computed, shown, or failed. */
export type Inspecting =
  | { source: InspectSource; state: 'pending' }
  | { source: InspectSource; state: 'ready'; image: RGBAImage; inspection: Inspection }
  | { source: InspectSource; state: 'failed'; message: string };

/** Everything one run produced; replaced as a whole by the next start, dropped by a reset. */
export interface Run {
  id: number;
  config: DemoConfig;
  activity: Activity;
  images: { loaded: number; total: number } | null;
  validatingEpoch: number | null;
  backend: { name: BackendName; notes: BackendNote[]; kernels: 'fast' | 'stock' | null } | null;
  counts: DataCounts | null;
  progress: Progress | null;
  /** Time (ms) the first batch ended; rates count from there. */
  firstBatchAt: number | null;
  points: BatchPoint[];
  history: EpochMetrics[];
  /** Mode to return to on "Fortsetzen". */
  resumeTo: 'loading' | 'running';
  /** The paused loop waits at its gate (before then, the batch or validation in flight finishes). */
  held: boolean;
  outcome: 'finished' | 'stopped' | null;
  evaluation: DemoEvaluation | null;
  ownImage: OwnImage | null;
  inspection: Inspecting | null;
  error: { kind: 'device-lost' | 'out-of-memory' | 'other'; message: string } | null;
}

export interface State {
  mode: Mode;
  run: Run | null;
  /** Id the next run gets. */
  nextId: number;
  /** Why the last start was refused (German, shown as an alert). */
  configError: string | null;
  /** The last action was a reset (said in the status line). */
  wasReset: boolean;
}

export type Message =
  | { type: 'start'; config: DemoConfig }
  | { type: 'config-invalid'; message: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'worker'; run: number; at: number; message: FromWorker }
  | { type: 'own-image'; run: number }
  | { type: 'inspect'; run: number; source: InspectSource }
  | { type: 'own-image-rejected'; run: number; code: Extract<OwnImage, { state: 'rejected' }>['code']; width?: number; height?: number };

export const initialState: State = { mode: 'idle', run: null, nextId: 1, configError: null, wasReset: false };

/** Modes in which a run is under way (the page asks before it is left). */
export const isBusy = (mode: Mode) => mode === 'loading' || mode === 'running' || mode === 'paused' || mode === 'stopping';
/** Modes in which "Training starten" begins a new run. */
export const canStart = (mode: Mode) => mode === 'idle' || mode === 'done' || mode === 'error';

function newRun(id: number, config: DemoConfig): Run {
  return {
    id,
    config,
    activity: 'library',
    images: null,
    validatingEpoch: null,
    backend: null,
    counts: null,
    progress: null,
    firstBatchAt: null,
    points: [],
    history: [],
    resumeTo: 'loading',
    held: false,
    outcome: null,
    evaluation: null,
    ownImage: null,
    inspection: null,
    error: null,
  };
}

/** The next state. Messages that do not fit the current state return `state` itself (nothing to do). */
export function update(state: State, message: Message): State {
  switch (message.type) {
    case 'start':
      if (!canStart(state.mode)) return state;
      return { mode: 'loading', run: newRun(state.nextId, message.config), nextId: state.nextId + 1, configError: null, wasReset: false };
    case 'config-invalid':
      if (!canStart(state.mode)) return state;
      return { ...state, configError: message.message, wasReset: false };
    case 'pause':
      if (!state.run || (state.mode !== 'loading' && state.mode !== 'running')) return state;
      return { ...state, mode: 'paused', run: { ...state.run, resumeTo: state.mode } };
    case 'resume':
      if (!state.run || state.mode !== 'paused') return state;
      return { ...state, mode: state.run.resumeTo, run: { ...state.run, held: false } };
    case 'stop':
      if (!state.run || !(state.mode === 'loading' || state.mode === 'running' || state.mode === 'paused')) return state;
      return { ...state, mode: 'stopping' };
    case 'reset':
      if (state.mode === 'idle' && !state.configError) return state;
      return { ...initialState, nextId: state.nextId, wasReset: true };
    case 'own-image':
    case 'own-image-rejected': {
      const run = state.run;
      if (!run || run.id !== message.run || state.mode !== 'done' || !run.evaluation) return state;
      const ownImage: OwnImage =
        message.type === 'own-image' ? { state: 'pending' } : { state: 'rejected', code: message.code, width: message.width, height: message.height };
      return { ...state, run: { ...run, ownImage } };
    }
    case 'inspect': {
      const run = state.run;
      if (!run || run.id !== message.run || state.mode !== 'done' || !run.evaluation || run.inspection?.state === 'pending') return state;
      const s = message.source;
      const available = s.kind === 'own' ? run.ownImage?.state === 'ranked' : Number.isInteger(s.index) && s.index >= 0 && s.index < run.evaluation.examples.length;
      if (!available) return state;
      return { ...state, run: { ...run, inspection: { source: s, state: 'pending' } } };
    }
    case 'worker':
      if (!state.run || state.run.id !== message.run || state.mode === 'idle') return state;
      return fromWorker(state, state.run, message.message, message.at);
  }
}

/** A report of the current run's worker. */
function fromWorker(state: State, run: Run, m: FromWorker, at: number): State {
  const next = (changes: Partial<Run>, mode = state.mode): State => ({ ...state, mode, run: { ...run, ...changes } });
  const finished = state.mode === 'done' || state.mode === 'error';
  switch (m.type) {
    case 'phase':
      if (finished) return state;
      return next({
        activity: m.phase,
        images: m.phase === 'images' && m.loaded !== undefined && m.total !== undefined ? { loaded: m.loaded, total: m.total } : run.images,
        validatingEpoch: m.phase === 'validating' ? (m.epoch ?? null) : run.validatingEpoch,
      });
    case 'backend':
      return finished ? state : next({ backend: { name: m.name, notes: m.notes, kernels: m.kernels } });
    case 'data':
      return finished ? state : next({ counts: m.counts });
    case 'batch': {
      if (finished) return state;
      const p = m.progress;
      const done = (run.progress?.done ?? 0) + 1;
      const firstBatchAt = run.firstBatchAt ?? at;
      const seconds = (at - firstBatchAt) / 1000;
      const progress: Progress = {
        ...p,
        done,
        total: p.batches * run.config.epochs,
        tensors: m.tensors,
        bytes: m.bytes,
        rate: done > 1 && seconds > 0 ? (done - 1) / seconds : null,
      };
      const point = { x: p.epoch - 1 + p.batch / p.batches, loss: p.meanLoss, accuracy: p.accuracy };
      // The first batch turns loading into running; a pause or a stop stays what it is.
      const mode = state.mode === 'loading' ? 'running' : state.mode;
      return next({ activity: 'training', progress, firstBatchAt, points: [...run.points, point], resumeTo: 'running' }, mode);
    }
    case 'epoch': {
      if (finished) return state;
      const more = m.metrics.epoch < run.config.epochs;
      return next({ history: [...run.history, m.metrics], activity: more ? 'training' : 'evaluating', validatingEpoch: null });
    }
    case 'done':
      if (finished) return state;
      return next({ activity: 'finished', outcome: m.stopped ? 'stopped' : 'finished', evaluation: m.evaluation }, 'done');
    case 'prediction':
      if (state.mode !== 'done' || run.ownImage?.state !== 'pending') return state;
      return next({ ownImage: { state: 'ranked', ranked: m.ranked } });
    case 'inspection': {
      const asked = run.inspection;
      if (state.mode !== 'done' || asked?.state !== 'pending' || JSON.stringify(asked.source) !== JSON.stringify(m.source)) return state;
      return next({ inspection: { source: m.source, state: 'ready', image: m.image, inspection: m.inspection } });
    }
    case 'error':
      // After the run, an error can only come from classifying an own image or looking inside: the results stay.
      if (state.mode === 'done') {
        if (run.ownImage?.state === 'pending') return next({ ownImage: { state: 'failed', message: m.message } });
        if (run.inspection?.state === 'pending') return next({ inspection: { source: run.inspection.source, state: 'failed', message: m.message } });
        return state;
      }
      if (state.mode === 'error') return state;
      return next({ error: { kind: m.kind, message: m.message } }, 'error');
    case 'held':
      return state.mode === 'paused' ? next({ held: true }) : state;
    case 'log':
      return state;
  }
}
