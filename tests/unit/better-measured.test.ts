/**
 * The numbers of "Wie es besser geht" come only from the committed measurement
 * (src/data/better/measured.json, written by bench/better_recipes.py).
 */
import { describe, expect, it } from 'vitest';
import measured from '../../src/data/better/measured.json';
import { BETTER_CONFIGS, betterValue, type BetterMeasurement } from '../../src/lib/better/measured';

const data = measured as BetterMeasurement;
const sample: BetterMeasurement = {
  ...data,
  runs: { a: { name: 'a', parameters: 414853, seconds: 750, valAccuracy: 0.25, epochs: [1, 2].map((epoch) => ({ epoch, trainLoss: 3, trainAccuracy: 0.1 * epoch, valLoss: 3, valAccuracy: 0.2 + 0.05 * (epoch - 1) })) } },
};

describe('betterValue', () => {
  it('formats accuracies and parameters in German', () => {
    expect(betterValue(sample, 'a', 'valAccuracy')).toBe('25,0\u00a0%');
    expect(betterValue(sample, 'a', 'trainAccuracy', 1)).toBe('10,0\u00a0%');
    expect(betterValue(sample, 'a', 'parameters')).toBe('414.853');
  });

  it('fails for a configuration or epoch that was not measured', () => {
    expect(() => betterValue(sample, 'resnet18', 'valAccuracy')).toThrow(/no run "resnet18" \(measured: a\)/);
    expect(() => betterValue(sample, 'a', 'valAccuracy', 3)).toThrow(/no epoch 3/);
  });
});

describe('the committed measurement', () => {
  it('names its command and protocol, and every run has all its epochs', () => {
    expect(data.command).toMatch(/bench\/better_recipes\.py/);
    expect(data.protocol).toMatchObject({ size: expect.any(Number), seed: expect.any(Number), epochs: expect.any(Number) });
    for (const run of Object.values(data.runs)) {
      expect(run.epochs.map((e) => e.epoch)).toEqual(Array.from({ length: data.protocol.epochs }, (_, i) => i + 1));
      expect(run.valAccuracy).toBe(run.epochs.at(-1)!.valAccuracy);
    }
  });

  it("holds only configurations the chapter's table describes", () => {
    const known: string[] = BETTER_CONFIGS.map((c) => c.run);
    expect(Object.keys(data.runs).filter((run) => !known.includes(run))).toEqual([]);
  });

  it('supports what the chapter reads from it (the paragraph "Wie du die Tabelle liest")', () => {
    const [simple, gap, recipe] = ['simplecnn', 'gap-bn', 'gap-bn-recipe'].map((run) => data.runs[run].epochs.at(-1)!);
    // SimpleCNN ahead, the new recipe behind BetterCNN with the simple recipe
    expect(simple.valAccuracy).toBeGreaterThan(gap.valAccuracy);
    expect(gap.valAccuracy).toBeGreaterThan(recipe.valAccuracy);
    // SimpleCNN: training clearly above validation; BetterCNN: close together, the recipe's training below
    expect(simple.trainAccuracy - simple.valAccuracy).toBeGreaterThan(0.05);
    expect(Math.abs(gap.trainAccuracy - gap.valAccuracy)).toBeLessThan(0.03);
    expect(recipe.trainAccuracy).toBeLessThan(recipe.valAccuracy);
    // the warm-up is one epoch of the run
    expect(data.protocol.epochs).toBe(3);
  });
});
