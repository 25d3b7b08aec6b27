/** Puts a PlaygroundView into the playground's server-rendered DOM, reusing canvases so a re-roll only repaints pixels. */
import { renderHistogram } from '../../lib/plot/histogram';
import { de } from './de';
import type { ItemView, PlaygroundView } from './transforms-playground-view';

const drawn = new WeakMap<HTMLCanvasElement, ItemView['pixels']>();

/** Brings one list item up to date, reusing its canvas and caption (rebuilding the list would re-lay out the page). */
function paintItem(li: HTMLLIElement, { name, caption, label, pixels }: ItemView): void {
  let figure = li.querySelector('figure');
  if (!figure) {
    figure = li.appendChild(document.createElement('figure'));
    figure.append(document.createElement('figcaption'));
  }
  let canvas = figure.querySelector('canvas');
  if (!pixels) canvas?.remove();
  else if (pixels !== 'unchanged' && drawn.get(canvas!) !== pixels) {
    if (!canvas) {
      canvas = figure.insertBefore(document.createElement('canvas'), figure.firstChild);
      canvas.setAttribute('role', 'img');
    }
    if (canvas.width !== pixels.width) canvas.width = pixels.width;
    if (canvas.height !== pixels.height) canvas.height = pixels.height;
    const ctx = canvas.getContext('2d')!;
    if (pixels instanceof ImageBitmap) ctx.drawImage(pixels, 0, 0);
    else ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
    drawn.set(canvas, pixels);
  }
  canvas?.setAttribute('aria-label', label);
  const strong = document.createElement('strong');
  strong.textContent = name;
  figure.querySelector('figcaption')!.replaceChildren(strong, document.createElement('br'), caption);
}

/** A figure of `svg` with `text` as its caption. */
function figureOf(svg: SVGSVGElement, text: string): HTMLElement {
  const f = document.createElement('figure');
  f.append(svg, Object.assign(document.createElement('figcaption'), { textContent: text }));
  return f;
}

/** Draws `view` into `root`; the histograms only when a new run arrived (`fresh`). */
export function renderPlayground(root: HTMLElement, view: PlaygroundView, fresh: boolean): void {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  $('.status').textContent = view.status;
  $('.notes').textContent = view.notes;
  $('.error').textContent = view.alert;
  const linkNotes = root.querySelector('.link-notes');
  if (linkNotes && linkNotes.textContent !== view.linkNote) linkNotes.textContent = view.linkNote;
  const select = $<HTMLSelectElement>('select[name="sample"]');
  let own = select.querySelector<HTMLOptionElement>('option[data-own]');
  if (view.ownOption && !own) select.prepend((own = Object.assign(document.createElement('option'), { value: '' })));
  if (own) own.dataset.own = '';
  if (own && view.ownOption) [own.textContent, own.selected] = [view.ownOption, true];
  else if (own) own.remove();
  const toggles = $<HTMLFieldSetElement>('.toggles');
  const boxes = [...toggles.querySelectorAll<HTMLInputElement>('input[name="step"]')];
  // Rebuilt only when the recipe or size changes the steps: a box the reader is toggling keeps its focus.
  if (boxes.map((b) => `${b.value}:${b.parentElement!.textContent!.trim()}`).join() !== view.toggles.map((t) => `${t.key}:${t.name}`).join()) {
    boxes.forEach((b) => b.parentElement!.remove());
    for (const { key, name } of view.toggles) {
      const label = document.createElement('label');
      label.append(Object.assign(document.createElement('input'), { type: 'checkbox', name: 'step', value: key }), ` ${name}`);
      toggles.append(label);
    }
  }
  toggles.querySelectorAll<HTMLInputElement>('input[name="step"]').forEach((b, i) => (b.checked = view.toggles[i].checked));
  const list = $<HTMLOListElement>('.steps');
  if (!fresh) return;
  while (list.children.length > view.items.length) list.lastElementChild!.remove();
  while (list.children.length < view.items.length) list.append(document.createElement('li'));
  view.items.forEach((item, i) => paintItem(list.children[i] as HTMLLIElement, item));
  const h = view.histograms;
  $('.histograms').replaceChildren(
    ...(h
      ? [
          figureOf(renderHistogram({ document, counts: h.before, domain: [0, 1], label: de.hist.before }), de.hist.before),
          figureOf(renderHistogram({ document, counts: h.after, domain: [-1, 1], label: de.hist.after }), h.caption),
        ]
      : []),
  );
}
