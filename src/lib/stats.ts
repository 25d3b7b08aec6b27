/**
 * Small summary statistics shared by the benchmarks (scripts/bench-*.ts) and the engine, so that
 * "median" means one thing everywhere.
 */

/**
 * The median of `values` (order does not matter, the input is not changed): the middle value of an
 * odd count, the mean of the two middle values of an even count (as numpy.median and Python's
 * statistics.median), NaN for none.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
