/**
 * The training demo beside the PyTorch band of the small configuration (issue 31): the band behind
 * the live accuracy curve only at the band's configuration, and after the run one sentence whether
 * the final validation accuracy lies in [min − w, max + w] — or why there is no comparison. The band
 * is built from the committed records as TrainingDemo.astro builds it.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import s0 from '../../src/data/reference/small-pytorch-cpu-s0.json';
import s1 from '../../src/data/reference/small-pytorch-cpu-s1.json';
import s2 from '../../src/data/reference/small-pytorch-cpu-s2.json';
import type { EpochMetrics } from '../../src/lib/train';
import { formatPercent } from '../../src/lib/format';
import { renderCurves } from '../../src/lib/plot/curves';
import { demoBandOf } from '../../src/lib/runs/band-compare';
import { buildBands, runFromRecord, SMALL_BAND_KEY } from '../../src/lib/runs/bands';
import { validateRecord, type RunRecord } from '../../src/lib/runs/record';
import type { DemoConfig, FromWorker } from '../../src/components/islands/training-protocol';
import { initialState, update, type Message, type State } from '../../src/components/islands/training-state';
import { viewOf } from '../../src/components/islands/training-view';
import { bandViewOf, demoBandConfig } from '../../src/components/islands/training-view-band';
import { readDemoBand, renderBand } from '../../src/components/islands/training-results-render';

const records = new Map<string, RunRecord>([s0, s1, s2].map((r, i) => [`s${i}`, validateRecord(r, `s${i}`)]));
const band = demoBandOf(buildBands([...records].map(([source, r]) => runFromRecord(r, source))).find((b) => b.key === SMALL_BAND_KEY)!, records);
const finals = [s0, s1, s2].map((r) => r.epochs.at(-1)!.valAccuracy);
const [min, max] = [Math.min(...finals), Math.max(...finals)];
const w = max - min;

/** The small configuration as the demo runs it: 101 classes, every training image ('all'; a number type until the 101-class data is merged). */
const SMALL: DemoConfig = { classes: 101, perClass: 'all' as unknown as DemoConfig['perClass'], cropSize: 64, epochs: 10, batchSize: 64, learningRate: 0.001, recipe: 'corrected', seed: 7 };
const worker = (message: FromWorker): Message => ({ type: 'worker', run: 1, message });
const metrics = (epoch: number, valAccuracy: number): EpochMetrics => ({ epoch, trainLoss: 1, trainLossLastBatch: 1, trainAccuracy: 0.5, valLoss: 1, valLossLastBatch: 1, valAccuracy, seconds: 1, tensors: 1 });

/** A run with `config` through `epochs` epochs, the last with validation accuracy `final`; done unless `running`. */
function runOf(config: DemoConfig, epochs: number, final: number, end: 'done' | 'stopped' | 'running' = 'done'): State {
  let s = update(initialState, { type: 'start', chosen: { config, backend: null, kernels: 'fast' }, assetsUrl: 'http://x/' }).state;
  const messages: Message[] = [worker({ type: 'batch', progress: { epoch: 1, batch: 1, batches: 1, loss: 1, meanLoss: 1, accuracy: 0.5, msPerBatch: 10 }, tensors: 1, bytes: 1 })];
  for (let e = 1; e <= epochs; e++) messages.push(worker({ type: 'epoch', metrics: metrics(e, e === epochs ? final : 0.3) }));
  if (end !== 'running') messages.push(worker({ type: 'done', stopped: end === 'stopped', evaluation: null }));
  for (const m of messages) s = update(s, m).state;
  return s;
}

describe('the band behind the live curves', () => {
  it('is the committed runs’ min … max per epoch, drawn while the run trains at the band’s configuration (any seed)', () => {
    const view = viewOf(runOf(SMALL, 3, 0.5, 'running'), band).band!;
    expect(view.points).toHaveLength(10);
    expect(view.points![0]).toEqual({ epoch: 1, min: Math.min(...[s0, s1, s2].map((r) => r.epochs[0].valAccuracy)), max: Math.max(...[s0, s1, s2].map((r) => r.epochs[0].valAccuracy)) });
    expect(view.legend).toBe('Grau hinterlegt: die 3 PyTorch-Läufe des Programms aus den Kapiteln mit genau dieser Einstellung (Seeds 0, 1, 2), von der niedrigsten bis zur höchsten Validierungsgenauigkeit nach jeder Epoche.');
    expect(view.verdict).toBeNull();
  });

  it('is not drawn and nothing is said at today’s few classes', () => {
    const view = viewOf(runOf({ ...SMALL, classes: 5, perClass: 40 }, 10, 0.6), band).band!;
    expect(view).toEqual({ points: null, legend: null, verdict: null });
    expect(demoBandConfig({ ...SMALL, classes: 5, perClass: 40 })).toMatchObject({ perClass: 40, split: 'demo' });
    expect(demoBandConfig(SMALL)).toEqual(band.config);
  });

  it('is absent without a band on the page', () => {
    expect(viewOf(runOf(SMALL, 10, 0.6), null).band).toBeNull();
    expect(bandViewOf(null, 'idle', band)).toBeNull();
  });

  it('is a grey area in the accuracy chart', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const opts = { document: document as unknown as Document, points: [{ epoch: 1, value: 0.4, series: 'Validierung' as const }], metric: 'accuracy' as const, epochs: 10, labels: { x: 'Epoche', y: 'Genauigkeit' } };
    const withBand = renderCurves({ ...opts, band: band.epochs }) as Element;
    expect(withBand.querySelectorAll('.reference-band path')).toHaveLength(1);
    expect((renderCurves(opts) as Element).querySelectorAll('.reference-band')).toHaveLength(0);
  });
});

describe('the sentence after the run', () => {
  const interval = `von ${formatPercent(min - w)} bis ${formatPercent(max + w)} (deren Endwerte reichen von ${formatPercent(min)} bis ${formatPercent(max)}`;

  it('says inside, with the interval, when the final accuracy lies in [min − w, max + w]', () => {
    const verdict = viewOf(runOf(SMALL, 10, min - w / 2), band).band!.verdict!;
    expect(verdict).toBe(
      `Deine Validierungsgenauigkeit nach 10 Epochen, ${formatPercent(min - w / 2)}, liegt im erwarteten Bereich der PyTorch-Läufe ${interval}; der Bereich ist um diese Spanne nach beiden Seiten erweitert).`,
    );
  });

  it('says below or above when it lies outside', () => {
    expect(viewOf(runOf(SMALL, 10, min - 2 * w), band).band!.verdict).toMatch(new RegExp(`liegt unter dem erwarteten Bereich der PyTorch-Läufe ${interval.replace(/[()]/g, '\\$&')}`));
    expect(viewOf(runOf(SMALL, 10, max + 2 * w), band).band!.verdict).toMatch(/liegt über dem erwarteten Bereich/);
  });

  it('compares nothing after a stopped run, and names what differs at 101 classes', () => {
    expect(viewOf(runOf(SMALL, 4, 0.6, 'stopped'), band).band!.verdict).toBe('Kein Vergleich mit den PyTorch-Läufen: Dein Lauf wurde vor dem Ende der 10 Epochen gestoppt.');
    expect(viewOf(runOf({ ...SMALL, batchSize: 32, epochs: 5, learningRate: 0.003 }, 5, 0.6), band).band!.verdict).toBe(
      'Kein Vergleich mit den PyTorch-Läufen der kleinen Konfiguration: Deine Einstellung weicht ab bei Epochen (dort 10), Batchgröße (dort 64), Lernrate (dort 0,001).',
    );
    // demo-per-class caps the 101-class run: not the band's images
    expect(viewOf(runOf({ ...SMALL, perClass: 40 }, 10, 0.6), band).band).toEqual({
      points: null,
      legend: null,
      verdict: 'Kein Vergleich mit den PyTorch-Läufen der kleinen Konfiguration: Deine Einstellung weicht ab bei Trainingsbilder pro Klasse (dort alle).',
    });
  });

  it('is written after the charts and hidden again on reset', () => {
    const { document } = parseHTML('<!doctype html><html><body><div class="run"><div class="charts"></div><button>csv</button></div></body></html>');
    const charts = document.querySelector('.charts') as unknown as HTMLElement;
    renderBand(charts, { points: null, legend: null, verdict: null });
    expect(document.querySelector('.band-verdict')).toBeNull();
    renderBand(charts, viewOf(runOf(SMALL, 10, min), band).band);
    const note = charts.nextElementSibling as HTMLElement;
    expect(note.className).toBe('band-verdict');
    expect(note.textContent).toMatch(/^Deine Validierungsgenauigkeit nach 10 Epochen/);
    renderBand(charts, null);
    expect(note.hidden).toBe(true);
    expect(document.querySelectorAll('.band-verdict')).toHaveLength(1);
  });

  it('reads the band the page carries, as the build serialized it, and draws none from broken data', () => {
    const { document } = parseHTML('<!doctype html><html><body><training-demo></training-demo></body></html>');
    const root = document.querySelector('training-demo') as unknown as HTMLElement;
    expect(readDemoBand(root)).toBeNull();
    root.dataset.band = JSON.stringify(band);
    expect(readDemoBand(root)).toEqual(band);
    root.dataset.band = JSON.stringify({ ...band, finals: [] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readDemoBand(root)).toBeNull();
    expect(warn).toHaveBeenCalledWith('training demo: demo band: seeds and final accuracies do not fit; no band is drawn');
    warn.mockRestore();
  });
});
