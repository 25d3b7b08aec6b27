/**
 * Builds the training island's charts and result tables from the view: the loss and accuracy
 * charts (one at a time), the confusion matrix and the example predictions.
 */
import { renderCurves } from '../../lib/plot/curves';
import { asSingleImage } from '../../lib/plot/a11y';
import { canvasOf } from './training-draw-inspect';
import { de } from './de';
import type { DemoEvaluation } from './training-protocol';
import type { Curves, View } from './training-view';
import type { BandView } from './training-view-band';

const t = de.training;

/** The live charts, in their order on the page. */
export const CHART_METRICS = ['loss', 'accuracy'] as const;
/** One of the live charts: 'loss' or 'accuracy'. */
export type ChartMetric = (typeof CHART_METRICS)[number];

/**
 * Draws one live chart, a figure with its caption, into its place in `el` (the loss chart first,
 * the accuracy chart after it) and leaves the other as it is: the island draws each chart in a task
 * of its own. A band (training-view-band.ts) goes behind the accuracy.
 */
export function drawChart(el: HTMLElement, metric: ChartMetric, curves: Curves, band: BandView | null = null) {
  const doc = el.ownerDocument;
  const figure = doc.createElement('figure');
  figure.dataset.metric = metric;
  const label = t.charts.label(metric);
  const start = curves[metric].some((p) => p.epoch < 1) ? 0 : 1;
  const behind = metric === 'accuracy' && band?.points ? band.points : undefined;
  const svg = asSingleImage(renderCurves({ document: doc, points: curves[metric], metric, epochs: curves.epochs, start, labels: t.charts.axes(metric), band: behind }), label);
  const caption = doc.createElement('figcaption');
  caption.textContent = t.charts.caption(label) + (behind && band?.legend ? ` ${band.legend}` : '');
  figure.append(svg, caption);
  const figures = [...el.children] as HTMLElement[];
  const old = figures.find((f) => f.dataset.metric === metric);
  if (old) old.replaceWith(figure);
  else if (metric === CHART_METRICS[0]) el.prepend(figure);
  else el.append(figure);
}

/** Draws the epoch table's rows, one cell per text. */
export function drawRows(body: HTMLTableSectionElement, rows: string[][]) {
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = body.ownerDocument.createElement('tr');
      for (const text of cells) tr.insertCell().textContent = text;
      return tr;
    }),
  );
}

/** Draws the confusion matrix as a table with row and column headers. */
export function drawConfusion(el: HTMLElement, results: NonNullable<View['results']>) {
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

/** Draws the example predictions: each image with a green (right) or red (wrong) frame and its text. */
export function drawExamples(el: HTMLElement, results: NonNullable<View['results']>, evaluation: DemoEvaluation) {
  const doc = el.ownerDocument;
  el.replaceChildren(
    ...results.examples.map((ex) => {
      const image = evaluation.examples[ex.index];
      const li = doc.createElement('li');
      li.dataset.verdict = ex.right ? 'right' : 'wrong';
      const canvas = canvasOf(doc, image);
      canvas.removeAttribute('aria-hidden');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', ex.label);
      const p = doc.createElement('p');
      p.textContent = ex.text;
      li.append(canvas, p);
      return li;
    }),
  );
}
