/**
 * "Modell herunterladen" as data: after a finished run the reducer asks the worker for the model
 * file with `_meta` (size, classes in order, recipe, seed, epochs, the validation accuracy shown,
 * the tool), and turns the worker's bytes into one download; before the run is done, nothing.
 */
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../src/lib/train';
import type { DemoConfig, DemoEvaluation, FromWorker } from '../../src/components/islands/training-protocol';
import { initialState, update, type Message, type State } from '../../src/components/islands/training-state';
import { viewOf } from '../../src/components/islands/training-view';

const CONFIG: DemoConfig = { classes: 2, perClass: 4, cropSize: 16, epochs: 2, batchSize: 4, learningRate: 0.001, recipe: 'corrected', seed: 3 };
const start: Message = { type: 'start', chosen: { config: CONFIG, backend: null, kernels: 'fast' }, assetsUrl: 'http://x/assets/' };
const w = (run: number, message: FromWorker): Message => ({ type: 'worker', run, message });
const metrics = (epoch: number, valAccuracy: number): EpochMetrics => ({ epoch, trainLoss: 0.69, trainLossLastBatch: 0.7, trainAccuracy: 0.5, valLoss: 0.68, valLossLastBatch: 0.68, valAccuracy, seconds: 1.5, tensors: 40 });
const evaluation: DemoEvaluation = { classes: ['Motorbikes', 'Faces_easy'], confusion: [[1, 0], [0, 1]], classAccuracy: [1, 1], examples: [] };
const steps = (s: State, ...messages: Message[]) => messages.reduce((state, m) => update(state, m).state, s);
const done = steps(initialState, start, w(1, { type: 'epoch', metrics: metrics(1, 0.5) }), w(1, { type: 'epoch', metrics: metrics(2, 0.75) }), w(1, { type: 'done', stopped: false, evaluation }));

describe('download the trained model', () => {
  it('asks the worker for the file with _meta from what the page set and showed', () => {
    const { state, effects } = update(done, { type: 'download-model' });
    expect(effects).toEqual([{
      type: 'post',
      message: { type: 'export', meta: { imageSize: 16, classes: ['Motorbikes', 'Faces_easy'], recipe: 'corrected', seed: 3, epochs: 2, valAccuracy: 0.75, tool: 'Caltech-101-Tutorial: Trainings-Demo im Browser (TensorFlow.js)' } },
    }]);
    expect(viewOf(state).run?.model).toBe(false); // one file at a time
    expect(update(state, { type: 'download-model' }).effects).toEqual([]);
  });

  it('downloads the bytes the worker wrote, once, and enables the button again', () => {
    const asked = update(done, { type: 'download-model' }).state;
    const bytes = new Uint8Array([1, 2, 3]);
    const { state, effects } = update(asked, w(1, { type: 'model-file', bytes }));
    expect(effects).toEqual([{ type: 'download', filename: 'simplecnn-seite-16px.npz', mime: 'application/octet-stream', bytes }]);
    expect(viewOf(state).run?.model).toBe(true);
    expect(update(state, w(1, { type: 'model-file', bytes })).effects).toEqual([]); // not asked: no second download
  });

  it('keeps the results when writing the file fails', () => {
    const asked = update(done, { type: 'download-model' }).state;
    const { state, effects } = update(asked, w(1, { type: 'error', kind: 'other', message: 'boom' }));
    expect(effects).toEqual([]);
    expect(state.mode).toBe('done');
    expect(viewOf(state).run?.model).toBe(true);
  });

  it('offers nothing before the run is done', () => {
    const running = steps(initialState, start, w(1, { type: 'epoch', metrics: metrics(1, 0.5) }));
    expect(update(running, { type: 'download-model' }).effects).toEqual([]);
    expect(viewOf(running).run?.model).toBe(false);
  });
});
