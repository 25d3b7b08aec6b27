/**
 * A small SVG histogram (value distribution of a tensor), drawn with whatever `document` it
 * is given: the page's in an island, linkedom's at build time, a fake one in tests.
 */
import { formatNumber } from '../format';

/** What `renderHistogram` draws: bin counts over a value range, with its accessible label. */
export interface HistogramOptions {
  document: Document;
  counts: number[];
  /** Value range the bins cover, e.g. [0, 1] after ToTensor or [−1, 1] after Normalize. */
  domain: [number, number];
  /** Accessible description, e.g. "Werteverteilung nach ToTensor". */
  label: string;
  width?: number;
  height?: number;
}

const SVG = 'http://www.w3.org/2000/svg';

/** Renders bars for `counts` over `domain` with the two ends and zero labelled on the axis. */
export function renderHistogram({ document, counts, domain, label, width = 260, height = 110 }: HistogramOptions): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg') as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'histogram');
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.append(title);
  const axis = 18;
  const plotH = height - axis;
  const max = Math.max(1, ...counts);
  const barW = width / counts.length;
  counts.forEach((c, i) => {
    const h = (c / max) * (plotH - 2);
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', (i * barW).toFixed(2));
    rect.setAttribute('y', (plotH - h).toFixed(2));
    rect.setAttribute('width', Math.max(barW - 0.5, 0.5).toFixed(2));
    rect.setAttribute('height', h.toFixed(2));
    svg.append(rect);
  });
  const line = document.createElementNS(SVG, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('x2', String(width));
  line.setAttribute('y1', String(plotH));
  line.setAttribute('y2', String(plotH));
  svg.append(line);
  const fmt = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 2).replace('-', '−');
  const ticks: [number, string][] = [[domain[0], 'start'], [domain[1], 'end']];
  if (domain[0] < 0 && domain[1] > 0) ticks.push([0, 'middle']);
  for (const [v, anchor] of ticks) {
    const text = document.createElementNS(SVG, 'text');
    text.setAttribute('x', (((v - domain[0]) / (domain[1] - domain[0])) * width).toFixed(1));
    text.setAttribute('y', String(height - 4));
    text.setAttribute('text-anchor', anchor);
    text.textContent = fmt(v);
    svg.append(text);
  }
  return svg;
}
