/**
 * <convolution-figure>: loads the chosen sample, makes it a CONV_SIDE × CONV_SIDE greyscale plane
 * (Resize of the shorter side, CenterCrop, convert("L")) and draws it and its convolution with
 * the chosen or edited kernel; every control change recomputes (a few milliseconds).
 */
import { convolve2d, convOutputSize, KERNELS, toGreyPlane, type Plane } from '../../lib/model/convolve';
import { resize } from '../../lib/transforms/resize';
import { centerCrop } from '../../lib/transforms/geometry';
import { CONV_SIDE } from './convolution-view';

const german = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 });

/** Draws `plane` with its smallest value black and its largest white; returns that range. */
function drawPlane(canvas: HTMLCanvasElement, plane: Plane, range?: [number, number]): [number, number] {
  let [lo, hi] = range ?? [Infinity, -Infinity];
  if (!range) for (const v of plane.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  canvas.width = Math.max(1, plane.width);
  canvas.height = Math.max(1, plane.height);
  canvas.style.setProperty('--w', String(plane.width));
  const pixels = new ImageData(canvas.width, canvas.height);
  const scale = hi > lo ? 255 / (hi - lo) : 0;
  plane.data.forEach((v, i) => {
    const g = hi > lo ? (v - lo) * scale : 128;
    pixels.data.set([g, g, g, 255], 4 * i);
  });
  canvas.getContext('2d')!.putImageData(pixels, 0, 0);
  return [lo, hi];
}

class ConvolutionFigure extends HTMLElement {
  #input: Plane | null = null;

  connectedCallback() {
    const $ = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;
    const sample = $<HTMLSelectElement>('select[name="sample"]');
    const kernelSelect = $<HTMLSelectElement>('select[name="kernel"]');
    const cells = [...this.querySelectorAll<HTMLInputElement>('.kernel-grid input')];
    const stride = $<HTMLSelectElement>('select[name="stride"]');
    const padding = $<HTMLSelectElement>('select[name="padding"]');
    const assets = new URL(this.dataset.assets!, location.href).href;

    const render = () => {
      if (!this.#input) return;
      const kernel = cells.map((c) => Number(c.value) || 0);
      const s = Number(stride.value);
      const p = Number(padding.value);
      const out = convolve2d(this.#input, kernel, { stride: s, padding: p });
      const [lo, hi] = drawPlane($<HTMLCanvasElement>('.conv-output'), out);
      const n = CONV_SIDE;
      const size = convOutputSize(n, 3, s, p);
      const caption = `Ausgabe: ${out.width} × ${out.height} Werte, denn ⌊(${n} + 2 · ${p} − 3) / ${s}⌋ + 1 = ${size}. Von schwarz (${german.format(lo)}) bis weiß (${german.format(hi)}).`;
      $<HTMLElement>('.conv-output-caption').textContent = caption;
      $<HTMLCanvasElement>('.conv-output').setAttribute('aria-label', caption);
    };

    const load = async () => {
      const response = await fetch(new URL(sample.value, assets));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none' });
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const rgba = { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
      bitmap.close();
      // Resize(CONV_SIDE) scales the shorter side to CONV_SIDE, like torchvision; then CenterCrop.
      const short = Math.min(rgba.width, rgba.height);
      const w = rgba.width === short ? CONV_SIDE : Math.floor((CONV_SIDE * rgba.width) / short);
      const h = rgba.height === short ? CONV_SIDE : Math.floor((CONV_SIDE * rgba.height) / short);
      this.#input = toGreyPlane(centerCrop(resize(rgba, h, w), CONV_SIDE));
      drawPlane($<HTMLCanvasElement>('.conv-input'), this.#input, [0, 1]);
      $<HTMLCanvasElement>('.conv-input').setAttribute('aria-label', `Eingabe: ${sample.selectedOptions[0].textContent} in Graustufen, ${CONV_SIDE} × ${CONV_SIDE} Pixel`);
      render();
    };
    const fail = (e: Error) => ($<HTMLElement>('.error').textContent = `Das Bild ließ sich nicht laden: ${e.message}. Lade die Seite neu.`);

    kernelSelect.addEventListener('change', () => {
      const values = KERNELS[kernelSelect.value as keyof typeof KERNELS];
      if (values) values.forEach((v, i) => (cells[i].value = String(Math.round(v * 1000) / 1000)));
      render();
    });
    for (const cell of cells)
      cell.addEventListener('input', () => {
        kernelSelect.value = 'custom';
        render();
      });
    stride.addEventListener('change', render);
    padding.addEventListener('change', render);
    sample.addEventListener('change', () => void load().catch(fail));
    void load().catch(fail);
  }
}
if (!customElements.get('convolution-figure')) customElements.define('convolution-figure', ConvolutionFigure);
