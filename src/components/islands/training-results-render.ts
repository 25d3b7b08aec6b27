/**
 * The training island's results after a run: confusion matrix, examples, the own image's
 * prediction and "Ins Modell sehen" (image choice, status line; the pictures: training-draw-inspect.ts).
 */
import { drawConfusion, drawExamples } from './training-draw';
import { drawLargeResults } from './training-draw-matrix';
import { canvasOf, drawInspection } from './training-draw-inspect';
import { showChosenFile } from './file-pick';
import type { TrainingElements } from './training-elements';
import type { DemoEvaluation } from './training-protocol';
import type { Inspecting } from './training-state';
import type { InspectView, View } from './training-view';
import type { BandView } from './training-view-band';
import { parseDemoBand, type DemoBand } from '../../lib/runs/band-compare';
import type { ResultsView } from './training-view-results';

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

/** Shows the own image as the model saw it (a canvas named for screen readers), redrawn only when it changed. */
function drawOwnSeen(el: HTMLElement, seen: ResultsView['ownSeen']) {
  const canvas = el.firstElementChild as (HTMLCanvasElement & { seen?: unknown }) | null;
  if ((canvas?.seen ?? null) === (seen?.image ?? null)) return;
  if (!seen) return el.replaceChildren();
  const next = Object.assign(canvasOf(el.ownerDocument, seen.image), { seen: seen.image });
  next.removeAttribute('aria-hidden');
  next.setAttribute('role', 'img');
  next.setAttribute('aria-label', seen.label);
  el.replaceChildren(next);
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
    drawOwnSeen(el.ownSeen, results.ownSeen);
    showChosenFile(el.ownInput, results.ownFile);
    return { evaluation, inspection: renderInspect(el.inspect, results.inspect, inspection, drawn.inspection) };
  }
  if (drawn.evaluation) {
    for (const node of [el.confusion, el.examples, el.inspect.output, el.inspect.select]) node.replaceChildren();
    el.own.textContent = el.inspect.status.textContent = '';
    el.ownSeen.replaceChildren();
    showChosenFile(el.ownInput, null);
    delete el.inspect.select.dataset.options;
  }
  return { evaluation: null, inspection: null };
}

/** The PyTorch band the page carries (data-band on <training-demo>, from the records at build time), or null without one or when it does not parse. */
export function readDemoBand(root: HTMLElement): DemoBand | null {
  const text = root.dataset.band;
  if (!text) return null;
  try {
    return parseDemoBand(text);
  } catch (error) {
    console.warn(`training demo: ${(error as Error).message}; no band is drawn`);
    return null;
  }
}

/** Writes the sentence about the band after the charts (a paragraph made on first use), or hides it. */
export function renderBand(charts: HTMLElement, band: BandView | null): void {
  let note = charts.nextElementSibling as HTMLElement | null;
  if (!note?.classList.contains('band-verdict')) {
    if (!band?.verdict) return;
    note = Object.assign(charts.ownerDocument.createElement('p'), { className: 'band-verdict' });
    charts.after(note);
  }
  const text = band?.verdict ?? '';
  note.hidden = !text;
  if (note.textContent !== text) note.textContent = text;
}
