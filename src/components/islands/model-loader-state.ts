/**
 * The model loader's state as one pure function `updateLoader(state, event) → { state, effects }`:
 * a file is read with progress (by the glue), checked and loaded by the worker
 * (model-loader-worker.ts → src/lib/model/model-file.ts), then classifies the reader's own image.
 * `viewLoader` turns the state into the German lines the island shows.
 */
import type { ModelFileProblem, ModelMeta } from '../../lib/model/model-file';
import type { Ranked } from '../../lib/train/evaluation';
import type { RGBAImage } from '../../lib/transforms/image';
import { formatNumber, formatPercent } from '../../lib/format';

/** Messages from the loader's worker. */
export type FromLoaderWorker =
  | { type: 'loaded'; meta: ModelMeta; checkLogits: number[] }
  | { type: 'rejected'; problems: ModelFileProblem[] }
  | { type: 'prediction'; ranked: Ranked[] }
  | { type: 'error'; message: string };

/** Messages to the loader's worker. */
export type ToLoaderWorker = { type: 'load'; bytes: Uint8Array } | { type: 'predict'; image: RGBAImage };

/** Where the loader is. `own`: the prediction for the reader's image (null: none asked, 'pending': running). */
export type LoaderState =
  | { phase: 'idle' }
  | { phase: 'reading'; name: string; loaded: number; total: number }
  | { phase: 'checking'; name: string }
  | { phase: 'rejected'; name: string; problems: ModelFileProblem[] }
  | { phase: 'failed'; name: string; message: string }
  | { phase: 'ready'; name: string; meta: ModelMeta; checkLogits: number[]; own: Ranked[] | 'pending' | null };

/** What goes into `updateLoader`: the reader's file and image, the glue's reading progress, the worker's reports. */
export type LoaderEvent =
  | { type: 'file'; name: string; size: number }
  | { type: 'progress'; loaded: number }
  | { type: 'read'; bytes: Uint8Array }
  | { type: 'read-failed'; message: string }
  | { type: 'own-image'; image: RGBAImage }
  | { type: 'worker'; message: FromLoaderWorker };

/** What the glue carries out: read the chosen file, message the worker. */
export type LoaderEffect = { type: 'read-file' } | { type: 'post'; message: ToLoaderWorker; transfer?: ArrayBuffer[] };

/** Before any file is chosen. */
export const initialLoader: LoaderState = { phase: 'idle' };

const busy = (s: LoaderState) => s.phase === 'reading' || s.phase === 'checking' || (s.phase === 'ready' && s.own === 'pending');

/** The next state and its effects; events that do not fit change nothing. */
export function updateLoader(state: LoaderState, event: LoaderEvent): { state: LoaderState; effects: LoaderEffect[] } {
  const none = { state, effects: [] };
  switch (event.type) {
    case 'file':
      if (busy(state)) return none;
      return { state: { phase: 'reading', name: event.name, loaded: 0, total: event.size }, effects: [{ type: 'read-file' }] };
    case 'progress':
      return state.phase === 'reading' ? { state: { ...state, loaded: event.loaded }, effects: [] } : none;
    case 'read':
      if (state.phase !== 'reading') return none;
      return { state: { phase: 'checking', name: state.name }, effects: [{ type: 'post', message: { type: 'load', bytes: event.bytes }, transfer: [event.bytes.buffer as ArrayBuffer] }] };
    case 'read-failed':
      return state.phase === 'reading' ? { state: { phase: 'failed', name: state.name, message: event.message }, effects: [] } : none;
    case 'own-image':
      if (state.phase !== 'ready' || state.own === 'pending') return none;
      return { state: { ...state, own: 'pending' }, effects: [{ type: 'post', message: { type: 'predict', image: event.image } }] };
    case 'worker': {
      const m = event.message;
      if (state.phase === 'checking' && m.type === 'loaded') return { state: { phase: 'ready', name: state.name, meta: m.meta, checkLogits: m.checkLogits, own: null }, effects: [] };
      if (state.phase === 'checking' && m.type === 'rejected') return { state: { phase: 'rejected', name: state.name, problems: m.problems }, effects: [] };
      if (state.phase === 'checking' && m.type === 'error') return { state: { phase: 'failed', name: state.name, message: m.message }, effects: [] };
      if (state.phase === 'ready' && state.own === 'pending' && m.type === 'prediction') return { state: { ...state, own: m.ranked }, effects: [] };
      if (state.phase === 'ready' && state.own === 'pending' && m.type === 'error') return { state: { ...state, own: null }, effects: [] };
      return none;
    }
  }
}

const shape = (s: number[]) => `[${s.map((d) => formatNumber(d)).join(', ')}]`;

/** One German sentence per problem: what does not fit and what was expected. */
export function problemText(p: ModelFileProblem): string {
  switch (p.code) {
    case 'no-meta': return 'Der Datei fehlt der Eintrag _meta (ein JSON-Text mit imageSize und classes); schreibe sie so, wie das Kapitel es zeigt.';
    case 'bad-meta': return `_meta ist unbrauchbar: ${p.detail}. Erwartet: JSON mit imageSize (durch 4 teilbar) und classes (mindestens zwei Namen).`;
    case 'missing': return `${p.name} fehlt (erwartete Form ${shape(p.shape)}).`;
    case 'extra': return `${p.name} gehört nicht zu SimpleCNN.`;
    case 'shape': return `${p.name} hat die Form ${shape(p.shape)}, erwartet ist ${shape(p.expected)} (für die Bildgröße und Klassenzahl in _meta).`;
    case 'not-float': return `${p.name} ist nicht float32.`;
  }
}

/** What the island shows: a status line, the problems, the model's description and its check and own-image lines. */
export function viewLoader(state: LoaderState): { status: string; progress: number | null; problems: string[]; about: string; check: string; own: string; ready: boolean } {
  const blank = { progress: null, problems: [], about: '', check: '', own: '', ready: false };
  switch (state.phase) {
    case 'idle': return { ...blank, status: 'Noch kein Modell geladen.' };
    case 'reading': return { ...blank, status: `Lese ${state.name}: ${formatNumber(state.loaded / 1e6, 1)} von ${formatNumber(state.total / 1e6, 1)} MB`, progress: state.total ? state.loaded / state.total : 0 };
    case 'checking': return { ...blank, status: `Prüfe ${state.name} und lade die Gewichte …` };
    case 'failed': return { ...blank, status: `${state.name} ließ sich nicht lesen: ${state.message}` };
    case 'rejected': return { ...blank, status: `${state.name} passt nicht zu SimpleCNN:`, problems: state.problems.map(problemText) };
    case 'ready': {
      const { meta, checkLogits } = state;
      const acc = typeof meta.valAccuracy === 'number' ? `, Validierungsgenauigkeit laut Datei ${formatPercent(meta.valAccuracy)}` : '';
      const about = `${meta.imageSize} × ${meta.imageSize} Pixel, ${meta.classes.length} Klassen${acc}${meta.tool ? `; geschrieben von ${meta.tool}` : ''}.`;
      const written = meta.check?.logits;
      const diff = written && written.length === checkLogits.length ? Math.max(...written.map((v, i) => Math.abs(v - checkLogits[i]))) : null;
      const agreement = diff === null ? '' : diff < 1e-4 ? ' Sie stimmen mit den Werten in der Datei überein.' : ` Sie weichen um bis zu ${formatNumber(diff, 6)} von den Werten in der Datei ab.`;
      const check = `Logits für die Prüfeingabe (${meta.check?.input ?? 'x[0, c, h, w] = ((131 c + 31 h + 7 w) mod 97) / 48,5 − 1'}): ${checkLogits.map((v) => formatNumber(v, 6)).join('; ')}.${agreement}`;
      const own = state.own === 'pending' ? 'Das Modell rechnet …' : state.own ? `Vorhersage: ${state.own.map((r) => `${meta.classes[r.label]} ${formatPercent(r.p)}`).join(', ')}` : '';
      return { ...blank, status: `${state.name} ist geladen.`, about, check, own, ready: true };
    }
  }
}
