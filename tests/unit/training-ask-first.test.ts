/**
 * The training island's ask-first pause (issue 31): on WebGL or CPU a long run pauses itself after
 * the measured batch, says how long the whole run would take, and goes on or stops as a normal pause.
 */
import { describe, expect, it } from 'vitest';
import type { DemoConfig, FromWorker } from '../../src/components/islands/training-protocol';
import { initialState, update, type Message, type State } from '../../src/components/islands/training-state';
import { viewOf } from '../../src/components/islands/training-view';
import type { BackendName, BackendNote } from '../../src/lib/webgpu/backend';

/** 101 classes at 32 px, 10 epochs: 217 batches per epoch. */
const CONFIG: DemoConfig = { classes: 101, perClass: 'all', cropSize: 32, epochs: 10, batchSize: 32, learningRate: 0.001, recipe: 'corrected', seed: 0 };
const BATCHES = 217;
const start = (config: DemoConfig): Message => ({ type: 'start', chosen: { config, backend: 'cpu', kernels: 'fast' }, assetsUrl: 'http://x/assets/' });
const w = (id: number, message: FromWorker): Message => ({ type: 'worker', run: id, message });
const batch = (id: number, b: number, msPerBatch: number, batches = BATCHES) =>
  w(id, { type: 'batch', progress: { epoch: 1, batch: b, batches, loss: 4.6, meanLoss: 4.6, accuracy: 0.01, msPerBatch }, tensors: 40, bytes: 2 ** 20 });

/** A started run on `backend`; returns the state and the run's id. */
function started(backend: BackendName, config: DemoConfig = CONFIG, notes: BackendNote[] = []): { s: State; id: number } {
  const s0 = update(initialState, start(config)).state;
  const id = s0.run!.id;
  return { s: update(s0, w(id, { type: 'backend', name: backend, notes, kernels: null })).state, id };
}

describe('ask before a long WebGL or CPU run', () => {
  it('pauses after batch 2 with the projection from batch 2 (not the compiling batch 1) and sends the pause', () => {
    let { s, id } = started('cpu');
    s = update(s, batch(id, 1, 30_000)).state; // the first batch warms up: never projected
    expect(s.mode).toBe('running');
    const asked = update(s, batch(id, 2, 900));
    expect(asked.effects).toEqual([{ type: 'post', message: { type: 'pause' } }]);
    s = asked.state;
    expect(s.run!.estimate).toEqual({ backend: 'cpu', ms: 900 * BATCHES * 10, batch: 2 });
    const v = viewOf(s);
    expect(v).toMatchObject({ state: 'paused', pauseLabel: 'Fortsetzen', askFocus: true, disabled: { pause: false, stop: false } });
    expect(v.status).toBe(
      'Auf diesem Backend (CPU (JavaScript)) dauert der ganze Lauf etwa 33 Minuten (gemessen an Batch 2, denn Batch 1 richtet das Backend erst ein; ohne die Validierung). Fortsetzen oder Stoppen?',
    );
    // The loop reaching its gate keeps the question on screen.
    expect(viewOf(update(s, w(id, { type: 'held' })).state).status).toMatch(/^Auf diesem Backend \(CPU/);
  });

  it('goes on after Fortsetzen and never asks again in that run', () => {
    let { s, id } = started('webgl');
    s = update(update(s, batch(id, 1, 5000)).state, batch(id, 2, 900)).state;
    expect(viewOf(s).status).toMatch(/^Auf diesem Backend \(WebGL\) dauert der ganze Lauf etwa 33 Minuten/);
    const resumed = update(s, { type: 'resume' });
    expect(resumed.effects).toEqual([{ type: 'post', message: { type: 'resume' } }]);
    s = resumed.state;
    expect(viewOf(s)).toMatchObject({ state: 'running', askFocus: false, status: 'Training läuft: Epoche 1 von 10.' });
    s = update(s, batch(id, 3, 900)).state;
    expect(s.mode).toBe('running');
    // A later pause by the reader is an ordinary pause.
    s = update(update(s, { type: 'pause' }).state, w(id, { type: 'held' })).state;
    expect(viewOf(s).status).toBe('Pausiert nach Batch 3 von 217 in Epoche 1. Mit „Fortsetzen“ geht es weiter.');
  });

  it('asks on WebGPU too when the adapter is a software one (measured now or remembered), never on a real GPU', () => {
    for (const note of [{ kind: 'software-adapter', ms: { webgpu: 900, webgl: 1200 } }, { kind: 'remembered', ms: { webgpu: 900 } }] as BackendNote[]) {
      let { s, id } = started('webgpu', CONFIG, [note]);
      const asked = update(update(s, batch(id, 1, 5000)).state, batch(id, 2, 900));
      expect(asked.effects).toEqual([{ type: 'post', message: { type: 'pause' } }]);
      s = asked.state;
      expect(s.run!.estimate).toEqual({ backend: 'webgpu', ms: 900 * BATCHES * 10, batch: 2 });
      expect(viewOf(s).status).toMatch(/^Auf diesem Backend \(WebGPU\) dauert der ganze Lauf etwa 33 Minuten/);
    }
    const forced = started('webgpu', CONFIG, [{ kind: 'forced', backend: 'webgpu' }]);
    expect(update(update(forced.s, batch(forced.id, 1, 5000)).state, batch(forced.id, 2, 900)).state.mode).toBe('running');
  });

  it('stops on Stopp as a normal pause does', () => {
    let { s, id } = started('cpu');
    s = update(update(s, batch(id, 1, 5000)).state, batch(id, 2, 900)).state;
    const stopped = update(s, { type: 'stop' });
    expect(stopped.effects).toEqual([{ type: 'post', message: { type: 'stop' } }]);
    expect(viewOf(stopped.state)).toMatchObject({ state: 'stopping', askFocus: false });
  });

  it('does not ask on WebGPU, below three minutes, or for a run with nothing left', () => {
    const quick = started('cpu');
    const q = update(update(quick.s, batch(quick.id, 1, 5000)).state, batch(quick.id, 2, 80)); // 80 ms × 2170 = 2.9 min
    expect(q.state.mode).toBe('running');
    expect(q.effects).toEqual([]);
    expect(q.state.run!.estimate).toEqual({ backend: 'cpu', ms: 80 * BATCHES * 10, batch: 2 });
    const gpu = started('webgpu');
    const g = update(update(gpu.s, batch(gpu.id, 1, 5000)).state, batch(gpu.id, 2, 900));
    expect(g.state.mode).toBe('running');
    expect(g.state.run!.estimate).toBeNull();
    const one = started('cpu', { ...CONFIG, epochs: 1 });
    const o = update(one.s, batch(one.id, 1, 10 * 60_000, 1)); // a one-batch run: measured, but nothing left to ask about
    expect(o.state.run!.estimate).toEqual({ backend: 'cpu', ms: 10 * 60_000, batch: 1 });
    expect(o.state.mode).toBe('running');
  });

  it('leaves a pause the reader already asked for as it is', () => {
    let { s, id } = started('cpu');
    s = update(update(s, batch(id, 1, 5000)).state, { type: 'pause' }).state;
    const r = update(s, batch(id, 2, 900)); // the batch in flight lands during the reader's pause
    expect(r.effects).toEqual([]);
    expect(r.state.run!.asking).toBe(false);
    expect(viewOf(r.state).status).toBe('Pausiere nach dem laufenden Batch …');
  });
});
