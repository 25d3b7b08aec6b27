/**
 * A small seeded random number generator (sfc32, seeded through splitmix32), so the same
 * seed gives the same numbers in Node and in every browser: only 32-bit integer operations
 * and one exact division are involved.
 */

/** Random numbers from a seed; `next()` is uniform in [0, 1). */
export interface Rng {
  next(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/** Creates a generator from an integer seed (any safe integer; equal seeds give equal sequences). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`invalid seed: ${seed} (expected an integer)`);
  let s = (seed >>> 0) ^ Math.floor(seed / 2 ** 32);
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = splitmix();
  const next32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32(); // warm up
  return {
    next: () => next32() / 2 ** 32,
    int(n: number) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`invalid range: ${n} (expected a positive integer)`);
      return Math.floor((next32() / 2 ** 32) * n);
    },
  };
}

/** A seeded permutation of 0 … n−1 (Fisher–Yates). */
export function permutation(n: number, rng: Rng): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
