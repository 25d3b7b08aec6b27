/**
 * Loss and accuracy per epoch for training and validation, drawn with Observable Plot: the live
 * training demo's charts. Renderers take their `document` (the page's in the island, linkedom's in
 * tests) and their axis labels: src/lib knows no reader language, the caller brings the German.
 */
import * as Plot from '@observablehq/plot';
import { germanIntegerTicks, germanNumberTicks, germanPercentTicks } from './ticks';

/** One point of a curve; `series` names the line ('Training' or 'Validierung', only a key here). */
export interface CurvePoint {
  epoch: number;
  value: number;
  series: 'Training' | 'Validierung';
}

/** Axis labels of a chart, in the reader's language (e.g. from the islands' dictionary). */
export interface AxisLabels {
  x: string;
  y: string;
}

/** What `renderCurves` draws: the points of both series of one metric. */
export interface CurvesOptions {
  document: Document;
  points: CurvePoint[];
  metric: 'loss' | 'accuracy';
  epochs: number;
  labels: AxisLabels;
  /** Where the epoch axis begins: 1, or 0 when points lie inside the first epoch (per-batch points). */
  start?: 0 | 1;
  width?: number;
  height?: number;
  /** A reference band drawn behind the lines (grey): per whole epoch the lowest and highest value of other runs. */
  band?: BandPoint[];
}

/** One epoch of a reference band: the lowest and highest value of the runs. */
export interface BandPoint {
  epoch: number;
  min: number;
  max: number;
}

/** Whole-number epoch ticks from `start` to `epochs` (at least 2), at most about ten. */
export function epochTicks(epochs: number, start = 1): number[] {
  const step = Math.ceil(epochs / 10);
  return Array.from({ length: Math.max(2, epochs) - start + 1 }, (_, i) => i + start).filter((e) => (e - start) % step === 0);
}

/** A line chart: one line per series, dots at whole epochs, a reference band behind them if given; accuracy on 0 … 1, loss from 0. */
export function renderCurves({ document, points, metric, epochs, labels, start = 1, width = 320, height = 200, band }: CurvesOptions): SVGSVGElement | HTMLElement {
  return Plot.plot({
    document,
    width,
    height,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
    x: { label: labels.x, domain: [start, Math.max(2, epochs)], ticks: epochTicks(epochs, start), tickFormat: germanIntegerTicks },
    y: {
      label: labels.y,
      grid: true,
      ...(metric === 'accuracy' ? { domain: [0, 1], tickFormat: germanPercentTicks } : { zero: true, tickFormat: germanNumberTicks }),
    },
    color: { domain: ['Training', 'Validierung'], range: ['#1f78b4', '#d6604d'], legend: false },
    marks: [
      ...(band?.length ? [Plot.areaY(band, { x: 'epoch', y1: 'min', y2: 'max', fill: 'currentColor', fillOpacity: 0.25, className: 'reference-band' })] : []),
      Plot.line(points, { x: 'epoch', y: 'value', stroke: 'series', z: 'series' }),
      Plot.dot(
        points.filter((p) => Number.isInteger(p.epoch)),
        { x: 'epoch', y: 'value', fill: 'series', r: 3 },
      ),
    ],
  });
}
