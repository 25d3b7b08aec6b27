/**
 * The pictures of a look inside the model: the input and its saliency, conv1's filters and each
 * layer's feature maps, each a figure of canvases with its caption.
 */
import { featureMapPixels, filterPixels, saliencyPixels, type Pixels } from '../../lib/plot/inspect-pixels';
import type { Inspecting } from './training-state';
import type { InspectView } from './training-view';

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
