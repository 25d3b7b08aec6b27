/**
 * The training island's results after a run: confusion matrix, examples, the own image's
 * prediction and "Ins Modell sehen" (image choice, status line; the pictures: training-draw-inspect.ts).
 */
import { drawConfusion, drawExamples } from './training-draw';
import { drawLargeResults } from './training-draw-matrix';
import { drawInspection } from './training-draw-inspect';
import type { TrainingElements } from './training-elements';
import type { DemoEvaluation } from './training-protocol';
import type { Inspecting } from './training-state';
import type { InspectView, View } from './training-view';

/** Writes the "Ins Modell sehen" part; draws the pictures when a new inspection is ready and returns the one on screen. */
export function renderInspect(el: TrainingElements['inspect'], view: InspectView, inspection: Inspecting | null, drawn: Inspecting | null): Inspecting | null {
  const { select, status, output } = el;
  const doc = select.ownerDocument;
  const signature = JSON.stringify(view.options);
  if (select.dataset.options !== signature) {
    const keep = select.value;
    select.replaceChildren(...view.options.map((o) => Object.assign(doc.createElement('option'), { value: o.value, textContent: o.label, disabled: o.disabled })));
    select.dataset.options = signature;
    select.value = view.options.some((o) => o.value === keep && !o.disabled) ? keep : view.selected;
  }
  // The button stays enabled while a request runs (the state ignores a second one), so keyboard focus stays on it.
  output.setAttribute('aria-busy', String(view.busy));
  if (status.textContent !== view.status) status.textContent = view.status;
  if (inspection?.state === 'ready' && view.figures && inspection !== drawn) {
    drawInspection(output, view.figures, inspection);
    return inspection;
  }
  return drawn;
}

/**
 * The confusion region: the table up to TABLE_MAX_CLASSES classes (the region scrolls sideways and
 * is a tab stop), else the large view, which fits the width and scrolls only inside its matrix.
 */
function drawConfusionView(el: HTMLElement, results: NonNullable<View['results']>, evaluation: DemoEvaluation) {
  if (results.large) {
    drawLargeResults(el, results.large, evaluation.confusion, evaluation.classes);
    el.dataset.layout = 'large';
    el.removeAttribute('tabindex');
  } else {
    drawConfusion(el, results);
    delete el.dataset.layout;
    el.tabIndex = 0;
  }
}

/** Shows or clears the results; returns what is on screen now (the evaluation and the inspection drawn). */
export function renderResults(
  el: TrainingElements,
  results: View['results'],
  evaluation: DemoEvaluation | null,
  inspection: Inspecting | null,
  drawn: { evaluation: DemoEvaluation | null; inspection: Inspecting | null },
): { evaluation: DemoEvaluation | null; inspection: Inspecting | null } {
  el.results.hidden = !results;
  if (results && evaluation) {
    if (evaluation !== drawn.evaluation) {
      drawConfusionView(el.confusion, results, evaluation);
      drawExamples(el.examples, results, evaluation);
      el.knownClasses.textContent = results.knownClasses;
    }
    if (el.own.textContent !== results.own) el.own.textContent = results.own;
    return { evaluation, inspection: renderInspect(el.inspect, results.inspect, inspection, drawn.inspection) };
  }
  if (drawn.evaluation) {
    for (const node of [el.confusion, el.examples, el.inspect.output, el.inspect.select]) node.replaceChildren();
    el.own.textContent = el.inspect.status.textContent = '';
    delete el.inspect.select.dataset.options;
  }
  return { evaluation: null, inspection: null };
}
