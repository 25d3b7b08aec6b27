/**
 * German tick labels for Observable Plot axes: Plot's own `tickFormat: '.0%'` or `'d'` formats
 * with d3's English locale ("50%", "0.5", "1,000"); these go through src/lib/format.ts instead
 * ("50 %", "0,5", "1.000"). Plot calls a tickFormat function as (tick, index, ticks).
 */
import { formatNumber, formatPercent } from '../format';

/** Decimals a tick step of 1, 2 or 5 × 10^k needs: 0.5 → 1, 0.02 → 2, 10 → 0. */
export function tickDigits(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

const stepOf = (ticks: readonly number[] | undefined) => (ticks && ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1);

/** A tick formatter for plain numbers ("0,5"; "1.000"; "−2"), with the decimals its tick step needs. */
export const germanNumberTicks = (value: number, _index?: number, ticks?: readonly number[]): string =>
  formatNumber(value, tickDigits(stepOf(ticks))).replace('-', '\u2212');

/** A tick formatter for shares 0 … 1 as whole percentages ("50 %"), decimals only where the step needs them. */
export const germanPercentTicks = (share: number, _index?: number, ticks?: readonly number[]): string =>
  formatPercent(share, tickDigits(100 * stepOf(ticks)));

/** A tick formatter for whole numbers such as epochs ("1", "1.000"). */
export const germanIntegerTicks = (value: number): string => formatNumber(value, 0);
