/**
 * Whether a committed run record still describes today's code and data: one check that returns
 * structured reasons (a `code` and its `data`), so the terminal says them in English and the
 * page in German, each from a table keyed by code.
 */
import { hashRun, type RunRecord } from './record';

/** The hashes a record is checked against: today's training code and data-set index. */
export interface RunInputs {
  code: string;
  data: string;
}

/** Why a record is stale; `data` holds the hash the record was made with and today's. */
export type StaleReason =
  | { code: 'code-changed'; data: { recorded: string; current: string } }
  | { code: 'data-changed'; data: { recorded: string; current: string } }
  /** The inputs match, the hash does not: the configuration was edited after the run. */
  | { code: 'record-edited'; data: { recorded: string; expected: string } };

/** Why a record is stale, as a key (the dictionary words each one). */
export type StaleCode = StaleReason['code'];

/** The verdict on a record: fresh, or stale with every reason that applies. */
export type Freshness = { fresh: true; reasons: [] } | { fresh: false; reasons: StaleReason[] };

/** Checks `record` against `current`; a stale record gets every reason that applies. */
export async function checkFreshness(record: RunRecord, current: RunInputs, sha256: (text: string) => Promise<string> | string): Promise<Freshness> {
  const expected = await hashRun(record.config, current.data, current.code, sha256);
  if (expected === record.hash) return { fresh: true, reasons: [] };
  const reasons: StaleReason[] = [];
  if (record.inputs.code !== current.code) reasons.push({ code: 'code-changed', data: { recorded: record.inputs.code, current: current.code } });
  if (record.inputs.data !== current.data) reasons.push({ code: 'data-changed', data: { recorded: record.inputs.data, current: current.data } });
  if (reasons.length === 0) reasons.push({ code: 'record-edited', data: { recorded: record.hash, expected } });
  return { fresh: false, reasons };
}

/** The reasons in English, for the terminal ("the training code changed and the data changed"). */
export const STALE_REASONS_EN: Record<StaleCode, string> = {
  'code-changed': 'the training code changed',
  'data-changed': 'the data changed',
  'record-edited': 'the record was edited after the run',
};

/** Joins the reasons' texts from `texts` (a table keyed by code) with `and`. */
export function describeStale(reasons: StaleReason[], texts: Record<StaleCode, string> = STALE_REASONS_EN, and = 'and'): string {
  return reasons.map((r) => texts[r.code]).join(` ${and} `);
}
