/**
 * Loss and accuracy per epoch for training and validation, drawn with Observable Plot — the one
 * plotting module for the live training demo (renderCurves) and the build-time curves of the
 * full run with the PyTorch reference band (renderRunChart). Renderers take their `document`:
 * the page's in the island, linkedom's at build time and in tests.
 */
import * as Plot from '@observablehq/plot';

/** One point of a curve. */
export interface CurvePoint {
  epoch: number;
  value: number;
  series: 'Training' | 'Validierung';
}

export interface CurvesOptions {
  document: Document;
  points: CurvePoint[];
  metric: 'loss' | 'accuracy';
  epochs: number;
  /** Where the epoch axis begins: 1, or 0 when points lie inside the first epoch (per-batch points). */
  start?: 0 | 1;
  width?: number;
  height?: number;
}

/** Whole-number epoch ticks, at most about ten. */
const epochTicks = (epochs: number, start = 1) => {
  const step = Math.ceil(epochs / 10);
  return Array.from({ length: Math.max(2, epochs) - start + 1 }, (_, i) => i + start).filter((e) => (e - start) % step === 0);
};

const LABELS = { loss: 'Loss (Mittel über die Epoche)', accuracy: 'Accuracy' } as const;

/** What both charts share: transparent background, the epoch axis, and the metric's y axis. */
function epochAxes(metric: 'loss' | 'accuracy', epochs: number, fontSize: string, start: 0 | 1 = 1) {
  return {
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize },
    x: { label: 'Epoche', domain: [start, Math.max(2, epochs)], ticks: epochTicks(epochs, start), tickFormat: 'd' },
    y: { label: LABELS[metric], grid: true, ...(metric === 'accuracy' ? { domain: [0, 1], tickFormat: '.0%' } : { zero: true }) },
  };
}

/** A line chart: one line per series, dots at whole epochs; accuracy on 0 … 1. */
export function renderCurves({ document, points, metric, epochs, start = 1, width = 320, height = 200 }: CurvesOptions): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document,
    width,
    height,
    ...epochAxes(metric, epochs, '11px', start),
    color: { domain: ['Training', 'Validierung'], range: ['#1f78b4', '#d6604d'], legend: false },
    marks: [
      Plot.line(points, { x: 'epoch', y: 'value', stroke: 'series', z: 'series' }),
      Plot.dot(
        points.filter((p) => Number.isInteger(p.epoch)),
        { x: 'epoch', y: 'value', fill: 'series', r: 3 },
      ),
    ],
  });
}

/** Points of both series from per-epoch metrics. */
export function curvePoints(
  history: { epoch: number; trainLoss: number; valLoss: number; trainAccuracy: number; valAccuracy: number }[],
  metric: 'loss' | 'accuracy',
): CurvePoint[] {
  return history.flatMap((m) => [
    { epoch: m.epoch, value: metric === 'loss' ? m.trainLoss : m.trainAccuracy, series: 'Training' as const },
    { epoch: m.epoch, value: metric === 'loss' ? m.valLoss : m.valAccuracy, series: 'Validierung' as const },
  ]);
}

/** The reference file's shape (shared/reference/pytorch-full-run.json). */
export interface ReferenceRuns {
  torch: string;
  gpu: string;
  runs: { seed: number; epochs: { epoch: number; train_acc: number; train_loss_mean: number; val_acc: number; val_loss_mean: number }[] }[];
}

export interface RunLine {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  trainAccuracy: number;
  valAccuracy: number;
}

type Metric = 'loss' | 'accuracy';
const SERIES = ['Training', 'Validierung'] as const;

/** Per epoch and series: min, max and mean over the reference seeds. */
export function referenceBand(ref: ReferenceRuns, metric: Metric) {
  const epochs = ref.runs[0].epochs.map((e) => e.epoch);
  return epochs.flatMap((epoch) =>
    SERIES.map((series) => {
      const values = ref.runs.map((r) => {
        const e = r.epochs.find((x) => x.epoch === epoch)!;
        if (metric === 'loss') return series === 'Training' ? e.train_loss_mean : e.val_loss_mean;
        return series === 'Training' ? e.train_acc : e.val_acc;
      });
      return { epoch, series, min: Math.min(...values), max: Math.max(...values), mean: values.reduce((a, b) => a + b, 0) / values.length };
    }),
  );
}

/** One chart: reference band + mean, and the record's two lines if there is a record. */
export function renderRunChart({ document, reference, record, metric, width = 640, height = 260 }: { document: Document; reference: ReferenceRuns; record: RunLine[] | null; metric: Metric; width?: number; height?: number }) {
  const band = referenceBand(reference, metric);
  const ours = curvePoints(record ?? [], metric);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return Plot.plot({
    document,
    width,
    height,
    ...epochAxes(metric, band.at(-1)!.epoch, '12px'),
    color: { domain: SERIES as unknown as string[], range: ['var(--run-train)', 'var(--run-val)'] },
    marks: [
      Plot.areaY(band, { x: 'epoch', y1: (d) => round(d.min), y2: (d) => round(d.max), fill: 'series', z: 'series', fillOpacity: 0.22 }),
      Plot.line(band, { x: 'epoch', y: (d) => round(d.mean), stroke: 'series', z: 'series', strokeWidth: 1, strokeDasharray: '3,3' }),
      ...(ours.length
        ? [
            Plot.line(ours, { x: 'epoch', y: (d) => round(d.value), stroke: 'series', z: 'series', strokeWidth: 2.5 }),
            Plot.dot(ours, { x: 'epoch', y: (d) => round(d.value), fill: 'series', r: 3.5 }),
          ]
        : []),
    ],
  });
}
