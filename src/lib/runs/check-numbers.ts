/**
 * The numbers of every record and reference file the site publishes (src/data/**.json: our runs,
 * the PyTorch arms, the shared reference, the probes, "Wie es besser geht"), checked by what each
 * field means — so a wrong number fails the build, naming the file and the field, instead of
 * printing "500,0 %". Pure: no file system; src/lib/runs/data-files-node.ts reads the files.
 *
 * The rules go by a field's name, as every producer (train:full, scripts/pytorch/records.py,
 * bench/, tests/python/*probe*) writes them: `valAccuracy`, `val_acc`, `trainLoss`,
 * `train_loss_mean`, `seconds`, `cpu_ms_per_image_mean`, arrays `epochs` of `{ epoch }`.
 */

/** A record that must not be published: `file` and `field` say where, the message what is wrong. */
export class RecordError extends Error {
  constructor(readonly file: string, readonly field: string, problem: string) {
    super(field ? `${file}: ${field} ${problem}` : `${file}: ${problem}`);
    this.name = 'RecordError';
  }
}

/**
 * The largest loss a record may hold. Cross-entropy over 101 classes starts near ln 101 ≈ 4.6; the
 * largest committed (a learning-rate probe that diverges on purpose) is about 31. Anything past
 * 1000 is a broken measurement, not a result.
 */
export const MAX_LOSS = 1000;

interface Rule {
  /** What the rule is about, for the message. */
  what: string;
  /** Matches the field's own name (the last part of its path). */
  name: RegExp;
  min: number;
  max: number;
  /** A field the producer may leave empty (null) because it did not measure it. */
  nullable?: RegExp;
}

/** The rules in order; the first whose `name` matches a field applies to it. */
export const NUMBER_RULES: readonly Rule[] = [
  { what: 'an accuracy', name: /(^|_)acc$|accuracy$/i, min: 0, max: 1 },
  { what: 'a share', name: /fraction$|share$|(^|_)prob$/i, min: 0, max: 1 },
  { what: 'a loss', name: /loss/i, min: 0, max: MAX_LOSS, nullable: /last_?batch$/i },
  { what: 'a duration', name: /seconds|(^|_)ms(_|$)/i, min: 0, max: Number.POSITIVE_INFINITY },
];

/** Arrays whose entries are numbered: `epochs` by `epoch`, `batches` by `batch`, each 1, 2, 3, … */
export const NUMBERED_ARRAYS: Readonly<Record<string, string>> = { epochs: 'epoch', batches: 'batch' };

const describe = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/** Parses a data file's text; invalid JSON is a RecordError naming the file. */
export function parseRecordText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RecordError(file, '', `is not valid JSON (${(error as Error).message})`);
  }
}

/** Checks every number of a record or reference file (see NUMBER_RULES); throws a RecordError at the first bad one. */
export function checkRecordNumbers(value: unknown, file: string): void {
  walk(value, '', file);
}

function walk(value: unknown, path: string, file: string): void {
  if (Array.isArray(value)) {
    const key = path.split(/[.\]]/).at(-1) ?? '';
    const index = NUMBERED_ARRAYS[key];
    value.forEach((entry, i) => {
      if (index && (typeof entry !== 'object' || entry === null || (entry as Record<string, unknown>)[index] !== i + 1)) {
        const found = typeof entry === 'object' && entry !== null ? describe((entry as Record<string, unknown>)[index]) : describe(entry);
        throw new RecordError(file, `${path}[${i}].${index}`, `is ${found}, expected ${i + 1} (${key} are numbered consecutively from 1)`);
      }
      walk(entry, `${path}[${i}]`, file);
    });
    return;
  }
  if (typeof value === 'object' && value !== null) {
    checkSummary(value as Record<string, unknown>, path, file);
    for (const [key, entry] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      checkField(key, entry, field, file);
      walk(entry, field, file);
    }
  }
}

/** A run's own accuracy (`runs.x.valAccuracy` beside `runs.x.epochs`) is its last epoch's: a summary that says otherwise is wrong. */
function checkSummary(run: Record<string, unknown>, path: string, file: string): void {
  const last = Array.isArray(run.epochs) ? (run.epochs.at(-1) as Record<string, unknown> | undefined) : undefined;
  if (typeof last !== 'object' || last === null) return;
  for (const [key, value] of Object.entries(run)) {
    if (typeof value !== 'number' || !NUMBER_RULES[0].name.test(key) || !(key in last) || last[key] === value) continue;
    const field = path ? `${path}.${key}` : key;
    throw new RecordError(file, field, `is ${value}, but the last epoch says ${describe(last[key])} (a run's ${key} is its last epoch's)`);
  }
}

function checkField(key: string, value: unknown, field: string, file: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RecordError(file, field, `is ${value}, not a finite number`);
  const rule = NUMBER_RULES.find((r) => r.name.test(key));
  if (!rule || Array.isArray(value) || (typeof value === 'object' && value !== null)) return;
  if (value === null && rule.nullable?.test(key)) return;
  const range = rule.max === Number.POSITIVE_INFINITY ? `≥ ${rule.min}` : `in ${rule.min} … ${rule.max}`;
  if (typeof value !== 'number') throw new RecordError(file, field, `is ${describe(value)}, not a number (${rule.what} is a number ${range})`);
  if (value < rule.min || value > rule.max) throw new RecordError(file, field, `is ${value}, outside ${rule.what}'s range (${range})`);
}
