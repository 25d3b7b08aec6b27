import { describe, expect, it } from 'vitest';
import { createRng, permutation } from '../../src/lib/data/rng';
import { splitDataset } from '../../src/lib/data/split';

describe('createRng', () => {
  it('gives the same numbers for the same seed, pinned so Node and browsers can be compared', () => {
    const a = createRng(0);
    const b = createRng(0);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.map((x) => x.toFixed(10))).toMatchSnapshot();
    expect(createRng(1).next()).not.toBe(xs[0]);
  });

  it('draws integers uniformly enough', () => {
    const rng = createRng(42);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it.each([[1.5], [Number.NaN], [2 ** 60]])('rejects the seed %s', (seed) => {
    expect(() => createRng(seed)).toThrow(/invalid seed/);
  });

  it('permutes every index exactly once', () => {
    const p = permutation(1000, createRng(3));
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe('splitDataset', () => {
  it('splits 8,677 images into 6,941 for training and 1,736 for validation, like int(0.8 · n)', () => {
    const { train, val } = splitDataset(8677);
    expect([train.length, val.length]).toEqual([6941, 1736]);
    const all = new Set([...train, ...val]);
    expect(all.size).toBe(8677);
    expect(Math.min(...all)).toBe(0);
    expect(Math.max(...all)).toBe(8676);
  });

  it('is the same split for the same seed and another for another seed', () => {
    expect(splitDataset(8677, { seed: 0 })).toEqual(splitDataset(8677, { seed: 0 }));
    expect(splitDataset(8677, { seed: 0 }).val).not.toEqual(splitDataset(8677, { seed: 1 }).val);
    expect(splitDataset(8677, { seed: 0 }).val.slice(0, 8)).toMatchSnapshot();
  });

  it.each([
    [() => splitDataset(1), 'invalid number of images: 1 (need at least 2)'],
    [() => splitDataset(10, { trainFraction: 1 }), 'invalid train fraction: 1 (choose a number between 0 and 1, e.g. 0.8)'],
  ])('validates its arguments (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});
