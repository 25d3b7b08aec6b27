/**
 * A reader's run against a band of reference runs (issue 31): whether its configuration is the
 * band's (everything but the seed), the band as the training demo draws it (validation accuracy
 * per epoch, min … max over the seeds, taken from the committed records at build time) and the
 * verdict whether the reader's final validation accuracy lies in [min − w, max + w], w = max − min.
 */
import type { Band } from './bands';
import type { RunConfig, RunRecord } from './record';

/** What a run trained, without its seed: two runs with equal BandConfigs belong in one band (RunConfig's fields, the split by name). */
export type BandConfig = Pick<RunConfig, 'classes' | 'perClass' | 'cropSize' | 'epochs' | 'batchSize' | 'learningRate' | 'recipe'> & {
  /** The split's name ('chapters': src/data/splits/chapters.json; 'project': the project's own; 'demo': the demo sets'). */
  split: string;
};

/** The fields of BandConfig, in the order a message names them. */
export const BAND_CONFIG_FIELDS: readonly (keyof BandConfig)[] = ['classes', 'perClass', 'cropSize', 'epochs', 'batchSize', 'learningRate', 'recipe', 'split'];

/** A record's configuration without its seed; the split by name ('chapters:<sha256>' → 'chapters', none → 'project'). */
export function bandConfigOfRecord(config: RunConfig): BandConfig {
  const { classes, perClass, cropSize, epochs, batchSize, learningRate, recipe } = config;
  return { classes, perClass, cropSize, epochs, batchSize, learningRate, recipe, split: config.split ? config.split.split(':')[0] : 'project' };
}

/** The fields in which `run` differs from `band` (empty: the same configuration; the seed never counts). */
export function configDifferences(run: BandConfig, band: BandConfig): (keyof BandConfig)[] {
  return BAND_CONFIG_FIELDS.filter((field) => run[field] !== band[field]);
}

/** Whether `run` has the band's configuration (any seed). */
export const sameConfiguration = (run: BandConfig, band: BandConfig): boolean => configDifferences(run, band).length === 0;

/** The interval a band allows and where a value lies in it. */
export interface BandVerdict {
  /** Smallest and largest final value of the band's runs, and w = max − min. */
  min: number;
  max: number;
  width: number;
  /** The interval [min − w, max + w]. */
  low: number;
  high: number;
  value: number;
  inside: boolean;
}

/** Whether `value` lies in [min − w, max + w] of the band's final values `finals` (w = max − min). */
export function bandVerdict(finals: readonly number[], value: number): BandVerdict {
  if (finals.length === 0 || finals.some((f) => !Number.isFinite(f))) throw new RangeError(`a band needs finite final values, got [${finals.join(', ')}]`);
  if (!Number.isFinite(value)) throw new RangeError(`invalid value to compare: ${value}`);
  const min = Math.min(...finals);
  const max = Math.max(...finals);
  const width = max - min;
  const [low, high] = [min - width, max + width];
  return { min, max, width, low, high, value, inside: value >= low && value <= high };
}

/** A band as the training demo draws it: its configuration, seeds, validation accuracy per epoch and each run's final one. */
export interface DemoBand {
  key: string;
  config: BandConfig;
  seeds: number[];
  /** Per epoch (1 …): min, max and mean of the validation accuracy over the runs. */
  epochs: { epoch: number; min: number; max: number; mean: number }[];
  /** Each run's validation accuracy after its last epoch, in seed order. */
  finals: number[];
}

/**
 * The demo's view of `band` (at build time); `records` are the band's records (each run's source
 * names one), which hold what the band leaves out (batch size, learning rate, images per class).
 * Throws when a run's record is missing or two runs differ in more than the seed.
 */
export function demoBandOf(band: Band, records: ReadonlyMap<string, RunRecord>): DemoBand {
  const configs = band.runs.map((run) => {
    const record = records.get(run.source);
    if (!record) throw new Error(`band ${band.key}: no record ${run.source}`);
    return bandConfigOfRecord(record.config);
  });
  const differ = configs.flatMap((c) => configDifferences(c, configs[0]));
  if (differ.length) throw new Error(`band ${band.key}: its runs differ in ${[...new Set(differ)].join(', ')}`);
  return {
    key: band.key,
    config: configs[0],
    seeds: [...band.seeds],
    epochs: band.epochs.map((e) => ({ epoch: e.epoch, ...e.stats.valAccuracy })),
    finals: band.runs.map((r) => r.epochs.at(-1)!.valAccuracy!),
  };
}

/** Reads a DemoBand serialized into the page (JSON); throws naming what is wrong. */
export function parseDemoBand(text: string): DemoBand {
  const b = JSON.parse(text) as DemoBand;
  const fail = (what: string): never => {
    throw new Error(`demo band: ${what}`);
  };
  const isShare = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
  if (!b || typeof b !== 'object' || typeof b.key !== 'string') fail('not a band');
  if (!b.config || BAND_CONFIG_FIELDS.some((f) => b.config[f] === undefined)) fail('configuration incomplete');
  if (!Array.isArray(b.seeds) || !Array.isArray(b.finals) || b.finals.length !== b.seeds.length || !b.finals.every(isShare)) fail('seeds and final accuracies do not fit');
  if (!Array.isArray(b.epochs) || b.epochs.some((e, i) => e.epoch !== i + 1 || ![e.min, e.max, e.mean].every(isShare) || e.min > e.max)) fail('epochs invalid');
  return b;
}
