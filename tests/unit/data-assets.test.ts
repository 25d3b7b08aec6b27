/**
 * The site's data assets built from the real Caltech 101: sizes, manifest, the default
 * download budget, and sprites that hold exactly the torchvision-resized images.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAssets, decodeImage, type AssetResult } from '../../src/lib/data/assets-node';
import { resize } from '../../src/lib/transforms/resize';
import { caltechFolder } from '../helpers/fixtures';

describe.skipIf(!caltechFolder)('data assets from the real data set', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'assets-')), 'caltech101');
  let result: AssetResult;
  beforeAll(async () => {
    result = await buildAssets({ datasetFolder: caltechFolder!, outDir: out });
  }, 120_000);
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('records 101 classes, 8,677 images and the 6,941 / 1,736 split', () => {
    const { dataset, split } = result.manifest;
    expect(result.built).toBe(true);
    expect([dataset.classes.length, dataset.total]).toEqual([101, 8677]);
    expect([split.train, split.val]).toEqual([6941, 1736]);
    expect(dataset.licence).toBe('CC BY 4.0');
  });

  it('keeps the default demo download (32 × 32) under 3 MB and the preview pool at 256 images', () => {
    const set = (id: string) => result.manifest.sets.find((s) => s.id === id)!;
    expect(set('demo-32').bytes).toBeLessThan(3e6);
    expect(set('preview-64').labels).toHaveLength(256);
    expect(set('preview-64').subset.every((s) => s === 'train')).toBe(true);
    expect(set('demo-224').size).toBe(256);
    const demo = set('demo-32');
    expect(new Set(demo.labels)).toEqual(new Set(result.manifest.demoClasses));
    expect(demo.subset.filter((s) => s === 'val')).toHaveLength(100);
  });

  it('stores each image exactly as torchvision resizes it', async () => {
    for (const id of ['demo-16', 'preview-64']) {
      const set = result.manifest.sets.find((s) => s.id === id)!;
      const shard = set.shards[0];
      const png = PNG.sync.read(readFileSync(join(out, shard.file)));
      for (const i of [0, 1, shard.count - 1]) {
        const expected = resize((await decodeImage(join(caltechFolder!, set.sources[i]))).image, set.size, set.size);
        const x0 = (i % shard.columns) * set.size;
        const y0 = Math.floor(i / shard.columns) * set.size;
        for (let y = 0; y < set.size; y++) {
          for (let x = 0; x < set.size; x++) {
            const p = ((y0 + y) * png.width + x0 + x) * 4;
            const q = (y * set.size + x) * 4;
            expect([png.data[p], png.data[p + 1], png.data[p + 2]]).toEqual([...expected.data.subarray(q, q + 3)]);
          }
        }
      }
    }
  });

  it('does nothing on a second run with the same inputs', async () => {
    const again = await buildAssets({ datasetFolder: caltechFolder!, outDir: out });
    expect(again.built).toBe(false);
    expect(again.hash).toBe(result.hash);
  });
});
