/**
 * What the training island shows, computed from its state alone: texts, which controls are
 * usable, table rows, curve points and results. Pure (no DOM), so the tests read exactly the
 * sentences a reader would see; training-render.ts puts them on the page.
 */
import type { CurvePoint } from '../../lib/plot/curves';
import type { BackendNote, RememberedChoice } from '../../lib/webgpu/backend';
import { de } from './de';
import { formatClock, formatNumber, formatPercent } from '../../lib/format';
import { projectedMinutes } from '../../lib/train/projection';
import { resultsOf, type ResultsView } from './training-view-results';
import { canStart, isBusy, type Run, type State } from './training-state';
import { engineMessage } from './de-training';
import { bandViewOf, type BandView } from './training-view-band';
import type { DemoBand } from '../../lib/runs/band-compare';

/** The image choice's values, for the glue (defined with the results' view). */
export { parseSourceValue, sourceValue, type InspectView } from './training-view-results';

const t = de.training;

/** A control of the island: "Training starten", "Pause"/"Fortsetzen", "Stopp", "Zurücksetzen". */
export type Control = 'start' | 'pause' | 'stop' | 'reset';

/** Everything the island shows, as data (training-render.ts puts it on the page). */
export interface View {
  /** data-state, data-backend and data-epoch of the island. */
  state: string;
  backend: string;
  epoch: string;
  disabled: Record<Control, boolean>;
  pauseLabel: string;
  settingsDisabled: boolean;
  /** Where focus goes when the focused control becomes disabled. */
  focus: Control | 'status';
  /** The demo paused itself to ask (training-state.ts askFirst): focus goes to "Fortsetzen" once, wherever it was. */
  askFocus: boolean;
  status: string;
  /** What the run waits for before its first report (a batch of the first epoch; a new key restarts the "seit … s" counter), or null: no counter. */
  waiting: string | null;
  /** The latest epoch's result, for the screen-reader announcement. */
  news: string;
  error: string;
  backendNote: string | null;
  dataNote: string | null;
  /** The remembered backend choice and that "Neu messen" forgets it; null hides both. */
  remembered: null | { text: string; disabled: boolean };
  run: null | {
    /** Share of the run's batches done; null (an indeterminate bar) while the work before the first batch cannot be counted in batches. */
    progress: number | null;
    progressLine: string;
    stats: string;
    rows: string[][];
    /** The same object as long as the points and the history are the same (so the charts are redrawn only when they change). */
    curves: Curves;
    csv: boolean;
    /** "Modell herunterladen" works: the run is done with an evaluation and no file is being written. */
    model: boolean;
  };
  results: ResultsView | null;
  /** The PyTorch band behind the accuracy curve and the sentence after the run (training-view-band.ts), or null. */
  band: BandView | null;
}

/** The curves' points: per batch (training) and per epoch (validation). */
export interface Curves {
  loss: CurvePoint[];
  accuracy: CurvePoint[];
  epochs: number;
}

const num = formatNumber;
const backendName = (name: string) => t.backendNames[name] ?? name;
/** The images' download beside the backend choice: " Bilder: 12 von 40 geladen." or nothing. */
const imagesText = (run: Run) => (run.images ? t.status.imagesBeside(num(run.images.loaded), num(run.images.total)) : '');
const measuredText = (ms: Partial<Record<string, number>>) => (Object.entries(ms) as [string, number][]).map(([name, value]) => t.backend.ms(backendName(name), num(value))).join(', ');

/** The sentence about a remembered backend choice (also shown by the custom element before the demo loads). */
export const rememberedText = (choice: RememberedChoice) => t.backend.rememberedHere(backendName(choice.name), measuredText(choice.ms));

function statusOf(state: State): string {
  const run = state.run;
  if (!run) return state.wasReset ? t.status.reset : '';
  const p = run.progress;
  switch (state.mode) {
    case 'paused':
      if (run.asking && run.estimate) return t.status.askFirst(backendName(run.estimate.backend), num(projectedMinutes(run.estimate.ms)), run.estimate.batch);
      if (run.held) return p ? t.status.paused(p.batch, p.batches, p.epoch) : t.status.pausedFirst;
      if (run.activity === 'validating') return t.status.pausedValidating(run.validatingEpoch ?? p?.epoch ?? 1);
      return p ? t.status.pausing : t.status.pausedLoading;
    case 'stopping':
      return t.status.stopping;
    case 'done':
      if (run.outcome !== 'stopped') return t.status.finished(run.history.length);
      return p ? t.status.stopped(run.history.length, p.epoch, p.batch, p.batches) : t.status.stoppedEarly;
    case 'error':
      return '';
  }
  switch (run.activity) {
    case 'library':
      return t.status.library;
    case 'backend':
      return t.status.backend + imagesText(run);
    case 'measuring':
      return t.status.measuring(backendName(run.measuring ?? 'webgpu'), run.measuring === 'webgl' ? 2 : 1) + imagesText(run);
    case 'images':
      return t.status.images(run.images ? num(run.images.loaded) : undefined, run.images ? num(run.images.total) : undefined);
    case 'building':
      return run.counts ? t.status.building(num(run.counts.train), num(run.counts.val)) : t.status.images();
    case 'first-batches': {
      const s = run.starting ?? { batch: 1, batches: 1, ms: null };
      if (run.backend?.name !== 'cpu') return t.status.firstBatches(s.batch, s.batches);
      return t.status.firstBatchesCpu(s.batch, s.batches, s.ms === null ? null : num(s.ms / 1000, 1));
    }
    case 'training':
      return t.status.training(Math.min(run.history.length + 1, run.config.epochs), run.config.epochs);
    case 'validating':
      return t.status.validating(run.validatingEpoch ?? p?.epoch ?? 1);
    default:
      return t.status.evaluating;
  }
}

/** One note of the backend choice as a German sentence; `chosen` is the backend that runs. */
function noteText(note: BackendNote, chosen: string): string {
  switch (note.kind) {
    case 'no-webgpu':
    case 'no-adapter':
      return t.backend[note.kind];
    case 'failed':
      return t.backend.failed(backendName(note.backend), note.message);
    case 'forced':
      return t.backend.forced(backendName(note.backend));
    case 'software-adapter':
      return t.backend.software(measuredText(note.ms), backendName(chosen));
    case 'remembered':
      return t.backend.remembered(backendName(chosen), measuredText(note.ms));
  }
}

function backendNoteOf(run: Run): string | null {
  const b = run.backend;
  if (!b) return null;
  const parts: string[] = [];
  if (b.name !== 'webgpu') parts.push(t.backend.via(backendName(b.name)));
  if (b.name === 'cpu') parts.push(t.backend.cpu);
  parts.push(...b.notes.map((note) => noteText(note, b.name)));
  return parts.length ? parts.join(' ') : null;
}

function dataNoteOf(run: Run): string | null {
  const c = run.counts;
  if (!c) return null;
  const have = Math.min(...c.trainCounts);
  if (run.config.perClass === 'all' || have >= run.config.perClass) return null; // 'all': a 101-class run takes what each class has
  return t.data.fewer(run.config.cropSize, num(have), run.config.perClass, num(c.train), num(c.val));
}

function progressLineOf(run: Run, mode: State['mode']): string {
  const p = run.progress;
  if (!p) return '';
  const of = run.config.epochs;
  if (run.activity === 'validating' && mode !== 'done') return t.progress.validating(run.validatingEpoch ?? p.epoch, of);
  const where = t.progress.batch(p.epoch, of, p.batch, p.batches);
  const loss = t.progress.loss(num(p.loss, 3), num(p.meanLoss, 3), formatPercent(p.accuracy));
  // Time left only while the run goes on; a stopping or ended run has none left.
  if (mode === 'done') return [run.outcome === 'stopped' ? t.progress.stoppedAt(where) : where, loss].join(' · ');
  if (mode === 'stopping') return [where, loss].join(' · ');
  const rate = p.rate ? t.progress.rate(num(p.rate, 2), formatClock((p.total - p.done) / p.rate)) : t.progress.noRate;
  return [where, rate, loss].join(' · ');
}

/** The last curves built and what they were built from: state is immutable, so equal arrays mean equal curves. */
let lastCurves: { points: Run['points']; history: Run['history']; epochs: number; curves: Curves } | null = null;

function curvesOf(run: Run): Curves {
  const { points, history } = run;
  const epochs = run.config.epochs;
  if (lastCurves && lastCurves.points === points && lastCurves.history === history && lastCurves.epochs === epochs) return lastCurves.curves;
  const of = (metric: 'loss' | 'accuracy'): CurvePoint[] => [
    ...points.map((pt) => ({ epoch: pt.x, value: pt[metric], series: 'Training' as const })),
    ...history.map((m) => ({ epoch: m.epoch, value: metric === 'loss' ? m.valLoss : m.valAccuracy, series: 'Validierung' as const })),
  ];
  lastCurves = { points, history, epochs, curves: { loss: of('loss'), accuracy: of('accuracy'), epochs } };
  return lastCurves.curves;
}

/** Everything the island shows for `state`; `band`: the page's PyTorch band (TrainingDemo.astro), if any. */
export function viewOf(state: State, band: DemoBand | null = null): View {
  const { mode, run } = state;
  const busy = mode === 'loading' || mode === 'running' || mode === 'paused';
  const last = run?.history.at(-1);
  return {
    state: mode,
    backend: run?.backend?.name ?? '',
    epoch: String(run?.history.length ?? 0),
    disabled: { start: busy || mode === 'stopping', pause: !busy, stop: !busy, reset: mode === 'idle' },
    pauseLabel: mode === 'paused' ? t.button.resume : t.button.pause,
    settingsDisabled: busy || mode === 'stopping',
    focus: busy ? 'pause' : mode === 'stopping' ? 'status' : 'start',
    askFocus: mode === 'paused' && !!run?.asking,
    status: statusOf(state),
    waiting: waitingOf(state),
    news: run && last ? t.news(last.epoch, run.config.epochs, num(last.valLoss, 3), formatPercent(last.valAccuracy)) : '',
    error: state.configError ? t.error.config(state.configError) : run?.error ? (run.error.kind === 'other' ? t.error.other(engineMessage(run.error.message)) : t.error[run.error.kind]) : '',
    backendNote: run ? backendNoteOf(run) : null,
    dataNote: run ? dataNoteOf(run) : null,
    remembered: state.remembered ? { text: rememberedText(state.remembered), disabled: !canStart(mode) } : null,
    run: run
      ? {
          progress: run.progress ? run.progress.done / run.progress.total : isBusy(mode) ? null : 0,
          progressLine: progressLineOf(run, mode),
          stats: run.progress
            ? t.progress.stats(num(run.progress.msPerBatch), num((run.config.batchSize * 1000) / run.progress.msPerBatch, 1), num(run.progress.tensors), num(run.progress.bytes / 2 ** 20, 1)) +
              (run.backend ? ` · ${t.backend.chosen(backendName(run.backend.name), run.backend.kernels ? t.backend.kernels[run.backend.kernels] : '')}` : '')
            : '',
          rows: run.history.map((e) => [
            String(e.epoch),
            num(e.trainLoss, 3),
            num(e.trainLossLastBatch, 3),
            formatPercent(e.trainAccuracy),
            num(e.valLoss, 3),
            formatPercent(e.valAccuracy),
            num(e.seconds, 1),
            num(e.tensors),
          ]),
          curves: curvesOf(run),
          csv: run.history.length > 0,
          model: mode === 'done' && !!run.evaluation && !run.exporting,
        }
      : null,
    results: run && mode === 'done' ? resultsOf(run) : null,
    band: bandViewOf(run, mode, band),
  };
}

/** The batch a run computes before its first report (activity 'first-batches', running): its key, else null. */
export function waitingOf(state: State): string | null {
  const run = state.run;
  if (!run || (state.mode !== 'loading' && state.mode !== 'running') || run.activity !== 'first-batches') return null;
  return `${run.id}:${run.starting?.batch ?? 1}`;
}

/** The counter beside the status: "seit 12 s" after `ms` milliseconds. */
export const elapsedText = (ms: number): string => t.status.elapsed(num(Math.floor(ms / 1000)));
