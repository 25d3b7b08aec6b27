/**
 * The convolution figure's behaviour as pure functions: `update(state, event)` → { state, effects }
 * (the one effect: load a sample), and `viewOf(state)`, which convolves and words the captions.
 * Kernel cells take German decimals ("0,5", "−1"), as a reader in a German page types them.
 */
import { convolve2d, convOutputSize, KERNELS, type Plane } from '../../lib/model/convolve';
import { drawPixels, type Pixels } from '../../lib/plot/inspect-pixels';
import { de, signed } from './de';
import { CONV_SIDE } from './convolution-view';
import { sampleId, type ConvolutionLink } from '../../lib/demo/link-specs';

/** A kernel the menu offers, or the reader's own values. */
export type KernelChoice = keyof typeof KERNELS | 'custom';

/** The figure's state: the controls, the cells as typed, and the loaded greyscale input. */
export interface ConvState {
  sample: { file: string; label: string };
  kernel: KernelChoice;
  cells: string[];
  stride: number;
  padding: number;
  input: Plane | null;
  error: string | null;
}

/** What the reader or the loader did. */
export type ConvEvent =
  | { type: 'choose-sample'; sample: ConvState['sample'] }
  | { type: 'loaded'; file: string; input: Plane }
  | { type: 'load-failed'; message: string }
  | { type: 'choose-kernel'; kernel: KernelChoice }
  | { type: 'edit-cell'; index: number; text: string }
  | { type: 'set-stride'; stride: number }
  | { type: 'set-padding'; padding: number };

/** Data the glue carries out: fetch a sample; put the figure's settings into the address. */
export type ConvEffect = { type: 'load-sample'; file: string } | { type: 'write-link'; link: ConvolutionLink };

/** A number as the reader types it in German: "0,5", "−1", "2" (null when it is none). */
export function parseDecimal(text: string): number | null {
  const t = text.trim().replace(/[\u2212\u2013]/g, '-').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/** A kernel value as a cell shows it: German, a true minus, at most 3 decimals ("0,111", "−1"). */
export function formatCell(v: number): string {
  const digits = [0, 1, 2, 3].find((d) => Math.abs(Math.round(v * 10 ** d) - v * 10 ** d) < 1e-9) ?? 3;
  return signed(v, digits);
}

/** The first state: the first sample, the chapter's vertical-edge kernel, stride 1, no padding. */
export function initialConv(sample: ConvState['sample']): ConvState {
  return { sample, kernel: 'edgeVertical', cells: KERNELS.edgeVertical.map(formatCell), stride: 1, padding: 0, input: null, error: null };
}

/** The state a link describes (`sample`: its image): a named kernel, or its own nine values as cells, with stride and padding. */
export function convFromLink(sample: ConvState['sample'], link: ConvolutionLink): ConvState {
  const base = initialConv(sample);
  const kernel: KernelChoice = link.values ? 'custom' : link.kernel;
  const cells = link.values ? link.values.map(formatCell) : kernel === 'custom' ? base.cells : KERNELS[kernel].map(formatCell);
  return { ...base, kernel, cells, stride: link.stride, padding: link.padding };
}

/** What the figure's link holds for `s`: a named kernel by name, own values (unreadable cells as 0) as numbers. */
export const linkOfConv = (s: ConvState): ConvolutionLink => ({
  image: sampleId(s.sample.file),
  kernel: s.kernel,
  values: s.kernel === 'custom' ? s.cells.map((c) => parseDecimal(c) ?? 0) : null,
  stride: s.stride,
  padding: s.padding,
});

/** The figure's one transition function; a change of what the link holds adds a 'write-link' effect. */
export function updateConv(s: ConvState, e: ConvEvent): { state: ConvState; effects: ConvEffect[] } {
  const next = transition(s, e);
  const link = linkOfConv(next.state);
  if (JSON.stringify(link) === JSON.stringify(linkOfConv(s))) return next;
  return { state: next.state, effects: [...next.effects, { type: 'write-link', link }] };
}

function transition(s: ConvState, e: ConvEvent): { state: ConvState; effects: ConvEffect[] } {
  const done = (state: ConvState) => ({ state, effects: [] });
  switch (e.type) {
    case 'choose-sample':
      return { state: { ...s, sample: e.sample }, effects: [{ type: 'load-sample', file: e.sample.file }] };
    case 'loaded':
      return done(e.file === s.sample.file ? { ...s, input: e.input, error: null } : s);
    case 'load-failed':
      return done({ ...s, error: e.message });
    case 'choose-kernel':
      return done(e.kernel === 'custom' ? { ...s, kernel: 'custom' } : { ...s, kernel: e.kernel, cells: KERNELS[e.kernel].map(formatCell) });
    case 'edit-cell':
      return done({ ...s, kernel: 'custom', cells: s.cells.map((c, i) => (i === e.index ? e.text : c)) });
    case 'set-stride':
      return done({ ...s, stride: e.stride });
    case 'set-padding':
      return done({ ...s, padding: e.padding });
  }
}

/** Everything the figure shows. */
export interface ConvView {
  kernel: KernelChoice;
  cells: { text: string; invalid: boolean }[];
  input: null | { pixels: Pixels; label: string };
  output: null | { pixels: Pixels; caption: string };
  error: string;
}

/** The view of `s`: the kernel cells (unreadable ones marked and counted as 0), both pictures and the caption. */
export function viewConv(s: ConvState): ConvView {
  const values = s.cells.map(parseDecimal);
  const cells = s.cells.map((text, i) => ({ text, invalid: values[i] === null }));
  const base = { kernel: s.kernel, cells, error: s.error ? de.convolution.failed(s.error) : '' };
  if (!s.input) return { ...base, input: null, output: null };
  const out = convolve2d(s.input, values.map((v) => v ?? 0), { stride: s.stride, padding: s.padding });
  const drawn = drawPixels(out.data, out.width, out.height);
  const size = convOutputSize(CONV_SIDE, 3, s.stride, s.padding);
  const [lo, hi] = drawn.range.map((v) => signed(v, 2));
  return {
    ...base,
    input: { pixels: drawPixels(s.input.data, s.input.width, s.input.height, [0, 1]), label: de.convolution.input(s.sample.label, CONV_SIDE) },
    output: { pixels: drawn, caption: de.convolution.output(out.width, out.height, CONV_SIDE, s.padding, s.stride, size, lo, hi) },
  };
}
