/**
 * Bands from run records: grouping by engine, recipe, precision, split and configuration; per-epoch statistics over
 * seeds; the values "Ergebnisse" quotes; what is still missing; and the chart.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import reference from '../../src/data/reference/pytorch-full-run.json';
import {
  bandKey,
  buildBands,
  derivedStats,
  FULL_SHAPE,
  missingBands,
  queryBand,
  runFromRecord,
  runsFromLegacyReference,
  SMALL_BAND,
  SMALL_BAND_KEY,
  type BandRun,
  type LegacyReference,
} from '../../src/lib/runs/bands';
import { validateRecord } from '../../src/lib/runs/record';
import { formatAccuracy, formatLoss, formatPoints } from '../../src/lib/runs/format';

const REF = 'pytorch-original-tf32-per-seed';
const refBands = () => buildBands(runsFromLegacyReference(reference as LegacyReference, 'reference'));
const run = (seed: number, acc: number[], over: Partial<BandRun> = {}): BandRun => ({
  engine: 'ours',
  recipe: 'original',
  precision: 'fp32',
  split: 'chapters',
  ...FULL_SHAPE,
  seed,
  source: `s${seed}`,
  epochs: acc.map((a) => ({ trainAccuracy: a, valAccuracy: a / 2, trainLoss: 1 - a, valLoss: 2 - a, trainLossLastBatch: null, valLossLastBatch: null, seconds: 1 })),
  ...over,
});

describe('buildBands', () => {
  it('groups runs that differ only in the seed and takes min, max and mean per epoch', () => {
    const bands = buildBands([run(2, [0.1, 0.4]), run(0, [0.3, 0.6]), run(0, [0.5], { engine: 'pytorch' })]);
    expect(bands.map((b) => [b.key, b.seeds])).toEqual([
      ['ours-original-fp32-chapters', [0, 2]],
      ['pytorch-original-fp32-chapters', [0]],
    ]);
    const last = bands[0].epochs[1];
    expect(last.n).toBe(2);
    expect(last.stats.trainAccuracy.min).toBeCloseTo(0.4);
    expect(last.stats.trainAccuracy.max).toBeCloseTo(0.6);
    expect(last.stats.trainAccuracy.mean).toBeCloseTo(0.5);
    expect(Number.isNaN(last.stats.trainLossLastBatch.mean)).toBe(true);
  });

  it('keeps runs of different lengths: later epochs count the runs that reached them', () => {
    const [band] = buildBands([run(0, [0.1, 0.2, 0.3]), run(1, [0.2])]);
    expect(band.epochs.map((e) => e.n)).toEqual([2, 1, 1]);
  });

  it('keeps configurations apart: image size, classes and epochs each start a group of their own', () => {
    const bands = buildBands([
      run(0, [0.3]),
      run(0, [0.4], { cropSize: 64 }),
      run(1, [0.5], { cropSize: 64 }),
      run(0, [0.6], { classes: 5 }),
      run(0, [0.7], { plannedEpochs: 3 }),
    ]);
    expect(bands.map((b) => [b.key, b.seeds])).toEqual([
      ['ours-original-fp32-chapters', [0]],
      ['ours-original-fp32-chapters-64px-101cl-10ep', [0, 1]],
      ['ours-original-fp32-chapters-224px-5cl-10ep', [0]],
      ['ours-original-fp32-chapters-224px-101cl-3ep', [0]],
    ]);
    expect(bands[1]).toMatchObject({ cropSize: 64, classes: 101, plannedEpochs: 10 });
    expect(SMALL_BAND_KEY).toBe('pytorch-corrected-fp32-chapters-64px-101cl-10ep');
    expect(bandKey({ ...SMALL_BAND, ...FULL_SHAPE })).toBe('pytorch-corrected-fp32-chapters');
  });

  it('adds up a run\'s epoch seconds, per seed and over the seeds', () => {
    const slow = (seed: number, seconds: number[]) => {
      const r = run(seed, seconds.map(() => 0.5));
      r.epochs.forEach((e, i) => (e.seconds = seconds[i]));
      return r;
    };
    const bands = buildBands([slow(0, [100, 60, 50]), slow(1, [70, 70, 70])]);
    expect(derivedStats(bands, bands[0].key, 'runSeconds')).toEqual({ min: 210, max: 210, mean: 210 });
    expect(derivedStats(bands, bands[0].key, 'runSeconds', 'last', 0).mean).toBe(210);
    const uneven = buildBands([slow(0, [100, 60]), slow(1, [70, 70, 70])]);
    expect(derivedStats(uneven, uneven[0].key, 'runSeconds')).toEqual({ min: 160, max: 210, mean: 185 });
  });

  it('refuses two runs of one group with the same seed', () => {
    expect(() => buildBands([run(0, [0.1]), { ...run(0, [0.2]), source: 'other.json' }])).toThrow('two runs of ours-original-fp32-chapters with seed 0: s0 and other.json');
  });
});

describe('the shared TF32 reference as a band', () => {
  it('gives the numbers the chapter quotes', () => {
    const bands = refBands();
    const q = (metric: 'valAccuracy' | 'trainAccuracy' | 'valLoss', stat: 'min' | 'max' | 'mean' | { seed: number }, epoch: number | 'last' = 'last') =>
      queryBand(bands, { band: REF, metric, epoch, stat });
    expect([q('valAccuracy', 'min'), q('valAccuracy', 'max'), q('valAccuracy', 'mean')].map(formatAccuracy)).toEqual(['46,8\u00a0%', '49,3\u00a0%', '47,7\u00a0%']);
    expect(formatAccuracy(q('trainAccuracy', { seed: 2 }, 1))).toBe('4,4\u00a0%');
    expect(formatLoss(q('valLoss', { seed: 2 }, 8))).toBe('2,478');
    const gap = derivedStats(bands, REF, 'accuracyGap');
    expect([formatPoints(gap.min), formatPoints(gap.max)]).toEqual(['9,4', '12,5']);
    const loss = derivedStats(bands, REF, 'lossGap');
    expect([loss.min, loss.max].map((v) => v.toFixed(2))).toEqual(['0.57', '0.82']);
    expect(derivedStats(bands, REF, 'lastBatchDeviation').mean.toFixed(2)).toBe('0.45');
  });

  it('names what a query lacks instead of printing a number', () => {
    const bands = refBands();
    expect(() => queryBand(bands, { band: 'ours-corrected-fp32-chapters', metric: 'valAccuracy', epoch: 'last', stat: 'mean' })).toThrow(/no runs for band ours-corrected-fp32-chapters/);
    expect(() => queryBand(bands, { band: REF, metric: 'valAccuracy', epoch: 11, stat: 'mean' })).toThrow('band pytorch-original-tf32-per-seed has no epoch 11');
    expect(() => queryBand(bands, { band: REF, metric: 'valAccuracy', epoch: 1, stat: { seed: 7 } })).toThrow('has no run with seed 7');
  });

  it('lists every like-for-like band as missing while only the reference exists', () => {
    expect(missingBands(refBands()).map((m) => m.key)).toEqual([
      'ours-original-fp32-chapters',
      'pytorch-original-fp32-chapters',
      'ours-corrected-fp32-chapters',
      'pytorch-corrected-fp32-chapters',
      'pytorch-original-tf32-chapters',
      'pytorch-corrected-fp32-chapters-64px-101cl-10ep',
    ]);
    const partial = missingBands(buildBands([run(0, [0.1]), run(2, [0.1])]));
    expect(partial[0]).toEqual({ key: 'ours-original-fp32-chapters', band: { engine: 'ours', recipe: 'original', precision: 'fp32', split: 'chapters', ...FULL_SHAPE }, missingSeeds: [1] });
    const small = [0, 1, 2].map((seed) => run(seed, [0.3], { ...SMALL_BAND }));
    expect(missingBands(buildBands(small)).map((m) => m.key)).not.toContain(SMALL_BAND_KEY);
  });
});

describe('records as band runs', () => {
  it('reads engine, precision and split from a format-2 record', () => {
    const record = validateRecord(JSON.parse(readFileSync('tests/fixtures/pytorch-original-tiny.json', 'utf8')));
    expect(runFromRecord(record, 'x')).toMatchObject({ engine: 'pytorch', recipe: 'original', precision: 'fp32', split: 'chapters', seed: 3 });
    expect(runFromRecord(record, 'x')).toMatchObject({ cropSize: record.config.cropSize, classes: record.config.classes, plannedEpochs: record.config.epochs });
  });

  it('reads a format-1 record as our fp32 run on the project split', () => {
    const record = validateRecord(JSON.parse(readFileSync('tests/fixtures/run-record-tiny.json', 'utf8')));
    expect(runFromRecord(record, 'x')).toMatchObject({ engine: 'ours', precision: 'fp32', split: 'project', legacy: true });
  });
});
