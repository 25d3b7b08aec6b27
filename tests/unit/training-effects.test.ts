/**
 * The training island's effects as data: what `update` asks the glue to do (start, message or end
 * the worker, download, remember the backend), and that messages which do not fit ask for nothing.
 * Also the view's chart memo: the curves object stays the same until its points change.
 */
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../src/lib/train';
import type { DemoConfig, DemoEvaluation, FromWorker } from '../../src/components/islands/training-protocol';
import { initialState, update, type Message, type State } from '../../src/components/islands/training-state';
import { viewOf } from '../../src/components/islands/training-view';

const CONFIG: DemoConfig = { classes: 2, perClass: 4, cropSize: 16, epochs: 2, batchSize: 4, learningRate: 0.001, recipe: 'corrected', seed: 0 };
const start: Message = { type: 'start', chosen: { config: CONFIG, backend: null, kernels: 'fast' }, assetsUrl: 'http://x/assets/' };
const w = (run: number, message: FromWorker): Message => ({ type: 'worker', run, message });
const batch = (run: number, epoch: number, b: number, msPerBatch = 20) =>
  w(run, { type: 'batch', progress: { epoch, batch: b, batches: 2, loss: 0.7, meanLoss: 0.69, accuracy: 0.5, msPerBatch }, tensors: 40, bytes: 1 });
const metrics: EpochMetrics = { epoch: 1, trainLoss: 0.69, trainLossLastBatch: 0.7, trainAccuracy: 0.5, valLoss: 0.68, valLossLastBatch: 0.68, valAccuracy: 0.75, seconds: 1.5, tensors: 40 };
const evaluation: DemoEvaluation = { classes: ['a', 'b'], confusion: [[1, 0], [0, 1]], classAccuracy: [1, 1], examples: [] };
const steps = (s: State, ...messages: Message[]) => messages.reduce((state, m) => update(state, m).state, s);

describe('training island effects', () => {
  it('starts a worker for the new run with the configuration and the remembered backend', () => {
    const remembered = { name: 'webgl' as const, ms: { webgpu: 900, webgl: 90 } };
    const s = steps(initialState, { type: 'recalled', choice: remembered });
    const { state, effects } = update(s, start);
    expect(effects).toEqual([
      { type: 'spawn', run: 1, start: { type: 'start', config: CONFIG, assetsUrl: 'http://x/assets/', backend: null, remembered, kernels: 'fast', simulate: undefined } },
    ]);
    expect(state.mode).toBe('loading');
    expect(update(state, start).effects).toEqual([]); // a second start while one runs does nothing
  });

  it('posts pause, resume and stop only when they change something', () => {
    const loading = steps(initialState, start);
    const paused = update(loading, { type: 'pause' });
    expect(paused.effects).toEqual([{ type: 'post', message: { type: 'pause' } }]);
    expect(update(paused.state, { type: 'pause' }).effects).toEqual([]);
    expect(update(paused.state, { type: 'resume' }).effects).toEqual([{ type: 'post', message: { type: 'resume' } }]);
    const stopping = update(paused.state, { type: 'stop' });
    expect(stopping.effects).toEqual([{ type: 'post', message: { type: 'stop' } }]);
    expect(update(stopping.state, { type: 'stop' }).effects).toEqual([]);
    expect(update(initialState, { type: 'resume' }).effects).toEqual([]);
  });

  it('ends the worker on reset, on leaving the page and on a failure of the run', () => {
    const loading = steps(initialState, start);
    expect(update(loading, { type: 'reset' }).effects).toEqual([{ type: 'terminate' }]);
    expect(update(loading, { type: 'pagehide' }).effects).toEqual([{ type: 'terminate' }]);
    const failed = update(loading, w(1, { type: 'error', kind: 'device-lost', message: 'lost' }));
    expect(failed.effects).toEqual([{ type: 'terminate' }]);
    expect(update(failed.state, w(1, { type: 'error', kind: 'other', message: 'again' })).effects).toEqual([]);
    expect(update(initialState, { type: 'reset' }).effects).toEqual([]);
  });

  it('remembers a measured backend, and forgets it on "Neu messen"', () => {
    const measured = update(steps(initialState, start), w(1, { type: 'backend', name: 'webgl', notes: [{ kind: 'software-adapter', ms: { webgpu: 2880, webgl: 230 } }], kernels: null }));
    const choice = { name: 'webgl', ms: { webgpu: 2880, webgl: 230 } };
    expect(measured.effects).toEqual([{ type: 'remember-backend', choice }]);
    expect(measured.state.remembered).toEqual(choice);
    // A real GPU or a forced backend measured nothing: nothing to remember.
    expect(update(steps(initialState, start), w(1, { type: 'backend', name: 'webgpu', notes: [], kernels: 'fast' })).effects).toEqual([]);
    const running = measured.state;
    expect(viewOf(running).remembered).toEqual({ text: 'Für dieses Gerät und diesen Browser gespeichert: WebGL (gemessen pro Trainingsschritt: WebGPU 2.880 ms, WebGL 230 ms).', disabled: true });
    expect(update(running, { type: 'remeasure' }).effects).toEqual([]); // not while a run is under way
    const done = steps(running, w(1, { type: 'done', stopped: true, evaluation: null }));
    const forgot = update(done, { type: 'remeasure' });
    expect(forgot.effects).toEqual([{ type: 'forget-backend' }]);
    expect(viewOf(forgot.state).remembered).toBeNull();
    expect(update(steps(done, { type: 'reset' }), start).effects[0]).toMatchObject({ start: { remembered: choice } });
  });

  it('explains a remembered choice in the backend note', () => {
    const s = steps(initialState, start, w(1, { type: 'backend', name: 'webgl', notes: [{ kind: 'remembered', ms: { webgpu: 2880, webgl: 230 } }], kernels: null }));
    expect(viewOf(s).backendNote).toBe(
      'Das Training läuft mit WebGL statt mit WebGPU. WebGPU läuft hier ohne Grafikkarte, in Software. Genommen wird WebGL, wie bei einem früheren Start auf diesem Gerät gemessen (pro Trainingsschritt: WebGPU 2.880 ms, WebGL 230 ms); „Neu messen“ misst beim nächsten Start noch einmal.',
    );
  });

  it('downloads the history as CSV only when there is one', () => {
    const trained = steps(initialState, start, batch(1, 1, 1), batch(1, 1, 2), w(1, { type: 'epoch', metrics }));
    const { effects } = update(trained, { type: 'download-csv' });
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ type: 'download', filename: 'training-verlauf.csv', mime: 'text/csv' });
    expect((effects[0] as { text: string }).text.split('\r\n')[1]).toMatch(/^1,0.69,/);
    expect(update(steps(initialState, start), { type: 'download-csv' }).effects).toEqual([]);
  });

  it('asks the worker for a prediction and an inspection only after the run, for this run', () => {
    const done = steps(initialState, start, batch(1, 1, 1), w(1, { type: 'epoch', metrics }), w(1, { type: 'done', stopped: false, evaluation: { ...evaluation, examples: [{ width: 1, height: 1, data: new Uint8ClampedArray(4), label: 0, ranked: [] }] } }));
    const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
    expect(update(done, { type: 'own-image', run: 1, name: 'a.png', image }).effects).toEqual([{ type: 'post', message: { type: 'predict', image } }]);
    expect(update(done, { type: 'own-image', run: 2, name: 'a.png', image }).effects).toEqual([]);
    const asked = update(done, { type: 'inspect', run: 1, source: { kind: 'example', index: 0 } });
    expect(asked.effects).toEqual([{ type: 'post', message: { type: 'inspect', source: { kind: 'example', index: 0 } } }]);
    expect(update(asked.state, { type: 'inspect', run: 1, source: { kind: 'example', index: 0 } }).effects).toEqual([]); // one at a time
    expect(update(steps(initialState, start), { type: 'own-image', run: 1, name: 'a.png', image }).effects).toEqual([]);
  });
});

describe('training island view: charts and pauses', () => {
  it('keeps the same curves object until a point is added, so the charts are not rebuilt', () => {
    const s = steps(initialState, start, batch(1, 1, 1));
    const curves = viewOf(s).run!.curves;
    expect(viewOf(s).run!.curves).toBe(curves);
    const paused = steps(s, { type: 'pause' }, w(1, { type: 'held' }), w(1, { type: 'images', loaded: 3, total: 3 }));
    expect(viewOf(paused).run!.curves).toBe(curves);
    const more = steps(paused, { type: 'resume' }, batch(1, 1, 2));
    expect(viewOf(more).run!.curves).not.toBe(curves);
    expect(viewOf(more).run!.curves.loss).toHaveLength(2);
  });

  it('counts only work in ms per batch, images per second and the rate, not the pause', () => {
    // The worker's batch times leave the pause out (createPauseGate); the rate sums them.
    const s = steps(initialState, start, batch(1, 1, 1, 900), { type: 'pause' }, w(1, { type: 'held' }), { type: 'resume' }, batch(1, 1, 2, 250), batch(1, 2, 1, 250));
    const run = viewOf(s).run!;
    expect(run.stats).toMatch(/^250 ms pro Batch · 16,0 Bilder\/s · /);
    expect(run.progressLine).toMatch(/ · 4,00 Batches\/s · noch 0:00 · /);
  });
});
