/**
 * What the model loader shows, from its state alone (model-loader-state.ts): the status line, the
 * problems, the model's description and check logits, the own image's prediction, the scores on the
 * chapters-split validation images and the "Ins Modell sehen" part (captions shared with the
 * training demo's, de-training.ts). German throughout; numbers through lib/format.ts.
 */
import type { ModelFileProblem } from '../../lib/model/model-file';
import { formatNumber, formatPercent } from '../../lib/format';
import { LOADER as t } from './model-loader-de';
import { TRAINING } from './de-training';
import type { InspectSource } from './training-protocol';
import { sourceValue } from './training-view-results';
import type { InspectView } from './training-view-results';
import type { LoaderState } from './model-loader-state';

const shape = (s: number[]) => `[${s.map((d) => formatNumber(d)).join(', ')}]`;

/** One German sentence per problem: what does not fit and what was expected. */
export function problemText(p: ModelFileProblem): string {
  switch (p.code) {
    case 'no-meta': return 'Der Datei fehlt der Eintrag _meta (ein JSON-Text mit imageSize und classes); schreibe sie so, wie das Kapitel es zeigt.';
    case 'bad-meta': return `_meta ist unbrauchbar: ${p.detail}. Erwartet: JSON mit imageSize (durch 4 teilbar) und classes (mindestens zwei Namen).`;
    case 'missing': return `${p.name} fehlt (erwartete Form ${shape(p.shape)}).`;
    case 'extra': return `${p.name} gehört nicht zu SimpleCNN.`;
    case 'shape': return `${p.name} hat die Form ${shape(p.shape)}, erwartet ist ${shape(p.expected)} (für die Bildgröße und Klassenzahl in _meta).`;
    case 'not-float': return `${p.name} ist nicht float32.`;
  }
}

/** The scores on the validation images: a summary, the grid's cells, per-class and confusion lines. */
export interface EvaluationView {
  status: string;
  gridLabel: string;
  cells: { text: string; right: boolean }[];
  perClass: string[];
  confused: string[];
}

/** Everything the island draws, as text and flags. */
export interface LoaderView {
  status: string;
  progress: number | null;
  problems: string[];
  about: string;
  check: string;
  own: string;
  ready: boolean;
  evaluation: EvaluationView | null;
  inspect: InspectView | null;
}

const gb = (bytes: number) => formatNumber(bytes / 1e9, 1);
const mb = (bytes: number) => formatNumber(bytes / 1e6, 1);

function evaluationOf(state: Extract<LoaderState, { phase: 'ready' }>): EvaluationView {
  const e = state.evaluation;
  const blank = { gridLabel: '', cells: [], perClass: [], confused: [] };
  if (e.state === 'pending') return { ...blank, status: e.total ? t.evaluation.progress(e.done ?? 0, e.total) : t.evaluation.pending };
  if (e.state === 'failed') return { ...blank, status: t.evaluation.failed(e.message) };
  if (e.state === 'none') return { ...blank, status: e.reason === 'no-set' ? t.evaluation.noSet(state.meta.imageSize) : t.evaluation.noClasses };
  const { evaluation: ev, examples } = e;
  const classes = state.meta.classes;
  const counts = ev.perClass.map((c) => c.images);
  const [fewest, most] = [Math.min(...counts), Math.max(...counts)];
  const perClassCount = fewest === most ? formatNumber(most, 0) : `${formatNumber(fewest, 0)} bis ${formatNumber(most, 0)}`;
  const status = t.evaluation.summary(ev.correct, ev.count, formatPercent(ev.accuracy), ev.perClass.length, perClassCount) + (ev.missing.length ? ` ${t.evaluation.missing(ev.missing.length)}` : '');
  return {
    status,
    gridLabel: t.evaluation.gridLabel(examples.length, ev.count),
    cells: examples.map((ex) => {
      const right = ex.ranked[0].label === ex.label;
      return { text: t.evaluation.cell(classes[ex.label], classes[ex.ranked[0].label], formatPercent(ex.ranked[0].p), right), right };
    }),
    perClass: ev.perClass.map((c) => t.evaluation.perClass(classes[c.index], Math.round(c.accuracy * c.images), c.images, formatPercent(c.accuracy))),
    confused: ev.confused.length ? ev.confused.map((c) => t.evaluation.confused(classes[c.trueClass], classes[c.predicted], c.count, c.images)) : [t.evaluation.noConfusion],
  };
}

function inspectOf(state: Extract<LoaderState, { phase: 'ready' }>): InspectView | null {
  const e = state.evaluation;
  const examples = e.state === 'ready' ? e.examples : [];
  const ownReady = Array.isArray(state.own);
  if (!examples.length && !ownReady) return null;
  const classes = state.meta.classes;
  const w = TRAINING.inspect;
  const nameOf = (s: InspectSource) => (s.kind === 'own' ? w.ownName : t.inspect.example(s.index + 1, classes[examples[s.index].label]));
  const options = [
    ...examples.map((ex, index) => ({ value: `example-${index}`, label: t.inspect.example(index + 1, classes[ex.label]), disabled: false })),
    { value: 'own', label: ownReady ? w.ownReady : w.own, disabled: !ownReady },
  ];
  const i = state.inspection;
  let status = '';
  let figures: InspectView['figures'] = null;
  if (i?.state === 'pending') status = w.pending(nameOf(i.source));
  else if (i?.state === 'failed') status = w.failed(i.message);
  else if (i?.state === 'ready') {
    const { filters, featureMaps, saliency, probabilities } = i.inspection;
    const cls = classes[saliency.classIndex];
    status = w.ready(nameOf(i.source), cls, formatPercent(probabilities[saliency.classIndex]), featureMaps[0].count, featureMaps[1].count);
    figures = {
      input: w.input(i.image.width),
      saliency: w.saliency(cls),
      filters: w.filters(filters.count, filters.size),
      maps: featureMaps.map((m) => w.maps(m.layer, m.count, m.width)),
    };
  }
  return { options, selected: i ? sourceValue(i.source) : examples.length ? 'example-0' : 'own', busy: i?.state === 'pending', status, figures };
}

/** What the island shows for `state`. */
export function viewLoader(state: LoaderState): LoaderView {
  const blank = { progress: null, problems: [], about: '', check: '', own: '', ready: false, evaluation: null, inspect: null };
  switch (state.phase) {
    case 'idle': return { ...blank, status: t.idle };
    case 'too-big': {
      const r = state.budget.refusal!;
      const status = r.code === 'file-too-large' ? t.tooBigFile(state.name, gb(state.budget.fileBytes), gb(r.limit)) : t.tooBigDevice(state.name, mb(state.budget.fileBytes), gb(state.budget.peakBytes), formatNumber(r.available / 2 ** 30, 2));
      return { ...blank, status };
    }
    case 'reading': {
      const note = state.budget.exceedsWebGpuDefaults ? t.bigNote(gb(state.budget.peakBytes)) : '';
      return { ...blank, status: t.reading(state.name, mb(state.loaded), mb(state.total)) + note, progress: state.total ? state.loaded / state.total : 0 };
    }
    case 'checking': return { ...blank, status: t.checking(state.name) };
    case 'failed': return { ...blank, status: t.failed(state.name, state.message) };
    case 'rejected': return { ...blank, status: t.rejected(state.name), problems: state.problems.map(problemText) };
    case 'ready': {
      const { meta, checkLogits } = state;
      const acc = typeof meta.valAccuracy === 'number' ? `, Validierungsgenauigkeit laut Datei ${formatPercent(meta.valAccuracy)}` : '';
      const about = `${meta.imageSize} × ${meta.imageSize} Pixel, ${meta.classes.length} Klassen${acc}${meta.tool ? `; geschrieben von ${meta.tool}` : ''}.`;
      const written = meta.check?.logits;
      const diff = written && written.length === checkLogits.length ? Math.max(...written.map((v, i) => Math.abs(v - checkLogits[i]))) : null;
      const agreement = diff === null ? '' : diff < 1e-4 ? ' Sie stimmen mit den Werten in der Datei überein.' : ` Sie weichen um bis zu ${formatNumber(diff, 6)} von den Werten in der Datei ab.`;
      const check = `Logits für die Prüfeingabe (${meta.check?.input ?? 'x[0, c, h, w] = ((131 c + 31 h + 7 w) mod 97) / 48,5 − 1'}): ${checkLogits.map((v) => formatNumber(v, 6)).join('; ')}.${agreement}`;
      const own = state.own === 'pending' ? 'Das Modell rechnet …' : state.own ? `Vorhersage: ${state.own.map((r) => `${meta.classes[r.label]} ${formatPercent(r.p)}`).join(', ')}` : '';
      return { ...blank, status: t.loaded(state.name), about, check, own, ready: true, evaluation: evaluationOf(state), inspect: inspectOf(state) };
    }
  }
}
