import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex, CLASS_NAMES } from '../../src/lib/data/caltech101';
import { listDataset } from '../../src/lib/data/caltech101-node';
import { validateSplitFile } from '../../src/lib/data/split';
import { readSplitFile } from '../../src/lib/data/split-node';
import chapters from '../../src/data/splits/chapters.json';
import { caltechFolder } from '../helpers/fixtures';

const file = (train: number[], val: number[], n = train.length + val.length) => ({
  format: 1,
  name: 'tiny',
  how: 'by hand',
  torch: 'none',
  n,
  order: 'a'.repeat(64),
  train,
  val,
});

describe('validateSplitFile', () => {
  it('accepts every index exactly once', () => {
    expect(validateSplitFile(file([2, 0], [1]), 3).train).toEqual([2, 0]);
  });

  it.each([
    [file([0, 1], [1]), 3, 'index 1 appears twice'],
    [file([0, 2], [1]), 4, 'made for 3 images, but the data set has 4'],
    [file([0, 5], [1], 4), 4, 'index 5 outside 0 … 3'],
    [file([0, 1], [2], 4), 4, '2 + 1 indices for 4 images'],
    [file([0.5, 1], [2], 3), 3, 'index 0.5 outside'],
    [{ ...file([0], [1]), order: 'x' }, 2, 'order is not a SHA-256'],
  ])('refuses a broken file (%#)', (value, n, message) => {
    expect(() => validateSplitFile(value, n)).toThrow(message);
  });
});

describe('the committed chapters split (src/data/splits/chapters.json)', () => {
  it("is the chapters' 6,941 / 1,736 split of 8,677 images", () => {
    const s = validateSplitFile(chapters, 8677);
    expect([s.train.length, s.val.length]).toEqual([6941, 1736]);
    // torch.randperm(8677, generator=torch.Generator().manual_seed(0)) starts like this
    expect(s.train.slice(0, 4)).toEqual([2963, 7084, 1535, 6129]);
  });

  it('refuses to be applied to a data set in another order', async () => {
    const listing = Object.fromEntries(CLASS_NAMES.map((name) => [name, ['image_0001.jpg']]));
    const index = buildIndex(listing);
    const dir = await mkdtemp(join(tmpdir(), 'split-'));
    const path = join(dir, 'split.json');
    const train = Array.from({ length: 80 }, (_, i) => i);
    const val = Array.from({ length: 21 }, (_, i) => 80 + i);
    await writeFile(path, JSON.stringify(file(train, val)));
    await expect(readSplitFile(path, index)).rejects.toThrow(/made for images in another order/);
  });

  it.skipIf(!caltechFolder)('matches the real data set, image by image', async () => {
    const index = buildIndex(await listDataset(caltechFolder!));
    const { split, sha256 } = await readSplitFile('src/data/splits/chapters.json', index);
    expect(split.name).toBe('chapters');
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
