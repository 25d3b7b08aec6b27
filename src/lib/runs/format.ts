/**
 * German numbers for run results, through the one de-DE helper (../format.ts): accuracies as "58,7 %",
 * losses as "1,678", seconds as "3,8".
 */
import { formatNumber, formatPercent } from '../format';

const loss = { format: (v: number) => formatNumber(v, 3) };
const seconds = { format: (v: number) => formatNumber(v, 1) };

/** 0.5866 → "58,7 %" (format.ts's one percent style, a no-break space before the sign). */
export const formatAccuracy = (v: number) => formatPercent(v, 1);
/** 1.6781 → "1,678". */
export const formatLoss = (v: number) => loss.format(v);
/** 3.84 → "3,8". */
export const formatSeconds = (v: number) => seconds.format(v);
/** 1386 → "23" (whole minutes). */
export const formatMinutes = (v: number) => formatNumber(v / 60, 0);
/** An accuracy or a loss, by metric name. */
export const formatMetric = (metric: string, v: number) => (metric.endsWith('Accuracy') ? formatAccuracy(v) : formatLoss(v));
/** A difference of accuracies in percentage points: 0.094 → "9,4" (the prose says "Prozentpunkte"). */
export const formatPoints = (v: number) => formatNumber(100 * v, 1);
