/**
 * The convolution figure's reducer and view (no DOM): German decimals in the kernel cells
 * ("0,5" is a half, not 5), true minus signs in the caption, and the one grey-plane painter.
 */
import { describe, expect, it } from 'vitest';
import { convolve2d, KERNELS, type Plane } from '../../src/lib/model/convolve';
import { formatCell, initialConv, parseDecimal, updateConv, viewConv, type ConvEvent, type ConvState } from '../../src/components/islands/convolution-state';

const sample = { file: 'samples/yin_yang.jpg', label: 'yin_yang' };
/** A 96 × 96 plane rising from 0 (left) to 1 (right). */
const ramp: Plane = { width: 96, height: 96, data: Float32Array.from({ length: 96 * 96 }, (_, i) => (i % 96) / 95) };
const play = (events: ConvEvent[], state: ConvState = initialConv(sample)) => events.reduce((s, e) => updateConv(s, e).state, state);
const loaded = play([{ type: 'loaded', file: sample.file, input: ramp }]);

describe('kernel cells in German', () => {
  it.each([
    ['0,5', 0.5],
    ['−1', -1],
    ['-0,25', -0.25],
    [' 2 ', 2],
    [',5', 0.5],
    ['0.5', 0.5],
  ])('reads %j as %d', (text, value) => expect(parseDecimal(text)).toBe(value));

  it.each(['', 'abc', '0,5,1', '1e3', '−'])('refuses %j', (text) => expect(parseDecimal(text)).toBeNull());

  it('shows kernel values in German with a true minus and at most three decimals', () => {
    expect(KERNELS.blur.map(formatCell)[0]).toBe('0,111');
    expect(KERNELS.sharpen.map(formatCell)).toEqual(['0', '−1', '0', '−1', '5', '−1', '0', '−1', '0']);
    expect(formatCell(0.5)).toBe('0,5');
  });
});

describe('the convolution figure reducer', () => {
  it('loads the chosen sample as an effect and ignores an overtaken load', () => {
    const other = { file: 'samples/flamingo.jpg', label: 'flamingo' };
    expect(updateConv(initialConv(sample), { type: 'choose-sample', sample: other }).effects).toEqual([
      { type: 'load-sample', file: other.file },
      { type: 'write-link', link: { image: 'flamingo', kernel: 'edgeVertical', values: null, stride: 1, padding: 0 } },
    ]);
    expect(play([{ type: 'choose-sample', sample: other }, { type: 'loaded', file: sample.file, input: ramp }]).input).toBeNull();
  });

  it('convolves with "0,5" typed into a cell as 0.5 (not 5), and switches the menu to "eigene Werte"', () => {
    const state = play([{ type: 'choose-kernel', kernel: 'blur' }, { type: 'edit-cell', index: 4, text: '0,5' }], loaded);
    expect(state.kernel).toBe('custom');
    const kernel = [...KERNELS.blur];
    kernel[4] = 0.5;
    const expected = convolve2d(ramp, kernel);
    const view = viewConv(state);
    expect(view.cells[4]).toEqual({ text: '0,5', invalid: false });
    expect(view.output!.pixels.width).toBe(94);
    // The output's range (shown in the caption) is that of the convolution with 0.5 in the centre.
    const [lo, hi] = [Math.min(...expected.data), Math.max(...expected.data)];
    expect(view.output!.caption).toContain(`Von schwarz (${lo.toFixed(2).replace('.', ',')}) bis weiß (${hi.toFixed(2).replace('.', ',')})`);
  });

  it('marks an unreadable cell and counts it as 0', () => {
    const view = viewConv(play([{ type: 'edit-cell', index: 0, text: 'x' }], loaded));
    expect(view.cells[0]).toEqual({ text: 'x', invalid: true });
    expect(view.output).not.toBeNull();
  });

  it('words the output size with stride and padding, and negative ends with a true minus', () => {
    const view = viewConv(play([{ type: 'set-stride', stride: 2 }, { type: 'set-padding', padding: 1 }], loaded));
    expect(view.output!.caption).toMatch(/^Ausgabe: 48 × 48 Werte, denn ⌊\(96 \+ 2 · 1 − 3\) \/ 2⌋ \+ 1 = 48\. Von schwarz/);
    // With padding, the right border sees the ramp fall to 0: a negative end, written with U+2212.
    const padded = viewConv(play([{ type: 'set-padding', padding: 1 }], loaded)).output!.caption;
    expect(padded).toMatch(/Von schwarz \(−2,\d\d\) bis weiß \(\d,\d\d\)\.$/);
    expect(padded).not.toContain('-');
    expect(viewConv(loaded).input!.label).toBe('Eingabe: yin_yang in Graustufen, 96 × 96 Pixel');
  });

  it('says when the picture could not be loaded', () => {
    expect(viewConv(play([{ type: 'load-failed', message: 'HTTP 404' }])).error).toBe('Das Bild ließ sich nicht laden: HTTP 404. Lade die Seite neu.');
  });
});
