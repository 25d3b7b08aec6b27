/**
 * The full run's curves for the "Ergebnisse" chapter: the PyTorch reference (three seeds) as a
 * band from the lowest to the highest value with the mean as a thin line, and this project's
 * own run record on top. Drawn with Observable Plot into the `document` it is given
 * (linkedom at build time), in colours that follow the page's light or dark theme.
 */
import * as Plot from '@observablehq/plot';

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
  const ours = (record ?? []).flatMap((m) => [
    { epoch: m.epoch, series: 'Training', value: metric === 'loss' ? m.trainLoss : m.trainAccuracy },
    { epoch: m.epoch, series: 'Validierung', value: metric === 'loss' ? m.valLoss : m.valAccuracy },
  ]);
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return Plot.plot({
    document,
    width,
    height,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    x: { label: 'Epoche', domain: [1, band.at(-1)!.epoch], ticks: band.filter((b) => b.series === 'Training').map((b) => b.epoch), tickFormat: 'd' },
    y: { label: metric === 'loss' ? 'Loss (Mittel über die Epoche)' : 'Accuracy', grid: true, ...(metric === 'accuracy' ? { domain: [0, 1], tickFormat: '.0%' } : { zero: true }) },
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
