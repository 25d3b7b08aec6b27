/**
 * Puts a `View` (training-view.ts) on the server-rendered training island. It only copies what
 * the view says; tables, charts and example pictures are rebuilt only when their data changed.
 */
import { renderCurves } from '../../lib/plot/curves';
import { asSingleImage } from '../../lib/plot/a11y';
import { de } from './de';
import { featureMapPixels, filterPixels, saliencyPixels, type Pixels } from '../../lib/plot/inspect-pixels';
import type { DemoEvaluation } from './training-protocol';
import type { Inspecting } from './training-state';
import type { Control, InspectView, View } from './training-view';

const t = de.training;

/** The island's elements the view writes to. */
export interface TrainingElements {
  root: HTMLElement;
  buttons: Record<Control, HTMLButtonElement>;
  settings: (HTMLSelectElement | HTMLInputElement)[];
  status: HTMLElement;
  news: HTMLElement;
  error: HTMLElement;
  backendNote: HTMLElement;
  dataNote: HTMLElement;
  run: HTMLElement;
  progress: HTMLProgressElement;
  progressLine: HTMLElement;
  stats: HTMLElement;
  charts: HTMLElement;
  epochRows: HTMLTableSectionElement;
  csv: HTMLButtonElement;
  results: HTMLElement;
  confusion: HTMLElement;
  examples: HTMLElement;
  knownClasses: HTMLElement;
  own: HTMLElement;
  inspect: { select: HTMLSelectElement; button: HTMLButtonElement; status: HTMLElement; output: HTMLElement };
}

/** Finds the elements of a server-rendered <training-demo>. */
export function findElements(root: HTMLElement): TrainingElements {
  const $ = <T extends Element>(selector: string) => {
    const el = root.querySelector<T>(selector);
    if (!el) throw new Error(`training demo: ${selector} is missing from the page`);
    return el;
  };
  return {
    root,
    buttons: {
      start: $('[data-action="start"]'),
      pause: $('[data-action="pause"]'),
      stop: $('[data-action="stop"]'),
      reset: $('[data-action="reset"]'),
    },
    settings: [...root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('form select, form input')],
    status: $('.status'),
    news: $('.news'),
    error: $('.error'),
    backendNote: $('.backend-note'),
    dataNote: $('.data-note'),
    run: $('.run'),
    progress: $('progress'),
    progressLine: $('.progress-line'),
    stats: $('.stats'),
    charts: $('.charts'),
    epochRows: $('.epochs tbody'),
    csv: $('[data-action="csv"]'),
    results: $('.results'),
    confusion: $('.confusion'),
    examples: $('.examples'),
    knownClasses: $('.known-classes'),
    own: $('.own-result'),
    inspect: { select: $('select[name="inspect-image"]'), button: $('[data-action="inspect"]'), status: $('.inspect-status'), output: $('.inspect-output') },
  };
}

const setText = (el: HTMLElement, text: string) => {
  if (el.textContent !== text) el.textContent = text;
};
const setNote = (el: HTMLElement, text: string | null) => {
  el.hidden = !text;
  setText(el, text ?? '');
};

/** What was drawn last, so unchanged parts are not rebuilt. */
export interface Drawn {
  rows: string[][] | null;
  curves: unknown;
  evaluation: DemoEvaluation | null;
  /** The inspection whose pictures are on screen (kept while the next one is computed). */
  inspection: Inspecting | null;
}

/** Nothing drawn yet. */
export const NOTHING_DRAWN: Drawn = { rows: null, curves: null, evaluation: null, inspection: null };

/** A canvas showing `pixels`; the figure around it carries the text, so the canvas is hidden from screen readers. */
function canvasOf(doc: Document, pixels: Pixels): HTMLCanvasElement {
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

/** The pictures of one inspection: input and saliency, conv1's filters, each layer's feature maps. */
function drawInspection(el: HTMLElement, figures: NonNullable<InspectView['figures']>, ready: Extract<Inspecting, { state: 'ready' }>) {
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

function renderInspect(el: TrainingElements['inspect'], view: InspectView, inspection: Inspecting | null, drawn: Inspecting | null): Inspecting | null {
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
  setText(status, view.status);
  if (inspection?.state === 'ready' && view.figures && inspection !== drawn) {
    drawInspection(output, view.figures, inspection);
    return inspection;
  }
  return drawn;
}

function drawCharts(el: HTMLElement, curves: NonNullable<View['run']>['curves']) {
  const doc = el.ownerDocument;
  el.replaceChildren(
    ...(['loss', 'accuracy'] as const).map((metric) => {
      const figure = doc.createElement('figure');
      const label = t.charts.label(metric);
      const start = curves[metric].some((p) => p.epoch < 1) ? 0 : 1;
      const svg = asSingleImage(renderCurves({ document: doc, points: curves[metric], metric, epochs: curves.epochs, start, labels: t.charts.axes(metric) }), label);
      const caption = doc.createElement('figcaption');
      caption.textContent = t.charts.caption(label);
      figure.append(svg, caption);
      return figure;
    }),
  );
}

function drawConfusion(el: HTMLElement, results: NonNullable<View['results']>) {
  const doc = el.ownerDocument;
  const table = doc.createElement('table');
  table.createCaption().textContent = results.caption;
  const head = table.createTHead().insertRow();
  head.append(...results.head.map((text) => Object.assign(doc.createElement('th'), { scope: 'col', textContent: text })));
  const body = table.createTBody();
  for (const row of results.rows) {
    const tr = body.insertRow();
    tr.append(Object.assign(doc.createElement('th'), { scope: 'row', textContent: row.name }));
    for (const cell of row.cells) tr.insertCell().textContent = cell;
    tr.insertCell().textContent = row.accuracy;
  }
  el.replaceChildren(table);
}

function drawExamples(el: HTMLElement, results: NonNullable<View['results']>, evaluation: DemoEvaluation) {
  const doc = el.ownerDocument;
  el.replaceChildren(
    ...results.examples.map((ex) => {
      const image = evaluation.examples[ex.index];
      const li = doc.createElement('li');
      li.dataset.verdict = ex.right ? 'right' : 'wrong';
      const canvas = doc.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      canvas.getContext('2d')?.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', ex.label);
      const p = doc.createElement('p');
      p.textContent = ex.text;
      li.append(canvas, p);
      return li;
    }),
  );
}

/**
 * Applies `view`; returns what it drew. When the focused control becomes disabled, focus moves
 * to `view.focus` (never to the page), so the next key press lands somewhere sensible.
 */
export function renderView(el: TrainingElements, view: View, drawn: Drawn, evaluation: DemoEvaluation | null, redrawCharts: boolean, inspection: Inspecting | null = null): Drawn {
  const { root } = el;
  const active = root.ownerDocument.activeElement;
  root.dataset.state = view.state;
  root.dataset.backend = view.backend;
  root.dataset.epoch = view.epoch;
  for (const [name, button] of Object.entries(el.buttons) as [Control, HTMLButtonElement][]) button.disabled = view.disabled[name];
  setText(el.buttons.pause, view.pauseLabel);
  for (const input of el.settings) input.disabled = view.settingsDisabled;
  setText(el.status, view.status);
  setText(el.news, view.news);
  setText(el.error, view.error);
  setNote(el.backendNote, view.backendNote);
  setNote(el.dataNote, view.dataNote);
  el.run.hidden = !view.run;
  const next: Drawn = { ...drawn };
  if (view.run) {
    el.progress.value = view.run.progress;
    setText(el.progressLine, view.run.progressLine);
    setText(el.stats, view.run.stats);
    el.csv.disabled = !view.run.csv;
    if (JSON.stringify(view.run.rows) !== JSON.stringify(drawn.rows)) {
      el.epochRows.replaceChildren(
        ...view.run.rows.map((cells) => {
          const tr = root.ownerDocument.createElement('tr');
          for (const text of cells) tr.insertCell().textContent = text;
          return tr;
        }),
      );
      next.rows = view.run.rows;
    }
    if (redrawCharts && view.run.curves !== drawn.curves) {
      if (view.run.curves.loss.length) drawCharts(el.charts, view.run.curves);
      else el.charts.replaceChildren();
      next.curves = view.run.curves;
    }
  } else {
    el.epochRows.replaceChildren();
    el.charts.replaceChildren();
    el.progress.value = 0;
    setText(el.progressLine, '');
    setText(el.stats, '');
    next.rows = null;
    next.curves = null;
  }
  el.results.hidden = !view.results;
  if (view.results && evaluation) {
    if (evaluation !== drawn.evaluation) {
      drawConfusion(el.confusion, view.results);
      drawExamples(el.examples, view.results, evaluation);
      setText(el.knownClasses, view.results.knownClasses);
      next.evaluation = evaluation;
    }
    setText(el.own, view.results.own);
    next.inspection = renderInspect(el.inspect, view.results.inspect, inspection, drawn.inspection);
  } else if (drawn.evaluation) {
    el.confusion.replaceChildren();
    el.examples.replaceChildren();
    setText(el.own, '');
    el.inspect.output.replaceChildren();
    el.inspect.select.replaceChildren();
    delete el.inspect.select.dataset.options;
    setText(el.inspect.status, '');
    next.evaluation = null;
    next.inspection = null;
  }
  if (active instanceof HTMLElement && (active as HTMLButtonElement).disabled && root.contains(active)) {
    (view.focus === 'status' ? el.status : el.buttons[view.focus]).focus();
  }
  return next;
}
