/**
 * A run against a band (lib/runs/band-compare.ts): the configuration check, the verdict
 * [min − w, max + w] and the band as the training demo gets it from the committed small runs.
 */
import { describe, expect, it } from 'vitest';
import s0 from '../../src/data/reference/small-pytorch-cpu-s0.json';
import s1 from '../../src/data/reference/small-pytorch-cpu-s1.json';
import s2 from '../../src/data/reference/small-pytorch-cpu-s2.json';
import { bandVerdict, configDifferences, demoBandOf, parseDemoBand, sameConfiguration, type BandConfig } from '../../src/lib/runs/band-compare';
import { buildBands, runFromRecord, SMALL_BAND_KEY } from '../../src/lib/runs/bands';
import { validateRecord, type RunRecord } from '../../src/lib/runs/record';

const SMALL: BandConfig = { classes: 101, perClass: 'all', cropSize: 64, epochs: 10, batchSize: 64, learningRate: 0.001, recipe: 'corrected', split: 'chapters' };

const records = new Map<string, RunRecord>([s0, s1, s2].map((r, i) => [`small-s${i}`, validateRecord(r, `small-s${i}`)]));
const smallBand = () => buildBands([...records].map(([source, r]) => runFromRecord(r, source))).find((b) => b.key === SMALL_BAND_KEY)!;

describe('bandVerdict', () => {
  it('allows [min − w, max + w] with w = max − min, bounds included', () => {
    const v = bandVerdict([0.6, 0.62, 0.64], 0.56);
    expect(v.min).toBe(0.6);
    expect(v.max).toBe(0.64);
    expect(v.width).toBeCloseTo(0.04, 12);
    expect(v.low).toBeCloseTo(0.56, 12);
    expect(v.high).toBeCloseTo(0.68, 12);
    expect(bandVerdict([0.6, 0.64], 0.6).inside).toBe(true);
    expect(bandVerdict([0.5, 0.6], 0.4).inside).toBe(true);
    expect(bandVerdict([0.5, 0.6], 0.7).inside).toBe(true);
  });

  it('says outside below and above the interval', () => {
    expect(bandVerdict([0.6, 0.64], 0.55).inside).toBe(false);
    expect(bandVerdict([0.6, 0.64], 0.69).inside).toBe(false);
    expect(bandVerdict([0.6], 0.6001).inside).toBe(false); // one run: w = 0
  });

  it('refuses an empty band or a value that is not a number', () => {
    expect(() => bandVerdict([], 0.5)).toThrow('a band needs finite final values');
    expect(() => bandVerdict([0.5], Number.NaN)).toThrow('invalid value to compare');
  });
});

describe('same configuration as the band', () => {
  it('ignores the seed and names every field that differs', () => {
    expect(sameConfiguration({ ...SMALL }, SMALL)).toBe(true);
    expect(configDifferences({ ...SMALL, cropSize: 32, batchSize: 32 }, SMALL)).toEqual(['cropSize', 'batchSize']);
    expect(configDifferences({ ...SMALL, classes: 10, perClass: 40, split: 'demo' }, SMALL)).toEqual(['classes', 'perClass', 'split']);
    expect(sameConfiguration({ ...SMALL, recipe: 'original' }, SMALL)).toBe(false);
    expect(sameConfiguration({ ...SMALL, learningRate: 0.003 }, SMALL)).toBe(false);
    expect(sameConfiguration({ ...SMALL, epochs: 5 }, SMALL)).toBe(false);
  });
});

describe('the demo band from the committed small runs', () => {
  it('has the small configuration, the seeds and each run’s final validation accuracy', () => {
    const band = demoBandOf(smallBand(), records);
    expect(band.key).toBe(SMALL_BAND_KEY);
    expect(band.config).toEqual(SMALL);
    expect(band.seeds).toEqual([0, 1, 2]);
    expect(band.finals).toEqual([s0, s1, s2].map((r) => r.epochs.at(-1)!.valAccuracy));
    expect(band.epochs).toHaveLength(10);
    const e1 = [s0, s1, s2].map((r) => r.epochs[0].valAccuracy);
    expect(band.epochs[0]).toEqual({ epoch: 1, min: Math.min(...e1), max: Math.max(...e1), mean: expect.closeTo(e1.reduce((a, b) => a + b) / 3, 12) });
  });

  it('survives the page: serialized and parsed back it is the same band', () => {
    const band = demoBandOf(smallBand(), records);
    expect(parseDemoBand(JSON.stringify(band))).toEqual(band);
  });

  it('refuses runs whose records differ in more than the seed, and broken page data', () => {
    const other = new Map(records);
    const r1 = records.get('small-s1')!;
    other.set('small-s1', { ...r1, config: { ...r1.config, batchSize: 32 } });
    expect(() => demoBandOf(smallBand(), other)).toThrow('its runs differ in batchSize');
    expect(() => demoBandOf(smallBand(), new Map())).toThrow('no record small-s0');
    const band = demoBandOf(smallBand(), records);
    expect(() => parseDemoBand(JSON.stringify({ ...band, finals: [0.5] }))).toThrow('seeds and final accuracies do not fit');
    expect(() => parseDemoBand(JSON.stringify({ ...band, epochs: [{ epoch: 1, min: 0.6, max: 0.5, mean: 0.55 }] }))).toThrow('epochs invalid');
    expect(() => parseDemoBand(JSON.stringify({ ...band, config: { classes: 101 } }))).toThrow('configuration incomplete');
  });
});
