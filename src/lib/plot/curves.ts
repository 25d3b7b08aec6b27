/**
 * Loss and accuracy per epoch for training and validation, drawn with Observable Plot.
 * Renderers take their `document`, so the same function draws in the training island and at
 * build time (linkedom) — one plotting module for the live demo and the frozen full run.
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
  width?: number;
  height?: number;
}

/** Whole-number epoch ticks, at most about ten. */
const epochTicks = (epochs: number) => {
  const step = Math.ceil(epochs / 10);
  return Array.from({ length: Math.max(2, epochs) }, (_, i) => i + 1).filter((e) => (e - 1) % step === 0);
};

const LABELS = { loss: 'Loss (Mittel über die Epoche)', accuracy: 'Accuracy' } as const;

/** A line chart with dots: one line per series; accuracy on 0 … 1. */
export function renderCurves({ document, points, metric, epochs, width = 320, height = 200 }: CurvesOptions): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document,
    width,
    height,
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
    x: { label: 'Epoche', domain: [1, Math.max(2, epochs)], ticks: epochTicks(epochs), tickFormat: 'd' },
    y: { label: LABELS[metric], grid: true, ...(metric === 'accuracy' ? { domain: [0, 1], tickFormat: '.0%' } : { zero: true }) },
    color: { domain: ['Training', 'Validierung'], range: ['#1f78b4', '#d6604d'], legend: false },
    marks: [
      Plot.line(points, { x: 'epoch', y: 'value', stroke: 'series', z: 'series' }),
      Plot.dot(points, { x: 'epoch', y: 'value', fill: 'series', r: 3 }),
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
