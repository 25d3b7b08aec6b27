/**
 * Every demo's state as a link: each demo names its URL parameters once, as a table of fields
 * under its own prefix (`pg-`, `batch-`, `summary-`, `conv-`; the training demo's `demo-…` are
 * read by its own parser). `readLink` is total — a garbled, out-of-range or unknown parameter
 * gives that field's default and a German notice, never an error — and `writeLink` puts a state
 * back into a query string, leaving every other parameter as it was and omitting defaults,
 * so a demo nobody touched adds nothing to the address. Pure: no DOM, no `location`.
 */
import { formatNumber } from '../format';
import { MAX_SEED } from './options';

/** One URL parameter (without the demo's prefix): how it is read, written and explained. */
export interface LinkField<T> {
  default: T;
  /** The value, or undefined when `raw` is not allowed. */
  parse(raw: string): T | undefined;
  format(value: T): string;
  /** The value as a reader reads it in a notice (German numbers); absent: as `format` writes it. */
  label?(value: T): string;
  /** What the parameter may hold, in German words for the notice. */
  allowed: string;
}

/** A demo's link: its parameter prefix, its German name (for notices) and its fields by name. */
export interface LinkSpec<F extends Record<string, LinkField<unknown>> = Record<string, LinkField<unknown>>> {
  prefix: string;
  demo: string;
  fields: F;
}

/** The values a spec's fields hold. */
export type LinkValues<S extends LinkSpec> = { [K in keyof S['fields']]: S['fields'][K]['default'] };

/** Why a parameter of the link was not taken: the reader's words, as data. */
export interface LinkNotice {
  param: string;
  value: string;
  kind: 'invalid' | 'unknown';
  allowed?: string;
  fallback?: string;
}

const join = (items: readonly (string | number)[]) => items.map((i) => (typeof i === 'number' ? formatNumber(i) : i)).join(', ');

/** One of `choices` (compared exactly); `label` words a choice for notices (e.g. "0,0003" for "0.0003"). */
export function choiceField<T extends string | number>(choices: readonly T[], fallback: T, label?: (value: T) => string): LinkField<T> {
  return {
    default: fallback,
    parse: (raw) => choices.find((c) => String(c) === raw),
    format: String,
    ...(label ? { label } : {}),
    allowed: label ? choices.map(label).join(', ') : join(choices),
  };
}

/** A decimal written with a point ("0.0003", as links and form values hold it) in German, with all its digits ("0,0003"). */
export const germanDecimal = (value: string): string => formatNumber(Number(value), (value.split('.')[1] ?? '').length);

/** A whole number in min … max, written in plain digits ("+1", "1e3", "0x10" and "01" are not). */
export function integerField<D extends number | null>(min: number, max: number, fallback: D): LinkField<number | D> {
  return {
    default: fallback,
    parse: (raw) => (/^(0|-?[1-9]\d{0,15})$/.test(raw) && Number(raw) >= min && Number(raw) <= max ? Number(raw) : undefined),
    format: (v) => (v === null ? '' : String(v)),
    allowed: `eine ganze Zahl von ${formatNumber(min)} bis ${formatNumber(max)}`,
  };
}

/** A seed: an unsigned 32-bit integer (options.ts); null as default means "the demo draws one". */
export const seedField = <D extends number | null>(fallback: D) => integerField(0, MAX_SEED, fallback);

/** A comma-separated set of `choices` (any order, no repeats), written in the choices' order; empty = "". */
export function setField(choices: readonly string[], fallback: readonly string[]): LinkField<string[]> {
  return {
    default: [...fallback],
    parse: (raw) => {
      const items = raw === '' ? [] : raw.split(',');
      if (!items.every((i) => choices.includes(i)) || new Set(items).size !== items.length) return undefined;
      return choices.filter((c) => items.includes(c));
    },
    format: (v) => choices.filter((c) => v.includes(c)).join(','),
    allowed: `keiner, einer oder mehrere aus ${join(choices)}, durch Kommas getrennt`,
  };
}

/** `length` decimal numbers (with a dot) in −limit … limit, comma-separated; null as default means "none given". */
export function numbersField(length: number, limit: number): LinkField<number[] | null> {
  return {
    default: null,
    parse: (raw) => {
      const items = raw.split(',');
      if (items.length !== length || !items.every((i) => /^-?(\d+\.?\d*|\.\d+)$/.test(i))) return undefined;
      const values = items.map(Number);
      return values.every((v) => Math.abs(v) <= limit) ? values.map((v) => (Object.is(v, -0) ? 0 : v)) : undefined;
    },
    format: (v) => (v ?? []).map((x) => String(Math.round(x * 1e6) / 1e6)).join(','),
    allowed: `${formatNumber(length)} Zahlen von \u2212${formatNumber(limit)} bis ${formatNumber(limit)}, durch Kommas getrennt, mit Punkt als Dezimalzeichen`,
  };
}

/** Whether the query string holds any parameter of `spec` (then the demo was opened from its link). */
export const hasLink = (spec: LinkSpec, search: string): boolean => [...new URLSearchParams(search).keys()].some((k) => k.startsWith(spec.prefix));

/** Reads `spec`'s parameters from `search`: every field's value (its default where absent or not allowed) and a notice per refused parameter. */
export function readLink<S extends LinkSpec>(spec: S, search: string): { values: LinkValues<S>; notices: LinkNotice[] } {
  const query = new URLSearchParams(search);
  const values = {} as Record<string, unknown>;
  const notices: LinkNotice[] = [];
  for (const [name, field] of Object.entries(spec.fields)) {
    const param = spec.prefix + name;
    const raw = query.get(param);
    const parsed = raw === null ? undefined : field.parse(raw);
    values[name] = parsed === undefined ? field.default : parsed;
    if (raw !== null && parsed === undefined) {
      notices.push({ param, value: raw, kind: 'invalid', allowed: field.allowed, fallback: field.default === null ? undefined : (field.label ?? field.format)(field.default) });
    }
  }
  for (const [param, value] of query) {
    if (param.startsWith(spec.prefix) && !(param.slice(spec.prefix.length) in spec.fields)) notices.push({ param, value, kind: 'unknown' });
  }
  return { values: values as LinkValues<S>, notices };
}

/** `search` with `spec`'s parameters set to `values` (defaults and unknown ones of the prefix removed); other parameters stay. */
export function writeLink<S extends LinkSpec>(spec: S, values: Partial<LinkValues<S>>, search: string): string {
  const query = new URLSearchParams(search);
  for (const key of [...query.keys()]) if (key.startsWith(spec.prefix)) query.delete(key);
  for (const [name, field] of Object.entries(spec.fields)) {
    const value = (values as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    const text = field.format(value);
    if (field.default === null || text !== field.format(field.default)) query.set(spec.prefix + name, text);
  }
  const out = query.toString().replace(/%2C/g, ',');
  return out ? `?${out}` : '';
}

/** At most 40 characters of what the link held, so a garbled link cannot flood the page. */
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 39)}…` : value);

/** A notice in German: what was refused, what is allowed, and what the demo shows instead. */
export function noticeText(n: LinkNotice): string {
  if (n.kind === 'unknown') return `Der Link enthält „${n.param}=${shown(n.value)}“, das kennt diese Demo nicht – ignoriert.`;
  const instead = n.fallback === undefined || n.fallback === '' ? 'die Voreinstellung' : `die Voreinstellung (${n.fallback})`;
  return `Der Link enthält „${n.param}=${shown(n.value)}“; erlaubt: ${n.allowed}. Die Demo nimmt stattdessen ${instead}.`;
}

/** All notices of a link as one German paragraph (empty when the link was fine). */
export function noticesText(demo: string, notices: LinkNotice[]): string {
  if (!notices.length) return '';
  return `${demo}: Nicht alles aus dem Link ließ sich übernehmen. ${notices.map(noticeText).join(' ')}`;
}
