/**
 * German numbers for everything a reader sees (islands, components, charts), from one Intl.NumberFormat('de-DE') per number of decimals:
 * "1.234,5", "83,2 %". Never `.replace('.', ',')`.
 */
const formats = new Map<number, Intl.NumberFormat>();

/** `value` with exactly `digits` decimals, German style ("0,731"; "1.234"). */
export function formatNumber(value: number, digits = 0): string {
  let format = formats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(digits, format);
  }
  return format.format(value);
}

/** A share 0 … 1 as a percentage with one decimal and a non-breaking space: "83,2 %". */
export const formatPercent = (share: number, digits = 1): string => `${formatNumber(100 * share, digits)}\u00a0%`;

/** Seconds as minutes:seconds ("1:05"). */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
