/**
 * The training island's results after a run: confusion matrix, examples, the own image's
 * prediction and "Ins Modell sehen" (image choice, status line, and the pictures of an
 * inspection: input, saliency, conv1's filters, each layer's feature maps).
 */
import { featureMapPixels, filterPixels, saliencyPixels, type Pixels } from '../../lib/plot/inspect-pixels';
import { drawConfusion, drawExamples } from './training-draw';
import type { TrainingElements } from './training-elements';
import type { DemoEvaluation } from './training-protocol';
import type { Inspecting } from './training-state';
import type { InspectView, View } from './training-view';

/** A canvas showing `pixels`; the figure around it carries the text, so the canvas is hidden from screen readers. */
export function canvasOf(doc: Document, pixels: Pixels): HTMLCanvasElement {
  const canvas = doc.createElement('canvas');
  canvas.width = pixels.width;
  canvas.height = pixels.height;
  canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
  canvas.setAttribute('aria-hidden', 'true');
  return canvas;
}

function figureOf(doc: Document, kind: string, caption: string, canvases: HTMLCanvasElement[]): HTMLElement {
  const figure = doc.createElement('figure');
  figure.className = `inspect-${kind}`;
  const grid = doc.createElement('div');
  grid.className = 'inspect-grid';
  grid.append(...canvases);
  const figcaption = doc.createElement('figcaption');
  figcaption.textContent = caption;
  figure.append(grid, figcaption);
  return figure;
}

/** Draws the pictures of one inspection: input and saliency, conv1's filters, each layer's feature maps. */
export function drawInspection(el: HTMLElement, figures: NonNullable<InspectView['figures']>, ready: Extract<Inspecting, { state: 'ready' }>) {
  const doc = el.ownerDocument;
  const { filters, featureMaps, saliency } = ready.inspection;
  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  el.replaceChildren(
    figureOf(doc, 'input', figures.input, [canvasOf(doc, ready.image)]),
    figureOf(doc, 'saliency', figures.saliency, [canvasOf(doc, saliencyPixels(saliency))]),
    figureOf(doc, 'filters', figures.filters, range(filters.count).map((k) => canvasOf(doc, filterPixels(filters, k)))),
    ...featureMaps.map((maps, i) => figureOf(doc, `maps-${maps.layer}`, figures.maps[i], range(maps.count).map((k) => canvasOf(doc, featureMapPixels(maps, k))))),
  );
}

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
      drawConfusion(el.confusion, results);
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
