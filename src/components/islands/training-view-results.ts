/**
 * What the training island shows after a run, computed from the run alone: the confusion matrix,
 * the example predictions, the own image's prediction and "Ins Modell sehen" (pure, no DOM).
 */
import type { Ranked } from '../../lib/train/evaluation';
import { formatNumber, formatPercent } from '../../lib/format';
import { de } from './de';
import { engineMessage } from './de-training';
import type { InspectSource } from './training-protocol';
import type { Run } from './training-state';
import { largeResultsOf, TABLE_MAX_CLASSES, type LargeResultsView } from './training-view-matrix';
import type { RGBAImage } from '../../lib/transforms/image';

const t = de.training;
const num = formatNumber;

/** One example prediction as shown: its place in the evaluation, right or wrong, its text and the image's label. */
export interface ExampleView {
  index: number;
  right: boolean;
  text: string;
  label: string;
}

/** The results after a run: confusion matrix rows, examples, the own image's prediction and the look inside. */
export interface ResultsView {
  caption: string;
  /** The confusion table (up to TABLE_MAX_CLASSES classes; empty above). */
  head: string[];
  rows: { name: string; cells: string[]; accuracy: string }[];
  /** Above TABLE_MAX_CLASSES classes: pairs, per-class lists and the zoomable matrix instead of the table. */
  large: LargeResultsView | null;
  examples: ExampleView[];
  knownClasses: string;
  own: string;
  /** The own image as the model saw it, with its accessible name; null while there is none. */
  ownSeen: { image: RGBAImage; label: string } | null;
  /** The own image's file name beside the file control, or null (then "keine Datei gewählt"). */
  ownFile: string | null;
  inspect: InspectView;
}

/** The "Ins Modell sehen" part of the results: the image choice, its status line and the figures' captions. */
export interface InspectView {
  options: { value: string; label: string; disabled: boolean }[];
  selected: string;
  busy: boolean;
  status: string;
  /** Captions of the figures, or null while nothing is shown. */
  figures: null | { input: string; saliency: string; filters: string; maps: string[] };
}

/** The value of an image choice in the select: `example-<index>` or `own`. */
export const sourceValue = (source: InspectSource) => (source.kind === 'own' ? 'own' : `example-${source.index}`);
/** The inverse of sourceValue (null for anything else). */
export function parseSourceValue(value: string): InspectSource | null {
  if (value === 'own') return { kind: 'own' };
  const m = /^example-(\d+)$/.exec(value);
  return m ? { kind: 'example', index: Number(m[1]) } : null;
}

const rankedText = (ranked: Ranked[], classes: string[]) => ranked.map((r) => t.results.ranked(classes[r.label], formatPercent(r.p))).join(' · ');

function inspectOf(run: Run, classes: string[], examples: { label: number }[]): InspectView {
  const i = run.inspection;
  const ownReady = run.ownImage?.state === 'ranked';
  const options = [
    ...examples.map((ex, index) => ({ value: `example-${index}`, label: t.inspect.example(index + 1, classes[ex.label]), disabled: false })),
    { value: 'own', label: ownReady ? t.inspect.ownReady : t.inspect.own, disabled: !ownReady },
  ];
  const nameOf = (s: InspectSource) => (s.kind === 'own' ? t.inspect.ownName : t.inspect.example(s.index + 1, classes[examples[s.index].label]));
  let status = '';
  let figures: InspectView['figures'] = null;
  if (i?.state === 'pending') status = t.inspect.pending(nameOf(i.source));
  else if (i?.state === 'failed') status = t.inspect.failed(engineMessage(i.message));
  else if (i?.state === 'ready') {
    const { filters, featureMaps, saliency, probabilities } = i.inspection;
    const cls = classes[saliency.classIndex];
    const [conv1, conv2] = featureMaps;
    status = t.inspect.ready(nameOf(i.source), cls, formatPercent(probabilities[saliency.classIndex]), conv1.count, conv2.count);
    figures = {
      input: t.inspect.input(i.image.width),
      saliency: t.inspect.saliency(cls),
      filters: t.inspect.filters(filters.count, filters.size),
      maps: featureMaps.map((m) => t.inspect.maps(m.layer, m.count, m.width)),
    };
  }
  return { options, selected: i ? sourceValue(i.source) : 'example-0', busy: i?.state === 'pending', status, figures };
}

/** The results of a finished run, or null before its evaluation. */
export function resultsOf(run: Run): ResultsView | null {
  const ev = run.evaluation;
  if (!ev) return null;
  const own = run.ownImage;
  let ownText = '';
  if (own?.state === 'pending') ownText = t.results.ownPending(own.name);
  else if (own?.state === 'ranked') ownText = t.results.own(own.name, rankedText(own.ranked, ev.classes));
  else if (own?.state === 'failed') ownText = t.results.ownFailed(own.name, engineMessage(own.message));
  else if (own?.state === 'rejected') ownText = t.results.ownRejected(own.name, own.code === 'too-large' ? de.upload['too-large'](own.width ?? 0, own.height ?? 0) : de.upload[own.code]);
  const large = ev.classes.length > TABLE_MAX_CLASSES;
  return {
    caption: t.results.confusionCaption,
    head: large ? [] : [t.results.corner, ...ev.classes, t.results.accuracy],
    large: large ? largeResultsOf(ev.confusion, ev.classes) : null,
    rows: (large ? [] : ev.confusion).map((row, i) => ({
      name: ev.classes[i],
      cells: row.map((n) => num(n)),
      accuracy: ev.classAccuracy[i] === null ? t.results.none : formatPercent(ev.classAccuracy[i]!),
    })),
    examples: ev.examples.map((ex, index) => {
      const right = ex.ranked[0]?.label === ex.label;
      return { index, right, label: t.results.exampleLabel(ev.classes[ex.label]), text: t.results.example(right ? t.results.right : t.results.wrong, ev.classes[ex.label], rankedText(ex.ranked, ev.classes)) };
    }),
    knownClasses: large ? t.large.knownClasses(num(ev.classes.length)) : t.results.knownClasses(ev.classes.join(', ')),
    own: ownText,
    ownSeen: own?.state === 'ranked' ? { image: own.seen, label: t.results.ownSeen(own.name, own.seen.width) } : null,
    ownFile: own?.name ?? null,
    inspect: inspectOf(run, ev.classes, ev.examples),
  };
}
