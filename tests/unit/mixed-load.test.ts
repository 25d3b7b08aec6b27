/** A band's seconds are averaged only when its runs had the same load (src/lib/runs/mixed-load.ts). */
import { describe, expect, it } from 'vitest';
import { mixesLoad } from '../../src/lib/runs/mixed-load';

describe('runs with and without a shared machine', () => {
  it('mixes load only when some runs shared their machine and some did not', () => {
    expect(mixesLoad([{ concurrent: false }, { concurrent: true }, { concurrent: true }])).toBe(true);
    expect(mixesLoad([{}, { concurrent: true }])).toBe(true); // an old record without the flag ran alone
    expect(mixesLoad([{ concurrent: true }, { concurrent: true }])).toBe(false);
    expect(mixesLoad([{ concurrent: false }, {}])).toBe(false);
    expect(mixesLoad([])).toBe(false);
  });
});
