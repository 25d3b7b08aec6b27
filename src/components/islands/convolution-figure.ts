/**
 * <convolution-figure>: glue for convolution-state.ts. Loads the chosen sample as a CONV_SIDE ×
 * CONV_SIDE greyscale plane (Resize of the shorter side, CenterCrop, convert("L")); every control
 * change goes through `updateConv` and the figure is redrawn from `viewConv` (a few milliseconds).
 * A page opened from the figure's link (conv-… parameters) starts with the link's settings.
 */
import { hasLink, noticesText, readLink } from '../../lib/demo/link-state';
import { convolutionLink, sampleId } from '../../lib/demo/link-specs';
import { addLinkBar, copyLink, linkOf, replaceLink } from './link-control';
import { toGreyPlane } from '../../lib/model/convolve';
import { resize } from '../../lib/transforms/resize';
import { centerCrop } from '../../lib/transforms/geometry';
import type { Pixels } from '../../lib/plot/inspect-pixels';
import { CONV_SIDE } from './convolution-view';
import { convFromLink, initialConv, linkOfConv, updateConv, viewConv, type ConvEffect, type ConvEvent, type ConvState, type KernelChoice } from './convolution-state';

/** Paints `pixels` into `canvas` at their own size (CSS draws them at 2 screen pixels each). */
function paint(canvas: HTMLCanvasElement, { width, height, data }: Pixels): void {
  [canvas.width, canvas.height] = [Math.max(1, width), Math.max(1, height)];
  canvas.style.setProperty('--w', String(width));
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(data), canvas.width, canvas.height), 0, 0);
}

/** The sample at `url` as the figure's greyscale input: Resize(CONV_SIDE) of the shorter side like torchvision, then CenterCrop. */
async function loadPlane(url: URL) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none' });
  const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const rgba = { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
  bitmap.close();
  const short = Math.min(rgba.width, rgba.height);
  const w = rgba.width === short ? CONV_SIDE : Math.floor((CONV_SIDE * rgba.width) / short);
  const h = rgba.height === short ? CONV_SIDE : Math.floor((CONV_SIDE * rgba.height) / short);
  return toGreyPlane(centerCrop(resize(rgba, h, w), CONV_SIDE));
}

class ConvolutionFigure extends HTMLElement {
  connectedCallback() {
    const $ = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;
    const sample = $<HTMLSelectElement>('select[name="sample"]');
    const kernel = $<HTMLSelectElement>('select[name="kernel"]');
    const cells = [...this.querySelectorAll<HTMLInputElement>('.kernel-grid input')];
    const assets = new URL(this.dataset.assets!, location.href).href;
    const chosen = () => ({ file: sample.value, label: sample.selectedOptions[0].textContent!.trim() });
    const spec = convolutionLink([...sample.options].map((o) => sampleId(o.value)));
    const bar = addLinkBar(this, () => void copyLink(bar.status, linkOf(this)));
    let state: ConvState = initialConv(chosen());
    if (hasLink(spec, location.search)) {
      const { values, notices } = readLink(spec, location.search);
      sample.value = [...sample.options].find((o) => sampleId(o.value) === values.image)!.value;
      state = convFromLink(chosen(), values);
      bar.note.textContent = noticesText(spec.demo, notices);
      replaceLink(spec, linkOfConv(state)); // a link with garbage in it becomes the link of what the figure shows
    }
    const stride = $<HTMLSelectElement>('select[name="stride"]');
    const padding = $<HTMLSelectElement>('select[name="padding"]');

    const run = (effect: ConvEffect) => {
      if (effect.type === 'write-link') return replaceLink(spec, effect.link);
      loadPlane(new URL(effect.file, assets)).then(
        (input) => dispatch({ type: 'loaded', file: effect.file, input }),
        (e: Error) => dispatch({ type: 'load-failed', message: e.message }),
      );
    };
    const dispatch = (event: ConvEvent) => {
      const next = updateConv(state, event);
      state = next.state;
      const view = viewConv(state);
      kernel.value = view.kernel;
      [stride.value, padding.value] = [String(state.stride), String(state.padding)];
      view.cells.forEach(({ text, invalid }, i) => {
        if (cells[i].value !== text) cells[i].value = text;
        cells[i].toggleAttribute('aria-invalid', invalid);
      });
      if (view.input) {
        paint($('.conv-input'), view.input.pixels);
        $('.conv-input').setAttribute('aria-label', view.input.label);
      }
      if (view.output) {
        paint($('.conv-output'), view.output.pixels);
        $('.conv-output').setAttribute('aria-label', view.output.caption);
        $('.conv-output-caption').textContent = view.output.caption;
      }
      $('.error').textContent = view.error;
      next.effects.forEach(run);
    };

    kernel.addEventListener('change', () => dispatch({ type: 'choose-kernel', kernel: kernel.value as KernelChoice }));
    cells.forEach((cell, index) => cell.addEventListener('input', () => dispatch({ type: 'edit-cell', index, text: cell.value })));
    stride.addEventListener('change', () => dispatch({ type: 'set-stride', stride: Number(stride.value) }));
    padding.addEventListener('change', () => dispatch({ type: 'set-padding', padding: Number(padding.value) }));
    sample.addEventListener('change', () => dispatch({ type: 'choose-sample', sample: chosen() }));
    dispatch({ type: 'choose-sample', sample: chosen() });
  }
}
if (!customElements.get('convolution-figure')) customElements.define('convolution-figure', ConvolutionFigure);
