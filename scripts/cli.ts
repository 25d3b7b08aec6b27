/**
 * The command-line parser every script in scripts/ shares, built on `node:util` `parseArgs`:
 * options are declared once as a table (kind, range or choices, default, help line); unknown
 * options and bad values end the script with exit code 2 and a message that names the valid
 * choices, before the script has touched any data; `--help` prints the table.
 * Command-line knowledge lives here, never in src/lib.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseSeed, SEED_MAX } from '../src/lib/data/seed.ts';

/** One option: how its value is read and checked, and its line in --help. */
export type OptionSpec =
  /** A whole number in min … max, or one of the words in `or` (e.g. --per-class all). */
  | { kind: 'int'; min: number; max?: number; or?: readonly string[]; default?: number | string; help: string }
  /** A number strictly between `above` and `below`. */
  | { kind: 'number'; above: number; below: number; default?: number; help: string }
  /** A seed: an integer in 0 … 4294967295 (src/lib/data/seed.ts). */
  | { kind: 'seed'; default?: number; help: string }
  | { kind: 'choice'; choices: readonly (string | number)[]; default?: string | number; help: string }
  /** A comma-separated list of choices, e.g. --kernels stock,fast. */
  | { kind: 'choices'; choices: readonly (string | number)[]; default?: readonly (string | number)[]; help: string }
  | { kind: 'string'; default?: string; placeholder?: string; help: string }
  /** A path to a file that must exist (checked here, before the script reads anything). */
  | { kind: 'file'; placeholder?: string; help: string }
  | { kind: 'flag'; help: string };

/** A script's command line: how it is called, its help text and its options. */
export interface CommandSpec {
  /** How the script is called, e.g. "npm run train:full --". */
  command: string;
  /** One or two sentences for --help. */
  summary: string;
  options: Record<string, OptionSpec>;
  /** Allowed positional arguments (e.g. a benchmark's name); none when absent. */
  positionals?: { name: string; choices: readonly string[] };
}

type ValueOf<O extends OptionSpec> = O extends { kind: 'flag' }
  ? boolean
  : O extends { kind: 'int'; or: readonly (infer W)[] }
    ? number | W
    : O extends { kind: 'int' | 'number' | 'seed' }
    ? number
    : O extends { kind: 'choice'; choices: readonly (infer C)[] }
      ? C
      : O extends { kind: 'choices'; choices: readonly (infer C)[] }
        ? C[]
        : string;
type HasDefault<O extends OptionSpec> = O extends { kind: 'flag' } ? true : O extends { default: unknown } ? (undefined extends O['default'] ? false : true) : false;

/** The parsed values, keyed like the spec; options without a default may be undefined. */
export type OptionValues<S extends CommandSpec> = {
  [K in keyof S['options']]: HasDefault<S['options'][K]> extends true ? ValueOf<S['options'][K]> : ValueOf<S['options'][K]> | undefined;
};

/** A mistake on the command line: the message says what is wrong and what to choose. */
export class UsageError extends Error {}

/** Choices in words: "16, 32, 64, 128 or 224". */
const listChoices = (choices: readonly (string | number)[]) =>
  choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : String(choices[0]);

/** The closest option name to a misspelt one (edit distance ≤ 2), for "did you mean". */
function closest(name: string, names: string[]): string | undefined {
  const distance = (a: string, b: string) => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  };
  const best = names.map((n) => ({ n, d: distance(name, n) })).sort((a, b) => a.d - b.d)[0];
  return best && best.d <= 2 ? best.n : undefined;
}

function range(spec: Extract<OptionSpec, { kind: 'int' }>) {
  return `${spec.max === undefined ? `≥ ${spec.min}` : `${spec.min} … ${spec.max}`}${spec.or ? `, or ${listChoices(spec.or)}` : ''}`;
}

/** Reads one option's text as its kind; throws a UsageError naming the option and the valid values. */
function readValue(name: string, spec: OptionSpec, text: string): unknown {
  const bad = (expected: string) => new UsageError(`invalid --${name} ${JSON.stringify(text)} (${expected})`);
  switch (spec.kind) {
    case 'int': {
      if (spec.or?.includes(text)) return text;
      const n = Number(text);
      if (!/^-?\d+$/.test(text) || n < spec.min || (spec.max !== undefined && n > spec.max)) throw bad(`expected a whole number ${range(spec)}`);
      return n;
    }
    case 'seed':
      try {
        return parseSeed(text, `--${name}`);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    case 'number': {
      const n = Number(text);
      if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) || !(n > spec.above && n < spec.below)) throw bad(`expected a number between ${spec.above} and ${spec.below}, e.g. 0.001`);
      return n;
    }
    case 'choice': {
      const found = spec.choices.find((c) => String(c) === text);
      if (found === undefined) throw bad(`choose ${listChoices(spec.choices)}`);
      return found;
    }
    case 'choices': {
      const items = text.split(',').map((t) => t.trim());
      const found = items.map((t) => spec.choices.find((c) => String(c) === t));
      if (items.length === 0 || found.some((f) => f === undefined)) throw bad(`a comma-separated list of ${listChoices(spec.choices)}`);
      return found;
    }
    case 'file':
      if (!existsSync(text) || !statSync(text).isFile()) throw bad('no such file');
      return text;
    default:
      return text;
  }
}

/** The --help text: usage line, summary and one line per option with its values and default. */
export function formatHelp(spec: CommandSpec): string {
  const lines = Object.entries(spec.options).map(([name, o]) => {
    const value =
      o.kind === 'flag'
        ? ''
        : o.kind === 'int' || o.kind === 'seed'
          ? ' N'
          : o.kind === 'number'
            ? ' X'
            : o.kind === 'choice'
              ? ` ${o.choices.join('|')}`
              : o.kind === 'choices'
                ? ` ${o.choices.join(',')}`
                : ` ${o.placeholder ?? (o.kind === 'file' ? 'FILE' : 'VALUE')}`;
    const allowed = o.kind === 'int' ? ` (${range(o)})` : o.kind === 'number' ? ` (${o.above} < X < ${o.below})` : o.kind === 'seed' ? ` (0 … ${SEED_MAX})` : '';
    const fallback = 'default' in o && o.default !== undefined ? ` [default ${Array.isArray(o.default) ? o.default.join(',') : o.default}]` : '';
    return { left: `  --${name}${value}`, right: `${o.help}${allowed}${fallback}` };
  });
  lines.push({ left: '  --help', right: 'print this help and exit' });
  const width = Math.max(...lines.map((l) => l.left.length)) + 2;
  const positional = spec.positionals ? ` [${spec.positionals.choices.join('|')}]` : '';
  return [`usage: ${spec.command}${positional} [options]`, spec.summary, '', 'options:', ...lines.map((l) => l.left.padEnd(width) + l.right)].join('\n');
}

/**
 * Parses `argv` against `spec`. Returns the values (defaults filled in), the positionals, and
 * `help: true` when --help was given; throws a UsageError for anything it does not accept.
 */
export function parseOptions<S extends CommandSpec>(spec: S, argv: string[]): { values: OptionValues<S>; positionals: string[]; help: boolean } {
  const names = Object.keys(spec.options);
  const config = Object.fromEntries([
    ...Object.entries(spec.options).map(([name, o]) => [name, { type: o.kind === 'flag' ? ('boolean' as const) : ('string' as const) }]),
    ['help', { type: 'boolean' as const }],
  ]);
  // parseArgs reads "--seed -3" as an option without a value ("-3" looks like an option): join a
  // negative number to the option before it, so the value's own check names what is wrong with it.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].match(/^--([\w-]+)$/)?.[1];
    const option = name !== undefined && Object.hasOwn(spec.options, name) ? spec.options[name] : undefined;
    const next = argv[i + 1];
    if (option && option.kind !== 'flag' && next !== undefined && /^-\.?\d/.test(next)) args.push(`${argv[i]}=${argv[++i]}`);
    else args.push(argv[i]);
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof config; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: config, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const valid = `options: ${[...names, 'help'].map((n) => `--${n}`).join(' ')}`;
    const unknown = e.message.match(/Unknown option '(-{1,2})([^']+)'/);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
      const guess = closest(unknown[2], names);
      throw new UsageError(`unknown option ${unknown[1]}${unknown[2]}${guess ? ` (did you mean --${guess}?)` : ''}; ${valid}`);
    }
    const option = e.message.match(/Option '(?:-\w, )?--([\w-]+)/);
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
      const o = spec.options[option[1]];
      throw new UsageError(o?.kind === 'flag' ? `--${option[1]} takes no value` : `--${option[1]} needs a value`);
    }
    throw new UsageError(e.message);
  }
  const positionals = parsed.positionals;
  const allowed = spec.positionals;
  if (!allowed && positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])} (options start with --)`);
  if (allowed) {
    if (positionals.length > 1) throw new UsageError(`one ${allowed.name} at most, got ${positionals.join(' ')}`);
    if (positionals.length === 1 && !allowed.choices.includes(positionals[0])) {
      throw new UsageError(`unknown ${allowed.name} ${JSON.stringify(positionals[0])} (choose ${listChoices(allowed.choices)})`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const given = (parsed.values as Record<string, string | boolean | undefined>)[name];
    if (o.kind === 'flag') values[name] = given === true;
    else values[name] = given === undefined ? ('default' in o ? o.default : undefined) : readValue(name, o, given as string);
  }
  return { values: values as OptionValues<S>, positionals, help: (parsed.values as Record<string, unknown>).help === true };
}

/**
 * For a script's first lines: parses process.argv against `spec`; prints the help and exits 0
 * on --help, prints `name: message` and the usage line and exits 2 on a mistake.
 */
export function parseCommandLine<S extends CommandSpec>(name: string, spec: S, argv = process.argv.slice(2)): OptionValues<S> & { positionals: string[] } {
  try {
    const { values, positionals, help } = parseOptions(spec, argv);
    if (help) {
      console.log(formatHelp(spec));
      process.exit(0);
    }
    return { ...values, positionals };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return failUsage(name, spec, error.message);
  }
}

/** Ends the script like a bad option does (exit code 2), for checks across options: `--images 8` with `--batch 64`. */
export function failUsage(name: string, spec: CommandSpec, message: string): never {
  console.error(`${name}: ${message}\n${formatHelp(spec).split('\n')[0]} (--help lists the options)`);
  process.exit(2);
}
