/**
 * The convolution behind the CNN chapter's figure, checked against PyTorch's F.conv2d on random
 * inputs for every stride and padding the figure offers, plus the chapter's worked example and
 * Pillow's convert("L") for the greyscale input.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { convolve2d, convOutputSize, KERNELS, toGreyPlane, type Plane } from '../../src/lib/model/convolve';
import { runPython, torchSkipReason } from '../helpers/python';

const rows = (p: Plane) => Array.from({ length: p.height }, (_, y) => Array.from(p.data.subarray(y * p.width, (y + 1) * p.width)));
const plane = (values: number[][]): Plane => ({ width: values[0].length, height: values.length, data: Float32Array.from(values.flat()) });

describe('convolve2d', () => {
  it("computes the chapter's worked example: 5 × 5, vertical-edge kernel, bias −2", () => {
    const input = plane([
      [1, 1, 2, 7, 8],
      [1, 2, 2, 8, 8],
      [0, 1, 2, 7, 9],
      [1, 1, 3, 8, 8],
      [0, 1, 2, 7, 8],
    ]);
    expect(rows(convolve2d(input, KERNELS.edgeVertical, { bias: -2 }))).toEqual([
      [2, 16, 17],
      [3, 17, 16],
      [4, 17, 16],
    ]);
  });

  it('gives the output sizes of Conv2d', () => {
    expect(convOutputSize(224, 3, 1, 1)).toBe(224);
    expect(convOutputSize(64, 3, 2, 0)).toBe(31);
    expect(convOutputSize(64, 3, 2, 1)).toBe(32);
    expect(convOutputSize(2, 3, 1, 0)).toBe(0);
  });

  it.each([
    [[1, 2, 3], {}, 'invalid kernel: 3 values (expected k × k, e.g. 9 for 3 × 3)'],
    [KERNELS.blur, { stride: 0 }, 'invalid stride: 0 (expected a positive integer)'],
    [KERNELS.blur, { padding: -1 }, 'invalid padding: -1 (expected 0 or a positive integer)'],
  ])('validates its options (%#)', (kernel, options, message) => {
    expect(() => convolve2d(plane([[1]]), kernel, options)).toThrow(message);
  });
});

describe.skipIf(!!torchSkipReason)('convolve2d and the greyscale input against PyTorch and Pillow', () => {
  const dir = mkdtempSync(join(tmpdir(), 'conv-oracle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('matches F.conv2d for strides 1–3, paddings 0–2, 3 × 3 and 5 × 5 kernels, and convert("L") exactly', () => {
    const rng = createRng(22);
    const random = (n: number) => Array.from({ length: n }, () => rng.next() * 2 - 1);
    const cases: { input: Plane; kernel: number[]; stride: number; padding: number; bias: number }[] = [];
    for (const stride of [1, 2, 3])
      for (const padding of [0, 1, 2])
        for (const k of [3, 5]) {
          const w = 6 + rng.int(12);
          const h = 6 + rng.int(12);
          cases.push({ input: { width: w, height: h, data: Float32Array.from(random(w * h)) }, kernel: random(k * k), stride, padding, bias: rng.next() - 0.5 });
        }
    for (const kernel of Object.values(KERNELS)) cases.push({ input: cases[0].input, kernel: [...kernel], stride: 1, padding: 1, bias: 0 });
    // A colour image for the greyscale conversion: every channel value occurs.
    const png = new PNG({ width: 64, height: 48 });
    const colours = createRng(7);
    for (let i = 0; i < 64 * 48; i++) png.data.set([colours.int(256), colours.int(256), colours.int(256), 255], 4 * i);
    writeFileSync(join(dir, 'colour.png'), PNG.sync.write(png));
    const jobs = [
      ...cases.map((c) => ({ input: rows(c.input), kernel: Array.from({ length: Math.sqrt(c.kernel.length) }, (_, y) => c.kernel.slice(y * Math.sqrt(c.kernel.length), (y + 1) * Math.sqrt(c.kernel.length))), stride: c.stride, padding: c.padding, bias: c.bias })),
      { grey: join(dir, 'colour.png') },
    ];
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    const answers = JSON.parse(runPython('tests/python/conv_oracle.py', [join(dir, 'jobs.json')])) as number[][][];
    let worst = 0;
    cases.forEach((c, i) => {
      const ours = convolve2d(c.input, c.kernel, c);
      const theirs = answers[i];
      expect([ours.height, ours.width]).toEqual([theirs.length, theirs[0]?.length ?? 0]);
      theirs.flat().forEach((v, j) => (worst = Math.max(worst, Math.abs(v - ours.data[j]))));
    });
    expect(worst).toBeLessThan(1e-5);
    const grey = toGreyPlane({ width: 64, height: 48, data: new Uint8ClampedArray(png.data) });
    expect(Array.from(grey.data, (v) => Math.round(v * 255))).toEqual(answers.at(-1));
  }, 120_000); // starting Python with torch takes seconds on a busy machine
});
