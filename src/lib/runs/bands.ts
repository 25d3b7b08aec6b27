/**
 * Bands from run records: records that differ only in their seed form one group (engine, recipe,
 * precision, split, and the configuration: image size, classes, epochs); per epoch a group has the minimum, maximum and mean over its seeds. "Ergebnisse"
 * draws these bands and quotes their numbers (RunCurves.astro, RunNumber.astro) — never typed in.
 */
import type { RunRecord } from './record';

/** Which engine trained: our TensorFlow.js engine or PyTorch. */
export type Engine = 'ours' | 'pytorch';
/** Arithmetic of the convolutions: plain fp32, or TF32 where the GPU allowed it. */
export type Precision = 'fp32' | 'tf32';
/** A per-epoch quantity a band can draw. */
export type Metric = 'trainAccuracy' | 'valAccuracy' | 'trainLoss' | 'valLoss' | 'trainLossLastBatch' | 'valLossLastBatch' | 'seconds';
/** Every Metric, in the order tables show them. */
export const METRICS: readonly Metric[] = ['trainAccuracy', 'valAccuracy', 'trainLoss', 'valLoss', 'trainLossLastBatch', 'valLossLastBatch', 'seconds'];
/** One epoch of one run; null where the program did not measure it (last-batch losses of the chapters' program). */
export type EpochValues = Record<Metric, number | null>;

/** What a run trained besides recipe and split: image size (the crop, in pixels), classes, planned epochs. */
export interface RunShape {
  cropSize: number;
  classes: number;
  plannedEpochs: number;
}

/** The original program's configuration: 224 × 224 pixels, all 101 classes, ten epochs. */
export const FULL_SHAPE: Readonly<RunShape> = { cropSize: 224, classes: 101, plannedEpochs: 10 };
/** The small configuration (issue 29): the chapters' program at 64 × 64 pixels, otherwise unchanged. */
export const SMALL_SHAPE: Readonly<RunShape> = { cropSize: 64, classes: 101, plannedEpochs: 10 };

/** One run as the bands see it: its group's key parts, its seed and its per-epoch metrics. */
export interface BandRun extends RunShape {
  engine: Engine;
  recipe: 'original' | 'corrected';
  precision: Precision;
  /** 'chapters' (the shared split), 'project' (train:full's own), 'per-seed' (random_split after the seed). */
  split: string;
  seed: number;
  epochs: EpochValues[];
  /** Ran beside other runs on the same device: its seconds are not comparable. */
  concurrent?: boolean;
  /** Where the run came from (a record file, the reference file). */
  source: string;
  /** Whether the record still matches today's code and data (undefined: not checked). */
  fresh?: boolean;
  /** Format-1 records predate provenance. */
  legacy?: boolean;
}

/** A group of runs differing only in the seed, with its per-epoch statistics. */
export interface Band extends RunShape {
  key: string;
  engine: Engine;
  recipe: 'original' | 'corrected';
  precision: Precision;
  split: string;
  seeds: number[];
  runs: BandRun[];
  /** Per epoch (1 …): min, max, mean of each metric over the runs that reached that epoch (NaN: not measured). */
  epochs: { epoch: number; n: number; stats: Record<Metric, { min: number; max: number; mean: number }> }[];
}

/** What identifies a group: everything about a run but its seed and its results. */
export type BandIdentity = Pick<BandRun, 'engine' | 'recipe' | 'precision' | 'split'> & RunShape;

/** Whether a run has the original program's configuration (224 × 224, 101 classes, ten epochs). */
export const isFullShape = (r: RunShape) =>
  r.cropSize === FULL_SHAPE.cropSize && r.classes === FULL_SHAPE.classes && r.plannedEpochs === FULL_SHAPE.plannedEpochs;

/**
 * The group key: engine, recipe, precision, split, then the configuration where it is not the full
 * one ("pytorch-corrected-fp32-chapters-64px-101cl-10ep"); the full configuration's keys stay short,
 * as the chapters quote them ("pytorch-original-tf32-per-seed").
 */
export const bandKey = (r: BandIdentity) => {
  const base = `${r.engine}-${r.recipe}-${r.precision}-${r.split}`;
  return isFullShape(r) ? base : `${base}-${r.cropSize}px-${r.classes}cl-${r.plannedEpochs}ep`;
};

/** The small runs' group: the chapters' program in PyTorch (fp32) at the small configuration. */
export const SMALL_BAND: Readonly<BandIdentity> = { engine: 'pytorch', recipe: 'corrected', precision: 'fp32', split: 'chapters', ...SMALL_SHAPE };
/** Its key, for components and prose ("pytorch-corrected-fp32-chapters-64px-101cl-10ep"). */
export const SMALL_BAND_KEY = bandKey(SMALL_BAND);

/** A run record as a band run; format-1 records are our engine's fp32 runs on the project's split. */
export function runFromRecord(record: RunRecord, source: string, fresh?: boolean): BandRun {
  const p = record.provenance;
  const split = record.config.split ? record.config.split.split(':')[0] : 'project';
  return {
    engine: p?.engine ?? 'ours',
    recipe: record.config.recipe,
    precision: p?.precision.mode ?? 'fp32',
    split,
    cropSize: record.config.cropSize,
    classes: record.config.classes,
    plannedEpochs: record.config.epochs,
    seed: record.config.seed,
    epochs: record.epochs.map((e) => ({
      trainAccuracy: e.trainAccuracy,
      valAccuracy: e.valAccuracy,
      trainLoss: e.trainLoss,
      valLoss: e.valLoss,
      trainLossLastBatch: e.trainLossLastBatch ?? null,
      valLossLastBatch: e.valLossLastBatch ?? null,
      seconds: e.seconds,
    })),
    concurrent: p?.concurrent,
    source,
    fresh,
    legacy: !p,
  };
}

/** The shared reference file's shape (src/data/reference/pytorch-full-run.json). */
export interface LegacyReference {
  torch: string;
  gpu: string;
  runs: {
    seed: number;
    epochs: {
      epoch: number;
      train_acc: number;
      train_loss_mean: number;
      train_loss_last_batch: number;
      val_acc: number;
      val_loss_mean: number;
      val_loss_last_batch: number;
      seconds: number;
    }[];
  }[];
}

/**
 * The shared PyTorch reference as band runs: PyTorch's defaults (cuDNN may use TF32), and a split
 * drawn by `random_split` after `torch.manual_seed(seed)`, so a different split per seed.
 */
export function runsFromLegacyReference(ref: LegacyReference, source: string): BandRun[] {
  return ref.runs.map((r) => ({
    engine: 'pytorch',
    recipe: 'original',
    precision: 'tf32',
    split: 'per-seed',
    ...FULL_SHAPE,
    seed: r.seed,
    epochs: r.epochs.map((e) => ({
      trainAccuracy: e.train_acc,
      valAccuracy: e.val_acc,
      trainLoss: e.train_loss_mean,
      valLoss: e.val_loss_mean,
      trainLossLastBatch: e.train_loss_last_batch,
      valLossLastBatch: e.val_loss_last_batch,
      seconds: e.seconds,
    })),
    source,
  }));
}

/** Groups runs into bands, in the order their groups first appear; a seed twice in a group is an error. */
export function buildBands(runs: BandRun[]): Band[] {
  const groups = new Map<string, BandRun[]>();
  for (const run of runs) {
    const key = bandKey(run);
    const list = groups.get(key) ?? [];
    const twin = list.find((r) => r.seed === run.seed);
    if (twin) throw new Error(`two runs of ${key} with seed ${run.seed}: ${twin.source} and ${run.source} (keep one)`);
    list.push(run);
    groups.set(key, list);
  }
  return [...groups].map(([key, list]) => {
    const sorted = [...list].sort((a, b) => a.seed - b.seed);
    const longest = Math.max(...sorted.map((r) => r.epochs.length));
    const epochs = Array.from({ length: longest }, (_, i) => {
      const reached = sorted.filter((r) => r.epochs.length > i);
      const stats = Object.fromEntries(
        METRICS.map((m) => {
          const values = reached.map((r) => r.epochs[i][m]).filter((v): v is number => v !== null);
          if (values.length === 0) return [m, { min: NaN, max: NaN, mean: NaN }];
          return [m, { min: Math.min(...values), max: Math.max(...values), mean: values.reduce((a, b) => a + b, 0) / values.length }];
        }),
      ) as Band['epochs'][number]['stats'];
      return { epoch: i + 1, n: reached.length, stats };
    });
    const { engine, recipe, precision, split, cropSize, classes, plannedEpochs } = sorted[0];
    return { key, engine, recipe, precision, split, cropSize, classes, plannedEpochs, seeds: sorted.map((r) => r.seed), runs: sorted, epochs };
  });
}

/** The comparisons the chapter is built for (full-run records like for like, then the small runs), in order. */
export const EXPECTED_BANDS: readonly BandIdentity[] = [
  { engine: 'ours', recipe: 'original', precision: 'fp32', split: 'chapters', ...FULL_SHAPE },
  { engine: 'pytorch', recipe: 'original', precision: 'fp32', split: 'chapters', ...FULL_SHAPE },
  { engine: 'ours', recipe: 'corrected', precision: 'fp32', split: 'chapters', ...FULL_SHAPE },
  { engine: 'pytorch', recipe: 'corrected', precision: 'fp32', split: 'chapters', ...FULL_SHAPE },
  { engine: 'pytorch', recipe: 'original', precision: 'tf32', split: 'chapters', ...FULL_SHAPE },
  SMALL_BAND,
];

/** Seeds each expected band should have. */
export const EXPECTED_SEEDS: readonly number[] = [0, 1, 2];

/** What is still missing: expected bands without records, or with fewer seeds than expected. */
export function missingBands(bands: Band[]): { key: string; band: BandIdentity; missingSeeds: number[] }[] {
  return EXPECTED_BANDS.map((want) => {
    const key = bandKey(want);
    const have = bands.find((b) => b.key === key)?.seeds ?? [];
    return { key, band: want, missingSeeds: EXPECTED_SEEDS.filter((s) => !have.includes(s)) };
  }).filter((m) => m.missingSeeds.length > 0);
}

/** Which value of a band a sentence quotes. */
export interface BandQuery {
  band: string;
  metric: Metric;
  /** 1-based; 'last' = the band's last epoch. */
  epoch: number | 'last';
  /** A statistic over the seeds, or one seed's value. */
  stat: 'min' | 'max' | 'mean' | { seed: number };
}

/** The value a query names; throws naming what is missing (the build fails instead of printing a wrong number). */
export function queryBand(bands: Band[], q: BandQuery): number {
  const band = bands.find((b) => b.key === q.band);
  if (!band) throw new Error(`no runs for band ${q.band} (have: ${bands.map((b) => b.key).join(', ') || 'none'})`);
  const index = q.epoch === 'last' ? band.epochs.length - 1 : q.epoch - 1;
  const epoch = band.epochs[index];
  if (!epoch) throw new Error(`band ${q.band} has no epoch ${q.epoch}`);
  if (typeof q.stat === 'object') {
    const seed = q.stat.seed;
    const run = band.runs.find((r) => r.seed === seed);
    if (!run) throw new Error(`band ${q.band} has no run with seed ${seed}`);
    const e = run.epochs[index];
    if (!e) throw new Error(`band ${q.band}, seed ${seed}: no epoch ${q.epoch}`);
    const v = e[q.metric];
    if (v === null) throw new Error(`band ${q.band}, seed ${seed}: ${q.metric} was not measured`);
    return v;
  }
  const v = epoch.stats[q.metric][q.stat];
  if (Number.isNaN(v)) throw new Error(`band ${q.band}: ${q.metric} was not measured`);
  return v;
}

/** Quantities derived per run: train − val accuracy, val − train loss, |last batch − mean| training loss, the run's seconds. */
export type Derived = 'accuracyGap' | 'lossGap' | 'lastBatchDeviation' | 'runSeconds';

/**
 * A derived quantity over a band's runs at one epoch (min, max, mean over seeds); for
 * 'lastBatchDeviation' over every epoch of every run, for 'runSeconds' the sum of each run's epoch
 * seconds (`epoch` is ignored for both). A `seed` narrows it to one run.
 */
export function derivedStats(bands: Band[], bandKeyName: string, what: Derived, epoch: number | 'last' = 'last', seed?: number) {
  const band = bands.find((b) => b.key === bandKeyName);
  if (!band) throw new Error(`no runs for band ${bandKeyName}`);
  const runs = seed === undefined ? band.runs : band.runs.filter((r) => r.seed === seed);
  if (runs.length === 0) throw new Error(`band ${bandKeyName} has no run with seed ${seed}`);
  const values: number[] = [];
  for (const run of runs) {
    if (what === 'runSeconds') {
      values.push(run.epochs.reduce((sum, e) => sum + e.seconds!, 0));
      continue;
    }
    const rows = what === 'lastBatchDeviation' ? run.epochs : [run.epochs[epoch === 'last' ? run.epochs.length - 1 : epoch - 1]];
    for (const e of rows) {
      if (!e) throw new Error(`band ${bandKeyName}, seed ${run.seed}: no epoch ${epoch}`);
      if (what === 'accuracyGap') values.push(e.trainAccuracy! - e.valAccuracy!);
      else if (what === 'lossGap') values.push(e.valLoss! - e.trainLoss!);
      else {
        if (e.trainLossLastBatch === null) throw new Error(`band ${bandKeyName}: last-batch losses were not measured`);
        values.push(Math.abs(e.trainLossLastBatch - e.trainLoss!));
      }
    }
  }
  return { min: Math.min(...values), max: Math.max(...values), mean: values.reduce((a, b) => a + b, 0) / values.length };
}
