/**
 * The training island's state as one pure function `update(state, message) → { state, effects }`
 * (the Elm architecture): the reader's actions and the worker's reports go in, a new state and
 * the effects to carry out (start, message or end the worker, download, remember the backend)
 * come out as data; the page is drawn from the state alone (training-view.ts). A new start is a
 * new run with a new id; reports of an older run are ignored, so nothing of it comes back.
 */
import type { BatchProgress, EpochMetrics } from '../../lib/train';
import type { Ranked } from '../../lib/train/evaluation';
import { historyCsv } from '../../lib/train/history-csv';
import { measuredBatchOf, projectRunMs, shouldAskFirst } from '../../lib/train/projection';
import { measuredChoice, type BackendName, type BackendNote, type RememberedChoice } from '../../lib/webgpu/backend';
import type { ChosenRun } from './training-config';
import type { Inspection } from '../../lib/model/inspect';
import type { ModelMeta } from '../../lib/model/model-file';
import type { RGBAImage } from '../../lib/transforms/image';
import type { DataCounts, DemoConfig, DemoEvaluation, FromWorker, InspectSource, ToWorker, WorkerPhase } from './training-protocol';

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
  /** Batches per second after the first batch (which compiles the shaders), pauses left out; or null. */
  rate: number | null;
  /** Milliseconds of work in the batches after the first (each batch's msPerBatch, which leaves pauses out). */
  workMs: number;
}

/** One point of the training curves after a batch: x = epoch − 1 + batch / batches. */
export interface BatchPoint {
  x: number;
  loss: number;
  accuracy: number;
}

/** The reader's own image (`name`: its file name): being classified, classified (`seen`: the crop the model saw), refused, or the prediction failed. */
export type OwnImage = { name: string } & (
  | { state: 'pending' }
  | { state: 'ranked'; ranked: Ranked[]; seen: RGBAImage }
  | { state: 'rejected'; code: 'empty' | 'not-an-image' | 'too-large' | 'decode-failed'; width?: number; height?: number }
  | { state: 'failed'; message: string }
);

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
  /** The backend whose training step is being timed (software adapter, first start). */
  measuring: BackendName | null;
  validatingEpoch: number | null;
  /** Before the first report: the batch of the first epoch that is being computed, of how many. */
  starting: { batch: number; batches: number; ms: number | null } | null;
  backend: { name: BackendName; notes: BackendNote[]; kernels: 'fast' | 'stock' | null } | null;
  counts: DataCounts | null;
  progress: Progress | null;
  points: BatchPoint[];
  history: EpochMetrics[];
  /** Mode to return to on "Fortsetzen". */
  resumeTo: 'loading' | 'running';
  /** The paused loop waits at its gate (before then, the batch or validation in flight finishes). */
  held: boolean;
  /** On WebGL or CPU: the whole run's projected duration from batch `batch`'s time, once that batch is in. */
  estimate: { backend: BackendName; ms: number; batch: number } | null;
  /** The demo paused itself to show `estimate` and waits for Fortsetzen or Stopp. */
  asking: boolean;
  outcome: 'finished' | 'stopped' | null;
  evaluation: DemoEvaluation | null;
  ownImage: OwnImage | null;
  inspection: Inspecting | null;
  /** The worker is writing the model file ("Modell herunterladen"). */
  exporting: boolean;
  error: { kind: 'device-lost' | 'out-of-memory' | 'other'; message: string } | null;
}

/** The island's whole state. */
export interface State {
  mode: Mode;
  /** The backend measured on an earlier start on this adapter and browser (software adapter only), or null. */
  remembered: RememberedChoice | null;
  run: Run | null;
  /** Id the next run gets. */
  nextId: number;
  /** Why the last start was refused (German, shown as an alert). */
  configError: string | null;
  /** The last action was a reset (said in the status line). */
  wasReset: boolean;
}

/** What goes into `update`: the reader's actions, the glue's findings and the worker's reports. */
export type Message =
  | { type: 'start'; chosen: ChosenRun; assetsUrl: string }
  | { type: 'config-invalid'; message: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'reset' }
  | { type: 'worker'; run: number; message: FromWorker }
  /** The reader chose an image file (`name`) and it decoded. */
  | { type: 'own-image'; run: number; name: string; image: RGBAImage }
  /** The glue found a remembered backend choice in storage. */
  | { type: 'recalled'; choice: RememberedChoice }
  /** "Neu messen": forget the remembered choice; the next start measures again. */
  | { type: 'remeasure' }
  | { type: 'download-csv' }
  | { type: 'download-model' }
  /** The page goes away: its worker ends. */
  | { type: 'pagehide' }
  | { type: 'inspect'; run: number; source: InspectSource }
  | { type: 'own-image-rejected'; run: number; name: string; code: Extract<OwnImage, { state: 'rejected' }>['code']; width?: number; height?: number };

/** What the glue carries out; `update` only describes them. */
export type Effect =
  /** Start a new worker for run `run` (ending any old one) and send it `start`. */
  | { type: 'spawn'; run: number; start: Extract<ToWorker, { type: 'start' }> }
  | { type: 'post'; message: ToWorker }
  | { type: 'terminate' }
  | { type: 'download'; filename: string; mime: string; text: string }
  | { type: 'download'; filename: string; mime: string; bytes: Uint8Array }
  | { type: 'remember-backend'; choice: RememberedChoice }
  | { type: 'forget-backend' };

/** A new state and what to do. */
export interface Update {
  state: State;
  effects: Effect[];
}

/** Before the first start. */
export const initialState: State = { mode: 'idle', remembered: null, run: null, nextId: 1, configError: null, wasReset: false };

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
    measuring: null,
    validatingEpoch: null,
    starting: null,
    backend: null,
    counts: null,
    progress: null,
    points: [],
    history: [],
    resumeTo: 'loading',
    held: false,
    estimate: null,
    asking: false,
    outcome: null,
    evaluation: null,
    ownImage: null,
    inspection: null,
    exporting: false,
    error: null,
  };
}

const none = (state: State): Update => ({ state, effects: [] });

/** The next state and its effects. Messages that do not fit the current state change nothing and do nothing. */
export function update(state: State, message: Message): Update {
  switch (message.type) {
    case 'start': {
      if (!canStart(state.mode)) return none(state);
      const { config, backend, kernels, simulate } = message.chosen;
      const start: Extract<ToWorker, { type: 'start' }> = { type: 'start', config, assetsUrl: message.assetsUrl, backend, remembered: state.remembered, kernels, simulate };
      const next: State = { ...state, mode: 'loading', run: newRun(state.nextId, config), nextId: state.nextId + 1, configError: null, wasReset: false };
      return { state: next, effects: [{ type: 'spawn', run: state.nextId, start }] };
    }
    case 'config-invalid':
      return none(canStart(state.mode) ? { ...state, configError: message.message, wasReset: false } : state);
    case 'pause':
      if (!state.run || (state.mode !== 'loading' && state.mode !== 'running')) return none(state);
      return { state: { ...state, mode: 'paused', run: { ...state.run, resumeTo: state.mode } }, effects: [{ type: 'post', message: { type: 'pause' } }] };
    case 'resume':
      if (!state.run || state.mode !== 'paused') return none(state);
      return { state: { ...state, mode: state.run.resumeTo, run: { ...state.run, held: false, asking: false } }, effects: [{ type: 'post', message: { type: 'resume' } }] };
    case 'stop':
      if (!state.run || !isBusy(state.mode) || state.mode === 'stopping') return none(state);
      return { state: { ...state, mode: 'stopping' }, effects: [{ type: 'post', message: { type: 'stop' } }] };
    case 'reset':
      if (state.mode === 'idle' && !state.configError) return none(state);
      return { state: { ...initialState, remembered: state.remembered, nextId: state.nextId, wasReset: true }, effects: [{ type: 'terminate' }] };
    case 'pagehide':
      return { state: { ...initialState, remembered: state.remembered, nextId: state.nextId }, effects: [{ type: 'terminate' }] };
    case 'recalled':
      return none({ ...state, remembered: message.choice });
    case 'remeasure':
      if (!state.remembered || !canStart(state.mode)) return none(state);
      return { state: { ...state, remembered: null }, effects: [{ type: 'forget-backend' }] };
    case 'download-csv':
      if (!state.run?.history.length) return none(state);
      return { state, effects: [{ type: 'download', filename: 'training-verlauf.csv', mime: 'text/csv', text: historyCsv(state.run.history) }] };
    case 'download-model': {
      const run = state.run;
      if (state.mode !== 'done' || !run?.evaluation || run.exporting) return none(state);
      return { state: { ...state, run: { ...run, exporting: true } }, effects: [{ type: 'post', message: { type: 'export', meta: modelMeta(run, run.evaluation) } }] };
    }
    case 'own-image':
    case 'own-image-rejected': {
      const run = state.run;
      if (!run || run.id !== message.run || state.mode !== 'done' || !run.evaluation) return none(state);
      const name = message.name;
      if (message.type === 'own-image-rejected') return none({ ...state, run: { ...run, ownImage: { name, state: 'rejected', code: message.code, width: message.width, height: message.height } } });
      return { state: { ...state, run: { ...run, ownImage: { name, state: 'pending' } } }, effects: [{ type: 'post', message: { type: 'predict', image: message.image } }] };
    }
    case 'inspect': {
      const run = state.run;
      if (!run || run.id !== message.run || state.mode !== 'done' || !run.evaluation || run.inspection?.state === 'pending') return none(state);
      const s = message.source;
      const available = s.kind === 'own' ? run.ownImage?.state === 'ranked' : Number.isInteger(s.index) && s.index >= 0 && s.index < run.evaluation.examples.length;
      if (!available) return none(state);
      return { state: { ...state, run: { ...run, inspection: { source: s, state: 'pending' } } }, effects: [{ type: 'post', message: { type: 'inspect', source: s } }] };
    }
    case 'worker':
      if (!state.run || state.run.id !== message.run || state.mode === 'idle') return none(state);
      return fromWorker(state, state.run, message.message);
  }
}

/** `_meta` of the model file: what the reader set and what the page showed (the worker adds the check logits). */
function modelMeta(run: Run, evaluation: DemoEvaluation): ModelMeta {
  const { cropSize, recipe, seed } = run.config;
  const last = run.history.at(-1);
  return { imageSize: cropSize, classes: evaluation.classes, recipe, seed, epochs: run.history.length, valAccuracy: last ? last.valAccuracy : null, tool: 'Caltech-101-Tutorial: Trainings-Demo im Browser (TensorFlow.js)' };
}

/**
 * On WebGL, CPU or WebGPU on a software adapter, once the measured batch (measuredBatchOf) is in: the run's projected duration;
 * when it passes ASK_ABOVE_MS and the run is running, the demo pauses itself (the ordinary pause)
 * and asks. Null when nothing changes.
 */
function askFirst(state: State, msPerBatch: number): Update | null {
  const run = state.run;
  const p = run?.progress;
  const backend = run?.backend?.name;
  // Only a software adapter leaves notes of a measured (or remembered) choice (lib/webgpu/backend.ts).
  const software = !!run?.backend?.notes.some((n) => n.kind === 'software-adapter' || n.kind === 'remembered');
  if (!run || !p || !backend || (backend === 'webgpu' && !software) || run.estimate || p.done !== measuredBatchOf(p.total)) return null;
  const estimate = { backend, ms: projectRunMs({ msPerBatch, batchesPerEpoch: p.batches, epochs: run.config.epochs }), batch: p.done };
  const ask = state.mode === 'running' && p.done < p.total && shouldAskFirst(backend, estimate.ms, { softwareAdapter: software });
  if (!ask) return none({ ...state, run: { ...run, estimate } });
  return { state: { ...state, mode: 'paused', run: { ...run, estimate, asking: true, resumeTo: 'running' } }, effects: [{ type: 'post', message: { type: 'pause' } }] };
}

/** A report of the current run's worker. */
function fromWorker(state: State, run: Run, m: FromWorker): Update {
  const next = (changes: Partial<Run>, mode = state.mode): Update => none({ ...state, mode, run: { ...run, ...changes } });
  const finished = state.mode === 'done' || state.mode === 'error';
  switch (m.type) {
    case 'phase':
      if (finished) return none(state);
      return next({
        activity: m.phase,
        measuring: m.phase === 'measuring' ? (m.backend ?? null) : null,
        validatingEpoch: m.phase === 'validating' ? (m.epoch ?? null) : run.validatingEpoch,
        starting: m.phase === 'first-batches' && m.batch && m.batches ? { batch: m.batch, batches: m.batches, ms: m.ms ?? null } : run.starting,
      });
    case 'images':
      return finished ? none(state) : next({ images: { loaded: m.loaded, total: m.total } });
    case 'backend': {
      if (finished) return none(state);
      const after = next({ backend: { name: m.name, notes: m.notes, kernels: m.kernels }, measuring: null });
      const measured = measuredChoice(m);
      return measured ? { state: { ...after.state, remembered: measured }, effects: [{ type: 'remember-backend', choice: measured }] } : after;
    }
    case 'data':
      return finished ? none(state) : next({ counts: m.counts });
    case 'batch': {
      if (finished) return none(state);
      const p = m.progress;
      const done = (run.progress?.done ?? 0) + 1;
      // The first batch compiles the shaders: the rate counts the work of the batches after it.
      const workMs = done > 1 ? (run.progress?.workMs ?? 0) + p.msPerBatch : 0;
      const progress: Progress = { ...p, done, total: p.batches * run.config.epochs, tensors: m.tensors, bytes: m.bytes, workMs, rate: done > 1 && workMs > 0 ? (done - 1) / (workMs / 1000) : null };
      const point = { x: p.epoch - 1 + p.batch / p.batches, loss: p.meanLoss, accuracy: p.accuracy };
      // The first batch turns loading into running; a pause or a stop stays what it is.
      const mode = state.mode === 'loading' ? 'running' : state.mode;
      const after = next({ activity: 'training', progress, points: [...run.points, point], resumeTo: 'running' }, mode);
      return askFirst(after.state, p.msPerBatch) ?? after;
    }
    case 'epoch': {
      if (finished) return none(state);
      const more = m.metrics.epoch < run.config.epochs;
      return next({ history: [...run.history, m.metrics], activity: more ? 'training' : 'evaluating', validatingEpoch: null });
    }
    case 'done':
      if (finished) return none(state);
      return next({ activity: 'finished', outcome: m.stopped ? 'stopped' : 'finished', evaluation: m.evaluation, validatingEpoch: null }, 'done');
    case 'model-file': {
      if (state.mode !== 'done' || !run.exporting) return none(state);
      const download: Effect = { type: 'download', filename: `simplecnn-seite-${run.config.cropSize}px.npz`, mime: 'application/octet-stream', bytes: m.bytes };
      return { state: next({ exporting: false }).state, effects: [download] };
    }
    case 'prediction':
      if (state.mode !== 'done' || run.ownImage?.state !== 'pending') return none(state);
      return next({ ownImage: { name: run.ownImage.name, state: 'ranked', ranked: m.ranked, seen: m.seen } });
    case 'inspection': {
      const asked = run.inspection;
      if (state.mode !== 'done' || asked?.state !== 'pending' || JSON.stringify(asked.source) !== JSON.stringify(m.source)) return none(state);
      return next({ inspection: { source: m.source, state: 'ready', image: m.image, inspection: m.inspection } });
    }
    case 'error':
      // After the run, an error can only come from classifying an own image or looking inside: the results stay.
      if (state.mode === 'done') {
        if (run.exporting) return next({ exporting: false });
        if (run.ownImage?.state === 'pending') return next({ ownImage: { name: run.ownImage.name, state: 'failed', message: m.message } });
        if (run.inspection?.state === 'pending') return next({ inspection: { source: run.inspection.source, state: 'failed', message: m.message } });
        return none(state);
      }
      if (state.mode === 'error') return none(state);
      return { state: next({ error: { kind: m.kind, message: m.message } }, 'error').state, effects: [{ type: 'terminate' }] };
    case 'held':
      return state.mode === 'paused' ? next({ held: true }) : none(state);
    case 'log':
      return none(state);
  }
}
