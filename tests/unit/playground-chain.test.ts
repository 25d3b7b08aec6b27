/**
 * The transforms playground's computation (run in its worker): the chain as shown, the memo that
 * spares re-resizing a large photo on every re-roll, and that the memo never changes a result.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { computeRun, displaySteps, type RunMemo, type RunRequest } from '../../src/lib/transforms/playground';
import type { RGBAImage } from '../../src/lib/transforms';

function noise(width: number, height: number): RGBAImage {
  const rng = createRng(5);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : rng.int(256);
  return { width, height, data };
}

describe('the playground chain', () => {
  it("opens up the original's RandomApply into five steps", () => {
    expect(displaySteps('original', 64).map((s) => s.step.name)).toEqual([
      'Lambda(→ RGB)',
      'Resize((73, 73))',
      'RandomHorizontalFlip(p=0.5)',
      'RandomHorizontalFlip(p=0.5)',
      'RandomRotation(10)',
      'RandomRotation(10)',
      'RandomRotation(10)',
      'CenterCrop(64)',
    ]);
  });

  it.each(['train', 'original', 'val'] as const)('gives the same results with and without the memo (%s), and reuses the resize', (recipe) => {
    const source = noise(90, 60);
    const memo: RunMemo = { source: new Map(), white: new Map() };
    for (const [seed, disabled] of [[1, []], [2, ['flip', 'flip1']], [3, ['resize']], [4, []]] as [number, string[]][]) {
      const request: RunRequest = { recipe, cropSize: 32, disabled, seed };
      const plain = computeRun(source, request);
      const memoised = computeRun(source, request, memo);
      expect(memoised.steps.map((s) => [s.name, s.draw, s.image?.width, s.image && Array.from(s.image.data)])).toEqual(
        plain.steps.map((s) => [s.name, s.draw, s.image?.width, s.image && Array.from(s.image.data)]),
      );
      expect([memoised.before, memoised.after, memoised.means, memoised.blackPercent]).toEqual([plain.before, plain.after, plain.means, plain.blackPercent]);
    }
    const resized = (seed: number) => computeRun(source, { recipe, cropSize: 32, disabled: [], seed }, memo).steps[1].image;
    expect(resized(7)).toBe(resized(8)); // the very same object: Resize ran once
  });
});
