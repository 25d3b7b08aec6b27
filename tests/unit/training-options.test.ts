import { describe, expect, it } from 'vitest';
import { DEMO_SIZES, MAX_SEED, TRAINING_OPTIONS, allowedText, isAllowed, isValidSeed, perClassChoicesFor } from '../../src/lib/demo/options';
import { CROP_SIZES } from '../../src/lib/transforms/sizes';
import { fc1WeightBytes, simpleCnnLayers } from '../../src/lib/model/spec';
import { readConfig } from '../../src/components/islands/training-config';

describe('the demo options table', () => {
  it('offers the one size list of the site', () => {
    expect(DEMO_SIZES).toBe(CROP_SIZES);
    expect(TRAINING_OPTIONS.cropSize.choices).toEqual([16, 32, 64, 128, 224]);
  });

  it('keeps every default among its choices and every choice within its limits', () => {
    for (const option of Object.values(TRAINING_OPTIONS)) {
      expect(option.choices).toContain(option.default);
      for (const c of option.choices) expect(isAllowed(option, c)).toBe(true);
    }
  });

  it('allows sizes from the list only, other settings as integers in their range', () => {
    expect(isAllowed(TRAINING_OPTIONS.cropSize, 17)).toBe(false);
    expect(isAllowed(TRAINING_OPTIONS.cropSize, 64)).toBe(true);
    expect(isAllowed(TRAINING_OPTIONS.epochs, 100)).toBe(true);
    expect(isAllowed(TRAINING_OPTIONS.epochs, 101)).toBe(false);
    expect(isAllowed(TRAINING_OPTIONS.epochs, 1.5)).toBe(false);
    expect(allowedText(TRAINING_OPTIONS.cropSize)).toBe('16, 32, 64, 128, 224');
    expect(allowedText(TRAINING_OPTIONS.classes)).toBe('2 … 10, 101');
  });

  it('accepts seeds 0 … 4294967295 and nothing else', () => {
    expect(MAX_SEED).toBe(4294967295);
    for (const ok of [0, 1, 4294967295]) expect(isValidSeed(ok)).toBe(true);
    for (const bad of [-1, 4294967296, 0.5, Number.NaN]) expect(isValidSeed(bad)).toBe(false);
  });

  it('lets the per-class choice follow a size with fewer images, down to the largest allowed', () => {
    expect(perClassChoicesFor(16, 40)).toEqual({
      choices: [
        { value: 8, disabled: false },
        { value: 16, disabled: false },
        { value: 24, disabled: true },
        { value: 40, disabled: true },
      ],
      selected: 16,
      limited: true,
    });
    expect(perClassChoicesFor(40, 24)).toMatchObject({ selected: 24, limited: false });
    // Fewer than the smallest choice: that choice stays usable (the run says it got fewer).
    expect(perClassChoicesFor(5, 40)).toMatchObject({ selected: 8, choices: [{ value: 8, disabled: false }, ...[16, 24, 40].map((value) => ({ value, disabled: true }))] });
  });

  it("knows fc1's weight bytes from the layer list", () => {
    expect(fc1WeightBytes(32)).toBe(64 * 8 * 8 * 512 * 4);
    expect(fc1WeightBytes(224)).toBe((simpleCnnLayers(224)[4] as { inFeatures: number }).inFeatures * 512 * 4);
  });
});

describe('readConfig', () => {
  const values: Record<string, string> = { classes: '5', perClass: '40', size: '32', epochs: '5', batch: '32', lr: '0.001', recipe: 'corrected' };
  const form = (name: string) => values[name] ?? '';
  it('takes the settings from the form (the link set it on load) and seed, backend and kernels from the link', () => {
    expect(readConfig(form, '?demo-classes=2&demo-size=16&demo-backend=cpu&demo-seed=4294967295&demo-kernels=stock')).toEqual({
      config: { classes: 5, perClass: 40, cropSize: 32, epochs: 5, batchSize: 32, learningRate: 0.001, recipe: 'corrected', seed: 4294967295 },
      backend: 'cpu',
      simulate: undefined,
      kernels: 'stock',
    });
    expect(readConfig(form, '?demo-simulate=device-lost')).toMatchObject({ backend: null, simulate: 'device-lost', kernels: 'fast', config: { seed: 0 } });
  });
  it('takes the defaults for garbled extras (the link says so in its notice) and never throws for them', () => {
    expect(readConfig(form, '?demo-seed=-1&demo-backend=gpu&demo-kernels=slow&demo-simulate=x')).toMatchObject({ backend: null, kernels: 'fast', simulate: undefined, config: { seed: 0 } });
  });
  it('refuses a form value outside the table, naming the allowed ones in German', () => {
    expect(() => readConfig((n) => (n === 'size' ? '17' : form(n)), '')).toThrow('demo-size=17 (erlaubt: 16, 32, 64, 128, 224)');
  });
});
