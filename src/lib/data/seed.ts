/**
 * What a seed may be: an integer in 0 … 4294967295 (2³² − 1). The generator (rng.ts) seeds from
 * 32 bits and folds a larger number's high and low words together, so 4294967297 would give
 * exactly the run of seed 0: every place a seed enters (train:full, export-draws, the demo's
 * settings and links) checks it here instead, and refuses anything else with the range named.
 */

/** The largest seed: 2³² − 1. */
export const SEED_MAX = 4294967295;

/** The accepted range in words, for messages: "an integer in 0…4294967295". */
export const SEED_RANGE = `an integer in 0…${SEED_MAX}`;

/** True when `value` is a valid seed (an integer in 0 … 4294967295). */
export function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= SEED_MAX;
}

/** Returns `value` when it is a valid seed; throws a RangeError naming `label` and the range otherwise. */
export function assertSeed(value: unknown, label = 'seed'): number {
  if (!isSeed(value)) throw new RangeError(`invalid ${label}: ${String(value)} (${SEED_RANGE})`);
  return value;
}

/**
 * Reads a seed written in decimal digits ("0", "42", "4294967295"); throws a RangeError naming
 * `label` and the range for anything else ("-3", "1e3", "0x10", " 7", "4294967296").
 */
export function parseSeed(text: string, label = 'seed'): number {
  if (!/^\d{1,10}$/.test(text)) throw new RangeError(`invalid ${label}: ${text} (${SEED_RANGE})`);
  return assertSeed(Number(text), label);
}
