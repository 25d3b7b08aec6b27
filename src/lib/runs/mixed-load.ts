/**
 * Whether a band's runs differ in sharing their machine with other work (`concurrent`): then a
 * mean of their seconds mixes idle and loaded timings and says nothing, and tables show none.
 */

/** True when some of `runs` shared their machine and some did not (a missing flag counts as not shared). */
export function mixesLoad(runs: readonly { concurrent?: boolean }[]): boolean {
  return new Set(runs.map((r) => r.concurrent === true)).size > 1;
}
