/**
 * Build-time charts of run bands (src/lib/runs/bands.ts): one chart per metric, one colour per
 * group — the range over seeds as a band, the mean as a line with dots. Takes its `document`
 * like every renderer here (linkedom at build time and in tests).
 */
import * as Plot from '@observablehq/plot';
import type { Band, Metric } from '../runs/bands';
import { epochTicks, type AxisLabels } from './curves';
import { germanIntegerTicks, germanNumberTicks, germanPercentTicks } from './ticks';

/** Colours of the groups, in band order (readable on light and dark backgrounds). */
export const BAND_COLORS = ['#1f6fb4', '#c2452d', '#2a8a4a', '#8a4fb0', '#b07a12', '#5a6470'] as const;

/** One chart of `metric` for every band, axes labelled with `labels`; `colors[i]` belongs to `bands[i]`. */
export function renderBandChart({
  document,
  bands,
  metric,
  labels,
  colors = BAND_COLORS,
  width = 640,
  height = 240,
}: {
  document: Document;
  bands: Band[];
  metric: Metric;
  labels: AxisLabels;
  colors?: readonly string[];
  width?: number;
  height?: number;
}) {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const rows = bands.flatMap((b) => b.epochs.map((e) => ({ key: b.key, epoch: e.epoch, n: e.n, ...e.stats[metric] })));
  const epochs = Math.max(2, ...rows.map((r) => r.epoch));
  return Plot.plot({
    document,
    width,
    height,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: labels.x, domain: [1, epochs], ticks: epochTicks(epochs), tickFormat: germanIntegerTicks },
    y: {
      label: labels.y,
      grid: true,
      ...(metric.endsWith('Accuracy') ? { domain: [0, 1], tickFormat: germanPercentTicks } : { zero: true, tickFormat: germanNumberTicks }),
    },
    color: { domain: bands.map((b) => b.key), range: colors.slice(0, Math.max(1, bands.length)) as string[] },
    marks: [
      Plot.areaY(
        rows.filter((r) => r.n > 1),
        { x: 'epoch', y1: (d) => round(d.min), y2: (d) => round(d.max), fill: 'key', z: 'key', fillOpacity: 0.2 },
      ),
      Plot.line(rows, { x: 'epoch', y: (d) => round(d.mean), stroke: 'key', z: 'key', strokeWidth: 2 }),
      Plot.dot(rows, { x: 'epoch', y: (d) => round(d.mean), fill: 'key', r: 2.5 }),
    ],
  });
}
