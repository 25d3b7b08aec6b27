/**
 * The training demo beside the PyTorch band (issue 31): when the reader's settings are the band's
 * configuration (the small configuration: 64 × 64, corrected recipe, all 101 classes of the
 * chapters' split, batch 64, lr 0.001, 10 epochs; any seed), the band of those runs is drawn behind
 * the live accuracy curve, and after the run one sentence says whether the final validation
 * accuracy lies in [min − w, max + w]. The band comes from the page (TrainingDemo.astro serializes
 * it from the committed records at build time). Pure (no DOM).
 */
import { bandVerdict, configDifferences, type BandConfig, type DemoBand } from '../../lib/runs/band-compare';
import { formatNumber, formatPercent } from '../../lib/format';
import { de } from './de';
import type { DemoConfig } from './training-protocol';
import type { Mode, Run } from './training-state';

const t = de.training.band;

/** The class count of the option "Alle 101 Klassen" (the options table's ALL_CLASSES once the 101-class data is in). */
export const ALL_CLASSES = 101;

/**
 * The demo's settings as a band configuration. At all 101 classes the demo trains on the chapters'
 * split, with every training image (perClass 'all') unless demo-per-class caps it; below, on its
 * own image sets' split.
 */
export function demoBandConfig(config: DemoConfig): BandConfig {
  const { classes, perClass, cropSize, epochs, batchSize, learningRate, recipe } = config;
  return { classes, perClass, cropSize, epochs, batchSize, learningRate, recipe, split: classes === ALL_CLASSES ? 'chapters' : 'demo' };
}

/** The band as the view shows it: the points behind the accuracy curve, its legend and the sentence after the run. */
export interface BandView {
  /** Per epoch min … max of the band's validation accuracy, or null when the configuration differs. */
  points: { epoch: number; min: number; max: number }[] | null;
  legend: string | null;
  /** After the run: inside or outside the interval, why there is no comparison, or null (nothing to say). */
  verdict: string | null;
}

/** A setting's band value in words for the "differs" sentence. */
function bandValue(config: BandConfig, field: keyof BandConfig): string {
  const v = config[field];
  if (typeof v !== 'number') return v;
  if (field === 'learningRate') return formatNumber(v, Math.max(0, -Math.floor(Math.log10(v))));
  return formatNumber(v);
}

/** What the view shows of `band` for `run` in `mode` (null band: the page has none, nothing is shown). */
export function bandViewOf(run: Run | null, mode: Mode, band: DemoBand | null): BandView | null {
  if (!run || !band) return null;
  const differs = configDifferences(demoBandConfig(run.config), band.config);
  const finished = mode === 'done';
  if (differs.length) {
    // Only the 101-class runs are near enough to the band to say why it is not compared.
    const say = finished && run.config.classes === ALL_CLASSES && run.outcome === 'finished';
    return { points: null, legend: null, verdict: say ? t.differs(differs.map((f) => t.fields[f](bandValue(band.config, f))).join(', ')) : null };
  }
  const points = band.epochs.map(({ epoch, min, max }) => ({ epoch, min, max }));
  const legend = t.legend(band.seeds.length, de.runBands.seeds(band.seeds));
  if (!finished) return { points, legend, verdict: null };
  const last = run.history.at(-1);
  if (run.outcome !== 'finished' || !last) return { points, legend, verdict: t.stopped(band.config.epochs) };
  const v = bandVerdict(band.finals, last.valAccuracy);
  const args = [run.history.length, formatPercent(v.value), formatPercent(v.low), formatPercent(v.high), formatPercent(v.min), formatPercent(v.max)] as const;
  return { points, legend, verdict: v.inside ? t.inside(...args) : t.outside(...args, v.value < v.low ? 'below' : 'above') };
}
