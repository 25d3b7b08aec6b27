/**
 * The training island's behaviour (loaded on "Training starten"): glue between the page, the
 * state function (training-state.ts), the view (training-view.ts, training-render.ts) and the
 * worker. The configuration comes from the form or from the URL parameters demo-classes,
 * demo-per-class, demo-size, demo-epochs, demo-batch, demo-backend=webgpu|webgl|cpu (forces
 * one) and demo-kernels=stock (TensorFlow.js's own WebGPU kernels).
 */
import { historyCsv } from '../../lib/train/history-csv';
import { ImageInputError, decodeImageBlob } from '../../lib/transforms/decode-browser';
import { readConfig, type ChosenRun } from './training-config';
import { de } from './de';
import type { FromWorker, ToWorker } from './training-protocol';
import { NOTHING_DRAWN, findElements, renderView, type Drawn } from './training-render';
import { initialState, isBusy, update, type Message, type State } from './training-state';
import { parseSourceValue, viewOf } from './training-view';

const t = de.training;

/** Takes over a server-rendered <training-demo> and starts the first run. */
export function startTrainingDemo(root: HTMLElement): void {
  const el = findElements(root);
  let state: State = initialState;
  let drawn: Drawn = NOTHING_DRAWN;
  let worker: Worker | null = null;
  let chartsDue = 0;

  const render = (redrawCharts: boolean) => {
    drawn = renderView(el, viewOf(state), drawn, state.run?.evaluation ?? null, redrawCharts, state.run?.inspection ?? null);
  };
  /** Charts are redrawn at most every 250 ms (per-batch points can come fast); everything else at once. */
  const scheduleCharts = () => {
    if (chartsDue) return;
    chartsDue = window.setTimeout(() => {
      chartsDue = 0;
      render(true);
    }, 250);
  };
  const dispatch = (message: Message): boolean => {
    const next = update(state, message);
    if (next === state) return false;
    state = next;
    render(message.type !== 'worker' || message.message.type !== 'batch');
    if (message.type === 'worker' && message.message.type === 'batch') scheduleCharts();
    return true;
  };
  const post = (message: ToWorker) => worker?.postMessage(message);
  const endWorker = () => {
    worker?.terminate();
    worker = null;
  };

  const form = (name: string) => (name === 'recipe' ? (root.querySelector<HTMLInputElement>('input[name="recipe"]:checked')?.value ?? '') : root.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!.value);
  const start = () => {
    let chosen: ChosenRun;
    try {
      chosen = readConfig(form, location.search);
    } catch (error) {
      dispatch({ type: 'config-invalid', message: (error as Error).message });
      return;
    }
    endWorker();
    if (!dispatch({ type: 'start', config: chosen.config })) return;
    const run = state.run!.id;
    worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      if (e.data.type === 'log') console.warn(`[Training-Worker] ${e.data.message}`);
      dispatch({ type: 'worker', run, at: performance.now(), message: e.data });
      if (e.data.type === 'error' && state.mode === 'error') endWorker();
    };
    worker.onerror = (e) => {
      dispatch({ type: 'worker', run, at: performance.now(), message: { type: 'error', kind: 'other', message: e.message || t.error.worker } });
      endWorker();
    };
    post({ type: 'start', config: chosen.config, assetsUrl: new URL(root.dataset.assets!, location.href).href, backend: chosen.backend, simulate: chosen.simulate, kernels: chosen.kernels });
  };

  el.buttons.start.addEventListener('click', start);
  el.buttons.pause.addEventListener('click', () => {
    if (state.mode === 'paused') dispatch({ type: 'resume' }) && post({ type: 'resume' });
    else dispatch({ type: 'pause' }) && post({ type: 'pause' });
  });
  el.buttons.stop.addEventListener('click', () => dispatch({ type: 'stop' }) && post({ type: 'stop' }));
  el.buttons.reset.addEventListener('click', () => {
    if (dispatch({ type: 'reset' })) endWorker();
  });
  el.csv.addEventListener('click', () => {
    if (!state.run?.history.length) return;
    const url = URL.createObjectURL(new Blob([historyCsv(state.run.history)], { type: 'text/csv' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: 'training-verlauf.csv' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  const own = root.querySelector<HTMLInputElement>('input[name="own"]')!;
  own.addEventListener('change', async () => {
    const file = own.files?.[0];
    own.value = ''; // the same file can be chosen again
    const run = state.run?.id;
    if (!file || run === undefined || !worker) return;
    try {
      const { image } = await decodeImageBlob(file);
      if (dispatch({ type: 'own-image', run })) post({ type: 'predict', image });
    } catch (error) {
      const code = error instanceof ImageInputError ? error.code : 'decode-failed';
      const header = error instanceof ImageInputError ? error.header : null;
      dispatch({ type: 'own-image-rejected', run, code, width: header?.width, height: header?.height });
    }
  });
  el.inspect.button.addEventListener('click', () => {
    const source = parseSourceValue(el.inspect.select.value);
    const run = state.run?.id;
    if (source && run !== undefined && worker && dispatch({ type: 'inspect', run, source })) post({ type: 'inspect', source });
  });
  // Leaving the page while training asks first; a page that goes away ends its worker.
  window.addEventListener('beforeunload', (event) => {
    if (!isBusy(state.mode)) return;
    event.preventDefault();
    event.returnValue = '';
  });
  window.addEventListener('pagehide', () => {
    endWorker();
    dispatch({ type: 'reset' });
  });
  start();
}
