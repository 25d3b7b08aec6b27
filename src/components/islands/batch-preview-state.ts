/**
 * The batch preview's behaviour: `updatePreview(state, event)` → { state, effects } (the one
 * effect: draw a batch with a recipe and a seed) and `viewPreview(state)`, the texts and switches.
 * The seed comes with the event (the glue takes it from the clock), so the reducer stays pure.
 */
import type { ChainName } from '../../lib/transforms';
import type { BatchLink } from '../../lib/demo/link-specs';
import { de } from './de';

/** Images per drawn batch (the chapter's batch size). */
export const BATCH = 64;

/** Loading, then ready with the last drawn batch's recipe and seed. */
export interface PreviewState {
  recipe: ChainName;
  progress: [number, number] | null;
  ready: boolean;
  seed: number;
  /** Batches drawn so far. */
  draws: number;
  error: string | null;
}

/** What the reader or the loader did. */
export type PreviewEvent =
  | { type: 'progress'; done: number; total: number }
  | { type: 'loaded'; seed: number }
  | { type: 'load-failed'; message: string }
  | { type: 'again'; seed: number }
  | { type: 'set-recipe'; recipe: ChainName; seed: number };

/** Data the glue carries out: draw and paint a batch; put recipe and seed of the batch shown into the address. */
export type PreviewEffect = { type: 'draw'; recipe: ChainName; seed: number } | { type: 'write-link'; link: BatchLink };

/** Before the images are loaded. */
export const initialPreview = (recipe: ChainName): PreviewState => ({ recipe, progress: null, ready: false, seed: 0, draws: 0, error: null });

/** The preview's one transition function. */
export function updatePreview(s: PreviewState, e: PreviewEvent): { state: PreviewState; effects: PreviewEffect[] } {
  const draw = (state: PreviewState) => ({
    state: { ...state, draws: state.draws + 1 },
    effects: [
      { type: 'draw' as const, recipe: state.recipe, seed: state.seed },
      { type: 'write-link' as const, link: { recipe: state.recipe, seed: state.seed } },
    ],
  });
  switch (e.type) {
    case 'progress':
      return { state: { ...s, progress: [e.done, e.total] }, effects: [] };
    case 'load-failed':
      return { state: { ...s, error: e.message }, effects: [] };
    case 'loaded':
      return draw({ ...s, ready: true, seed: e.seed });
    case 'again':
      return s.ready ? draw({ ...s, seed: e.seed }) : { state: s, effects: [] };
    case 'set-recipe':
      return s.ready ? draw({ ...s, recipe: e.recipe, seed: e.seed }) : { state: { ...s, recipe: e.recipe }, effects: [] };
  }
}

/** Status line, alert and which controls show. */
export function viewPreview(s: PreviewState): { status: string; alert: string; gridHidden: boolean; againEnabled: boolean } {
  const status = s.ready ? de.preview.ready(BATCH) : s.progress ? de.preview.loading(...s.progress) : de.loading;
  return { status: s.error ? '' : status, alert: s.error ? de.failed(s.error) : '', gridHidden: !s.ready, againEnabled: s.ready };
}
