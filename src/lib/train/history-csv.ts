/**
 * A run's history as CSV (RFC 4180: comma-separated, one header line, "." as the decimal
 * point), so a reader can take the measured numbers into a spreadsheet or a notebook.
 */
import type { EpochMetrics } from './loop';

/** The columns, in order: EpochMetrics' field names. */
export const HISTORY_COLUMNS = ['epoch', 'trainLoss', 'trainLossLastBatch', 'trainAccuracy', 'valLoss', 'valLossLastBatch', 'valAccuracy', 'seconds', 'tensors'] as const;

/** One line per epoch, full precision, CRLF line ends. */
export function historyCsv(history: readonly EpochMetrics[]): string {
  const lines = [HISTORY_COLUMNS.join(','), ...history.map((m) => HISTORY_COLUMNS.map((c) => (Number.isFinite(m[c]) ? String(m[c]) : '')).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
