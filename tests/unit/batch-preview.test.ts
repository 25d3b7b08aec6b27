/** The batch preview's engine (src/lib/data/batch-preview.ts) and its reducer: make_grid's layout, shuffle=True, the chain per image. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { drawPreviewBatch, gridLayout, sampleIndices } from '../../src/lib/data/batch-preview';
import { centerCrop, type RGBAImage } from '../../src/lib/transforms';
import { initialPreview, updatePreview, viewPreview } from '../../src/components/islands/batch-preview-state';

const solid = (v: number, side = 20): RGBAImage => ({ width: side, height: side + 4, data: Uint8ClampedArray.from({ length: side * (side + 4) * 4 }, (_, i) => (i % 4 === 3 ? 255 : (v + i) % 256)) });

describe('the batch preview engine', () => {
  it('lays 64 cells out like make_grid: 8 per row, 2 px padding between and around', () => {
    const { width, height, cells } = gridLayout(64, 64);
    expect([width, height]).toEqual([8 * 66 + 2, 8 * 66 + 2]);
    expect(cells[0]).toEqual({ x: 2, y: 2 });
    expect(cells[7]).toEqual({ x: 7 * 66 + 2, y: 2 });
    expect(cells[9]).toEqual({ x: 68, y: 68 });
    expect(gridLayout(10, 16)).toMatchObject({ width: 8 * 18 + 2, height: 2 * 18 + 2 });
  });

  it('draws without repeats and reproducibly from the seed', () => {
    const drawn = sampleIndices(100, 64, createRng(3));
    expect(new Set(drawn).size).toBe(64);
    expect(drawn.every((i) => i >= 0 && i < 100)).toBe(true);
    expect(sampleIndices(100, 64, createRng(3))).toEqual(drawn);
    expect(sampleIndices(100, 64, createRng(4))).not.toEqual(drawn);
    expect(() => sampleIndices(3, 4, createRng(1))).toThrow('invalid sample: 4 of 3 images');
  });

  it('augments each drawn image and crops it; without augmentation that is the centre crop of the drawn image', () => {
    const pool = Array.from({ length: 12 }, (_, i) => solid(i * 20));
    const { indices, images } = drawPreviewBatch(pool, 5, 'val', 16, createRng(9));
    expect(images.map((im) => [im.width, im.height])).toEqual(Array(5).fill([16, 16]));
    indices.forEach((pick, k) => expect(Array.from(images[k].data)).toEqual(Array.from(centerCrop(pool[pick], 16).data)));
    const train = drawPreviewBatch(pool, 5, 'train', 16, createRng(9));
    expect(train.indices).toEqual(indices); // the draw comes first, the augmentation after
  });
});

describe('the batch preview reducer', () => {
  it('counts loading progress, then draws with a fresh seed on every "Neue Stichprobe" and recipe change, and puts recipe and seed into the link', () => {
    let s = updatePreview(initialPreview('train'), { type: 'progress', done: 1, total: 2 }).state;
    expect(viewPreview(s)).toMatchObject({ status: 'Lade Bilder (1 von 2) …', gridHidden: true, againEnabled: false });
    expect(updatePreview(s, { type: 'again', seed: 4 }).effects).toEqual([]); // nothing to draw from yet
    const loaded = updatePreview(s, { type: 'loaded', seed: 5 });
    expect(loaded.effects).toEqual([
      { type: 'draw', recipe: 'train', seed: 5 },
      { type: 'write-link', link: { recipe: 'train', seed: 5 } },
    ]);
    s = loaded.state;
    expect(viewPreview(s)).toMatchObject({ status: '64 Trainingsbilder gezogen und augmentiert.', gridHidden: false, againEnabled: true });
    const again = updatePreview(s, { type: 'again', seed: 6 });
    expect(again.effects).toEqual([
      { type: 'draw', recipe: 'train', seed: 6 },
      { type: 'write-link', link: { recipe: 'train', seed: 6 } },
    ]);
    expect(updatePreview(again.state, { type: 'set-recipe', recipe: 'original', seed: 7 })).toMatchObject({
      state: { recipe: 'original', draws: 3 },
      effects: [{ type: 'draw', recipe: 'original', seed: 7 }, { type: 'write-link', link: { recipe: 'original', seed: 7 } }],
    });
    expect(viewPreview(updatePreview(s, { type: 'load-failed', message: 'HTTP 404' }).state).alert).toMatch(/HTTP 404/);
  });
});
