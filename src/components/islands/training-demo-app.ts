/**
 * The training island's behaviour (loaded on "Training starten"): turns DOM events into messages
 * for `update` (training-state.ts), draws `viewOf(state)` (training-view.ts, training-render.ts)
 * and hands the effects `update` returns to training-effects.ts. The configuration comes from
 * training-config.ts.
 */
import { ImageInputError, decodeImageBlob } from '../../lib/transforms/decode-browser';
import { parseRememberedChoice } from '../../lib/webgpu/backend';
import { readConfig } from './training-config';
import { effectRunner, type BackendStore } from './training-effects';
import { findElements } from './training-elements';
import { NOTHING_DRAWN, renderView } from './training-render';
import { readDemoBand } from './training-results-render';
import { initialState, isBusy, update, type Message } from './training-state';
import { elapsedText, parseSourceValue, viewOf } from './training-view';
import { memoryRefusal } from './training-memory';
import { watchScrollers } from './scroll-watch';
import type { BufferLimits } from '../../lib/webgpu/memory-check';
import type { PanelSet } from './data-panel-view';

/** Takes over a server-rendered <training-demo> and starts the first run; `limits` gives the WebGPU adapter's buffer limits once known (null: none, or not yet). */
export function startTrainingDemo(root: HTMLElement, store: BackendStore, limits: () => BufferLimits | null = () => null): void {
  const el = findElements(root);
  let state = initialState;
  let drawn = NOTHING_DRAWN;
  let chartTimer = 0;
  const band = readDemoBand(root);
  const clock = elapsedClock(el.elapsed);
  let round = 0;
  /** Renders the state; `redraw`: a chart may be redrawn now (`sameRound`: the rest of the last round). */
  const render = (redraw: boolean, sameRound = false) => {
    if (redraw && !sameRound) round++;
    const view = viewOf(state, band);
    drawn = renderView({ el, view, drawn, evaluation: state.run?.evaluation ?? null, inspection: state.run?.inspection ?? null, chartRound: redraw ? round : null });
    clock(view.waiting);
    // One chart per task (training-render.ts): the rest of a round right after (ahead of a waiting timer), newer points at most every 250 ms.
    if (drawn.chartsDue === 'none') return;
    const now = drawn.chartsDue === 'round';
    if (chartTimer && !now) return;
    window.clearTimeout(chartTimer);
    chartTimer = window.setTimeout(() => ((chartTimer = 0), render(true, now)), now ? 0 : 250);
  };
  const run = effectRunner((message) => dispatch(message), store);
  watchScrollers(el.scrollers);
  /** Charts wait for their timer after a batch (per-batch points can come fast); everything else is drawn at once. */
  const dispatch = (message: Message) => {
    const result = update(state, message);
    const changed = result.state !== state;
    state = result.state;
    result.effects.forEach(run);
    if (!changed) return;
    render(!(message.type === 'worker' && message.message.type === 'batch'));
  };

  const form = (name: string) => root.querySelector<HTMLInputElement>(`[name="${name}"]:is(select, :checked)`)?.value ?? '';
  const start = () => {
    try {
      const chosen = readConfig(form, location.search);
      // A WebGPU run whose buffers do not fit the adapter does not start (lib/webgpu/memory-check.ts).
      const sets = JSON.parse(root.querySelector<HTMLElement>('training-data-panel')?.dataset.sets ?? '[]') as PanelSet[];
      const refused = memoryRefusal(chosen, sets, limits());
      if (refused) return dispatch({ type: 'config-invalid', message: refused });
      dispatch({ type: 'start', chosen, assetsUrl: new URL(root.dataset.assets!, location.href).href });
    } catch (error) {
      dispatch({ type: 'config-invalid', message: (error as Error).message });
    }
  };
  const on = (target: EventTarget, type: string, listener: (e: Event) => void) => target.addEventListener(type, listener);
  on(el.buttons.start, 'click', start);
  on(el.buttons.pause, 'click', () => dispatch({ type: state.mode === 'paused' ? 'resume' : 'pause' }));
  on(el.buttons.stop, 'click', () => dispatch({ type: 'stop' }));
  on(el.buttons.reset, 'click', () => dispatch({ type: 'reset' }));
  on(el.remeasure, 'click', () => dispatch({ type: 'remeasure' }));
  on(el.csv, 'click', () => dispatch({ type: 'download-csv' }));
  on(el.model, 'click', () => dispatch({ type: 'download-model' }));
  on(el.ownInput, 'change', async () => {
    const file = el.ownInput.files?.[0];
    el.ownInput.value = ''; // the same file can be chosen again
    const id = state.run?.id;
    if (!file || id === undefined) return;
    try {
      dispatch({ type: 'own-image', run: id, name: file.name, image: (await decodeImageBlob(file)).image });
    } catch (error) {
      const known = error instanceof ImageInputError ? error : null;
      dispatch({ type: 'own-image-rejected', run: id, name: file.name, code: known?.code ?? 'decode-failed', width: known?.header?.width, height: known?.header?.height });
    }
  });
  on(el.inspect.button, 'click', () => {
    const source = parseSourceValue(el.inspect.select.value);
    if (source && state.run) dispatch({ type: 'inspect', run: state.run.id, source });
  });
  // Leaving the page while training asks first; a page that goes away ends its worker.
  on(window, 'beforeunload', (event) => isBusy(state.mode) && event.preventDefault());
  on(window, 'pagehide', () => dispatch({ type: 'pagehide' }));
  on(window, 'resize', () => render(false));
  const recalled = store && parseRememberedChoice(store.storage.getItem(store.key));
  if (recalled) dispatch({ type: 'recalled', choice: recalled });
  start();
}

/** The "seit … s" counter in `node`: restarts when `waiting` changes, ticks once a second, hides on null. */
function elapsedClock(node: HTMLElement): (waiting: string | null) => void {
  let key: string | null = null;
  let since = 0;
  let timer = 0;
  const tick = () => (node.textContent = elapsedText(performance.now() - since));
  return (waiting) => {
    if (waiting === key) return;
    key = waiting;
    window.clearInterval(timer);
    node.hidden = waiting === null;
    if (waiting === null) return;
    since = performance.now();
    tick();
    timer = window.setInterval(tick, 1000);
  };
}
