/**
 * The short CPU measurement of the chapter "Wie es besser geht" (src/data/better/measured.json,
 * written by bench/better_recipes.py): its protocol and one record per configuration. The chapter
 * reads its numbers only through `betterValue`, so a configuration that was not measured fails
 * the build instead of showing a number.
 */
import { formatAccuracy } from '../runs/format';

/** One epoch of one configuration. */
export interface BetterEpoch {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
}

/** One measured configuration. */
export interface BetterRun {
  name: string;
  parameters: number;
  epochs: BetterEpoch[];
  valAccuracy: number;
  seconds: number;
}

/** The whole file. */
export interface BetterMeasurement {
  command: string;
  protocol: { device: string; torch: string; size: number; epochs: number; batch: number; lr: number; seed: number; split: string; metric: string; train: number; val: number; classes: number };
  runs: Record<string, BetterRun>;
}

/** What the chapter may ask for. */
export type BetterMetric = 'valAccuracy' | 'trainAccuracy' | 'parameters';

/** The configurations of bench/better_recipes.py in the chapter's order, with their German descriptions. */
export const BETTER_CONFIGS = [
  { run: 'simplecnn', model: 'SimpleCNN', recipe: 'fc1 für 64 × 64; Adam, nur Spiegeln' },
  { run: 'gap-bn', model: 'BetterCNN', recipe: 'Adam, nur Spiegeln' },
  { run: 'gap-bn-recipe', model: 'BetterCNN', recipe: 'AdamW, Aufwärmphase und Kosinus, RandomResizedCrop und Spiegeln' },
] as const;

const integer = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });

/** A measured number as German text; throws (naming the file) when the run or epoch is missing. */
export function betterValue(data: BetterMeasurement, run: string, metric: BetterMetric, epoch?: number): string {
  const record = data.runs[run];
  if (!record) {
    throw new Error(`src/data/better/measured.json has no run "${run}" (measured: ${Object.keys(data.runs).join(', ') || 'none'}); run bench/better_recipes.py or leave the number out`);
  }
  if (metric === 'parameters') return integer.format(record.parameters);
  const row = epoch === undefined ? record.epochs.at(-1) : record.epochs.find((e) => e.epoch === epoch);
  if (!row) throw new Error(`run "${run}" has no epoch ${epoch} (it has ${record.epochs.length})`);
  return formatAccuracy(row[metric]);
}
