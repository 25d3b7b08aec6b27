/**
 * Predictions per validation image of a run (format 1): the file a run record names in
 * `predictions`, written by scripts/pytorch/records.py (write_predictions) after the chapters'
 * program reached "Das Modell benutzen und prüfen". Each image is [id 'class/file.jpg', true class,
 * predicted class] in the validation loader's order. Checked against its record at build time; from
 * it "Das Modell benutzen und prüfen" draws per-class accuracy and the most confused pairs.
 */
import type { RunRecord } from './record';

/** Format of a predictions file (one entry per validation image of a run). */
export const PREDICTIONS_FORMAT = 1;

/** One run's predictions: class names in the model's order and one [id, true, predicted] per validation image. */
export interface Predictions {
  format: typeof PREDICTIONS_FORMAT;
  /** The record's name. */
  record: string;
  classes: string[];
  /** How many images were predicted right (checked against the images). */
  correct: number;
  images: [id: string, trueClass: number, predicted: number][];
}

/**
 * Checks predictions against the record that names them; throws naming the first problem (the build
 * fails on it): same run, one entry per validation image, ids unique and in their true class's folder,
 * and the share right equal to the record's last validation accuracy.
 */
export function validatePredictions(value: unknown, record: RunRecord, where = 'predictions'): Predictions {
  const p = value as Predictions;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!p || typeof p !== 'object') fail('not an object');
  if (p.format !== PREDICTIONS_FORMAT) fail(`format ${p.format}, expected ${PREDICTIONS_FORMAT}`);
  if (p.record !== record.name) fail(`belongs to run ${p.record}, but the record is ${record.name}`);
  if (!Array.isArray(p.classes) || p.classes.length !== record.config.classes || p.classes.some((c) => typeof c !== 'string' || !c))
    fail(`classes: expected ${record.config.classes} names`);
  if (!Array.isArray(p.images) || p.images.length !== record.images.val) fail(`${p.images?.length} images, the record validated on ${record.images.val}`);
  const seen = new Set<string>();
  let correct = 0;
  p.images.forEach((entry, i) => {
    if (!Array.isArray(entry) || entry.length !== 3) fail(`image ${i}: expected [id, true class, predicted class]`);
    const [id, t, q] = entry;
    if (typeof id !== 'string' || !/^[^/]+\/[^/]+\.jpg$/.test(id)) fail(`image ${i}: id ${id} is not 'class/file.jpg'`);
    for (const c of [t, q]) if (!Number.isInteger(c) || c < 0 || c >= p.classes.length) fail(`image ${i} (${id}): class ${c} out of range`);
    if (id.split('/')[0] !== p.classes[t]) fail(`image ${i}: ${id} is labelled ${p.classes[t]}`);
    if (seen.has(id)) fail(`image ${id} twice`);
    seen.add(id);
    if (t === q) correct++;
  });
  if (correct !== p.correct) fail(`says ${p.correct} right, the images have ${correct}`);
  const last = record.epochs.at(-1)!.valAccuracy;
  if (Math.abs(correct / p.images.length - last) > 1e-9)
    fail(`${correct} of ${p.images.length} right is not the record's last validation accuracy ${last}: not the same model or images`);
  return p;
}
