/**
 * The transforms playground's reducer and view (no DOM): effects are data — fetch, post to the
 * worker, arm a timeout, terminate — so a hung or crashed worker ends in a German message, never
 * in "Bild wird verarbeitet …" forever; and an own upload shows as the chosen picture.
 */
import { describe, expect, it } from 'vitest';
import type { ImageHeader } from '../../src/lib/transforms/header';
import type { FromPlaygroundWorker, RunView } from '../../src/components/islands/transforms-playground-protocol';
import {
  initialState,
  update,
  WORKER_TIMEOUT_MS,
  type PlaygroundEffect,
  type PlaygroundEvent,
  type PlaygroundState,
} from '../../src/components/islands/transforms-playground-state';
import { viewOf } from '../../src/components/islands/transforms-playground-view';

const flamingo = { file: 'samples/flamingo.jpg', label: 'flamingo (80 × 300)' };
const header: ImageHeader = { type: 'jpeg', width: 300, height: 200, notes: [], truncated: false };
const preview = (name: string) => ({ name, close() {} }) as unknown as ImageBitmap;
const run: RunView = {
  steps: [
    { key: 'rgb', name: 'Lambda(→ RGB)', draw: { kind: 'rgb' }, width: 300, height: 200, pixels: 'unchanged' },
    { key: 'rot', name: 'RandomRotation(10)', draw: { kind: 'rotate', angle: -3.74 }, width: 300, height: 200, pixels: 'unchanged' },
    { key: 'crop', name: 'CenterCrop(224)', draw: null, width: 0, height: 0, pixels: null },
  ],
  before: [1],
  after: [1],
  means: [-0.5, 0.25, 0],
  blackPercent: 1.5,
};

/** Feeds `events` in order; returns the last state and every effect, in order. */
function play(events: PlaygroundEvent[], state = initialState({ recipe: 'train', cropSize: 224, disabled: [], sample: flamingo })) {
  const effects: PlaygroundEffect[] = [];
  for (const event of events) {
    const step = update(state, event);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}
const decoded = (id: number, name = 'x'): PlaygroundEvent => ({
  type: 'worker',
  message: { type: 'decoded', id, width: 300, height: 200, header, hadAlpha: false, orientation: 1, preview: preview(name) },
});
const ran = (id: number, now = 0): PlaygroundEvent => ({ type: 'worker', now, message: { type: 'ran', id, result: run } });
const failed = (id: number, code: Extract<FromPlaygroundWorker, { type: 'failed' }>['code'], h: ImageHeader | null = null): PlaygroundEvent => ({
  type: 'worker',
  message: { type: 'failed', id, code, header: h, message: 'boom' },
});
const blob = new Blob(['x']);
const posts = (effects: PlaygroundEffect[]) => effects.flatMap((e) => (e.type === 'post' ? [e.message.type === 'run' ? `run ${e.message.id} seed ${e.message.request.seed}` : `decode ${e.message.id}`] : []));
/** A playground showing the flamingo after one finished run (request ids 1 and 2 used). */
const shown = () => play([{ type: 'choose-sample', sample: flamingo }, { type: 'sample-loaded', blob, sample: flamingo, keepAlert: false }, decoded(1), ran(2)]).state;

describe('the playground reducer', () => {
  it('fetches the sample, decodes it in the worker and runs the chain, each request with a timeout', () => {
    const { state, effects } = play([
      { type: 'choose-sample', sample: flamingo },
      { type: 'sample-loaded', blob, sample: flamingo, keepAlert: false, now: 100 },
      decoded(1),
      ran(2, 350),
    ]);
    expect(effects.map((e) => e.type)).toEqual(['fetch-sample', 'post', 'arm-timeout', 'post', 'arm-timeout']);
    expect(posts(effects)).toEqual(['decode 1', 'run 2 seed 1']);
    expect(effects.filter((e) => e.type === 'arm-timeout')).toEqual([{ type: 'arm-timeout', id: 1, ms: WORKER_TIMEOUT_MS }, { type: 'arm-timeout', id: 2, ms: WORKER_TIMEOUT_MS }]);
    expect(viewOf(state).status).toBe('Fertig (350 ms).');
    expect(viewOf(state).items.map((i) => i.caption)).toEqual(['300 × 200 · Caltech 101: flamingo (80 × 300)', '300 × 200 · RGB', '300 × 200 · −3,7°', 'ausgeschaltet']);
    expect(viewOf(state).histograms!.caption).toContain('Mittelwerte R, G, B: −0,500 · 0,250 · 0,000');
  });

  it('runs one request at a time: fast re-rolls wait as one, with the latest seed', () => {
    const { state, effects } = play([{ type: 'reroll' }, { type: 'reroll' }, { type: 'set-size', cropSize: 64 }, { type: 'reroll' }], shown());
    expect(posts(effects)).toEqual(['run 3 seed 2']);
    expect(viewOf(state).status).toBe('Die Kette rechnet …');
    const after = play([ran(3)], state);
    expect(posts(after.effects)).toEqual(['run 4 seed 4']);
    expect((after.effects[0] as Extract<PlaygroundEffect, { type: 'post' }>).message).toMatchObject({ request: { cropSize: 64 } });
    expect(play([ran(4)], after.state).effects).toEqual([]);
  });

  it('drops a reply to a request that is no longer in flight', () => {
    const state = shown();
    expect(play([ran(1), ran(2)], state).state).toBe(state);
  });

  it('ends a hung worker after WORKER_TIMEOUT_MS with a German message instead of "processing" forever', () => {
    const hung = play([{ type: 'choose-upload', blob, name: 'riesig.gif' }], shown());
    expect(viewOf(hung.state).status).toBe('Bild wird verarbeitet …');
    expect(hung.effects.at(-1)).toEqual({ type: 'arm-timeout', id: 3, ms: WORKER_TIMEOUT_MS });
    const { state, effects } = play([{ type: 'timeout', id: 3 }], hung.state);
    expect(effects.map((e) => e.type)).toEqual(['terminate', 'close-bitmap']);
    expect(viewOf(state).status).toBe('');
    expect(viewOf(state).alert).toBe(
      'Die Rechnung im Hintergrund hat nach 45 Sekunden nicht geantwortet und wurde abgebrochen. Wähle ein Beispielbild oder ein anderes Foto, dann startet sie neu.',
    );
    // A fresh worker decodes the next choice; a timer of an answered request changes nothing.
    expect(posts(play([{ type: 'choose-sample', sample: flamingo }, { type: 'sample-loaded', blob, sample: flamingo, keepAlert: false }], state).effects)).toEqual(['decode 4']);
    expect(play([{ type: 'timeout', id: 2 }], shown()).effects).toEqual([]);
  });

  it('ends a crashed worker (its error event) with a German message', () => {
    const { state, effects } = play([{ type: 'reroll' }, { type: 'worker-error', message: 'out of memory' }], shown());
    expect(effects.filter((e) => e.type === 'terminate')).toHaveLength(1);
    expect(state.inFlight).toBeNull();
    expect(viewOf(state).alert).toMatch(/^Die Rechnung im Hintergrund ist abgestürzt/);
    expect(viewOf(state).status).toBe('');
  });

  it('shows an own upload as the chosen picture, with its name in the select and the caption', () => {
    const { state } = play([{ type: 'choose-upload', blob, name: 'katze.jpg' }, decoded(3, 'katze'), ran(4)], shown());
    const view = viewOf(state);
    expect(view.ownOption).toBe('Eigenes Bild: katze.jpg');
    expect(view.items[0].caption).toContain('Eigenes Bild „katze.jpg“ (300 × 200 Pixel)');
    expect(viewOf(shown()).ownOption).toBeNull();
  });

  it('keeps the previous picture when an upload is refused, and lets the sample stand in for a refused first upload', () => {
    const big = { ...header, width: 12000, height: 12000 };
    const kept = play([{ type: 'choose-upload', blob, name: 'riesig.png' }, failed(3, 'too-large', big)], shown());
    expect(viewOf(kept.state).alert).toBe('Das Bild ist mit 12.000 × 12.000 Pixeln zu groß (höchstens 40 Megapixel). Verkleinere es bitte vorher.');
    expect(viewOf(kept.state).status).toBe('Das vorige Bild bleibt stehen.');
    expect(viewOf(kept.state).items[0].caption).toContain('flamingo');
    const first = play([{ type: 'choose-upload', blob, name: 'kein-bild.jpg' }, failed(1, 'not-an-image')]);
    expect(first.effects.at(-1)).toEqual({ type: 'fetch-sample', sample: flamingo, keepAlert: true });
    const stand = play([{ type: 'sample-loaded', blob, sample: flamingo, keepAlert: true }, decoded(2), ran(3)], first.state);
    expect(viewOf(stand.state).alert).toMatch(/kein Bild, das hier gelesen werden kann/);
    expect(viewOf(stand.state).items[0].caption).toContain('Caltech 101: flamingo');
  });

  it('switches steps off and on, and words the toggles from the recipe table', () => {
    let state: PlaygroundState = play([{ type: 'toggle-step', key: 'rot', on: false }], shown()).state;
    expect(state.disabled).toEqual(['rot']);
    expect(viewOf(state).toggles.find((t) => t.key === 'rot')).toEqual({ key: 'rot', name: 'RandomRotation(10)', checked: false });
    state = play([{ type: 'toggle-step', key: 'rot', on: true }], state).state;
    expect(state.disabled).toEqual([]);
    expect(viewOf({ ...state, recipe: 'original', cropSize: 64 }).toggles.map((t) => t.key)).toEqual(['resize', 'flip1', 'flip2', 'rot1', 'rot2', 'rot3', 'crop']);
  });
});
