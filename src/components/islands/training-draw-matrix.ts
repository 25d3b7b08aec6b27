/**
 * Draws the training results at many classes (training-view-matrix.ts): summary, the most confused
 * pairs, weakest and best classes, every class folded in a table, and the confusion matrix as a
 * picture (one pixel per cell, scaled up) with a zoom and a cell cursor moved by keyboard or pointer
 * whose cell is read out in words.
 */
import { watchScrollers } from './scroll-watch';
import { cellAt, cellColor, cellText, moveCell, type Cell, type LargeResultsView, type ListView } from './training-view-matrix';

let ids = 0;

function listSection(doc: Document, list: ListView, className: string): HTMLElement {
  const section = doc.createElement('section');
  section.className = className;
  const heading = Object.assign(doc.createElement('h4'), { textContent: list.heading });
  const ol = doc.createElement('ol');
  ol.append(...list.items.map((text) => Object.assign(doc.createElement('li'), { textContent: text })));
  section.append(heading, ol);
  return section;
}

function allClasses(doc: Document, all: LargeResultsView['all']): HTMLElement {
  const details = doc.createElement('details');
  details.className = 'all-classes';
  details.append(Object.assign(doc.createElement('summary'), { textContent: all.summary }));
  // built from plain elements (not createCaption/insertRow), so linkedom draws it in the tests too
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => Object.assign(doc.createElement(tag), text === undefined ? {} : { textContent: text });
  const cell = (tag: 'th' | 'td', text: string, scope?: string) => Object.assign(el(tag, text), scope ? { scope } : {});
  const head = el('tr');
  head.append(...all.head.map((text) => cell('th', text, 'col')));
  const body = el('tbody');
  body.append(
    ...all.rows.map(([name, ...cells]) => {
      const tr = el('tr');
      tr.append(cell('th', name, 'row'), ...cells.map((text) => cell('td', text)));
      return tr;
    }),
  );
  const thead = el('thead');
  thead.append(head);
  const table = el('table');
  table.append(el('caption', all.caption), thead, body);
  // Its own scroll box (never the page), with the visible hint when it is wider than the screen.
  const hint = Object.assign(el('p', all.scrollHint), { className: 'scroll-hint' });
  hint.setAttribute('aria-hidden', 'true');
  const box = Object.assign(el('div'), { className: 'all-classes-scroll', tabIndex: 0 });
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', all.caption);
  box.append(table);
  details.append(hint, box);
  watchScrollers([box]); // checked when the folded table opens and whenever its width changes
  return details;
}

/** Paints `confusion` into `canvas`, one pixel per cell (k × k). */
function paintMatrix(canvas: HTMLCanvasElement, confusion: number[][]): void {
  const k = confusion.length;
  canvas.width = canvas.height = k;
  const ctx = canvas.getContext('2d');
  if (!ctx) return; // no 2D context (a test's DOM): the cell readout still works
  const image = ctx.createImageData(k, k);
  confusion.forEach((row, r) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, c) => image.data.set(cellColor(count, total, r === c), 4 * (r * k + c)));
  });
  ctx.putImageData(image, 0, 0);
}

function matrixSection(doc: Document, view: LargeResultsView['matrix'], confusion: number[][], classes: string[]): HTMLElement {
  const start = view.start;
  const k = view.classes;
  const id = `confusion-matrix-${++ids}`;
  const section = doc.createElement('section');
  section.className = 'matrix';
  const zoom = doc.createElement('select');
  zoom.name = 'matrix-zoom';
  zoom.append(...view.zooms.map((z) => Object.assign(doc.createElement('option'), { value: String(z.value), textContent: z.label })));
  const label = Object.assign(doc.createElement('label'), { textContent: `${view.zoomLabel} ` });
  label.append(zoom);
  const hint = Object.assign(doc.createElement('p'), { className: 'matrix-hint', textContent: view.hint, hidden: true });
  const scroll = doc.createElement('div');
  Object.assign(scroll, { className: 'matrix-scroll', tabIndex: 0 });
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', view.region);
  scroll.setAttribute('aria-describedby', `${id}-help`);
  const box = Object.assign(doc.createElement('div'), { className: 'matrix-box' });
  const canvas = doc.createElement('canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', view.label);
  const cursor = Object.assign(doc.createElement('div'), { className: 'matrix-cursor' });
  cursor.setAttribute('aria-hidden', 'true');
  box.append(canvas, cursor);
  scroll.append(box);
  const help = Object.assign(doc.createElement('p'), { id: `${id}-help`, className: 'matrix-help', textContent: view.help });
  const readout = Object.assign(doc.createElement('p'), { className: 'matrix-readout' });
  readout.setAttribute('role', 'status');
  readout.setAttribute('aria-live', 'polite');
  paintMatrix(canvas, confusion);

  let cell = start;
  const show = (next: Cell, scrollTo: boolean) => {
    cell = next;
    Object.assign(cursor.style, { left: `${(100 * cell.col) / k}%`, top: `${(100 * cell.row) / k}%`, width: `${100 / k}%`, height: `${100 / k}%` });
    readout.textContent = cellText(confusion, classes, cell);
    if (scrollTo) cursor.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  };
  scroll.addEventListener('keydown', (event) => {
    const next = moveCell(cell, event.key, k);
    if (!next) return;
    event.preventDefault();
    show(next, true);
  });
  // Mouse hover, and a tap or click (touch, pen, mouse) selects the cell under it.
  const pick = (event: PointerEvent | MouseEvent) => {
    const rect = canvas.getBoundingClientRect();
    const next = cellAt(event.clientX - rect.left, event.clientY - rect.top, rect.width, rect.height, k);
    if (next && (next.row !== cell.row || next.col !== cell.col)) show(next, false);
  };
  canvas.addEventListener('pointermove', pick);
  canvas.addEventListener('pointerdown', pick);
  canvas.addEventListener('click', pick);
  zoom.addEventListener('change', () => {
    box.style.setProperty('--zoom', zoom.value);
    hint.hidden = zoom.value === '1';
    show(cell, true);
  });
  show(start, false);
  section.append(
    Object.assign(doc.createElement('h4'), { textContent: view.heading }),
    Object.assign(doc.createElement('p'), { textContent: view.intro }),
    label,
    hint,
    scroll,
    help,
    readout,
  );
  return section;
}

/** Draws the large results into `el` (the confusion region); `confusion` and `classes` are the evaluation's. */
export function drawLargeResults(el: HTMLElement, view: LargeResultsView, confusion: number[][], classes: string[]): void {
  const doc = el.ownerDocument;
  const lists = Object.assign(doc.createElement('div'), { className: 'large-lists' });
  lists.append(listSection(doc, view.pairs, 'confused-pairs'), listSection(doc, view.worst, 'worst-classes'), listSection(doc, view.best, 'best-classes'));
  el.replaceChildren(
    Object.assign(doc.createElement('p'), { className: 'large-summary', textContent: view.summary }),
    lists,
    allClasses(doc, view.all),
    matrixSection(doc, view.matrix, confusion, classes),
  );
}
