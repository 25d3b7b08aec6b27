/**
 * The site's data assets built from the real Caltech 101: sizes, manifest, the default
 * download budget, the all-N sets (every image of the chapters' split), and sprites that hold
 * exactly the torchvision-resized images.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAssets, decodeImage, type AssetResult } from '../../src/lib/data/assets-node';
import { ASSET_DIR } from '../../src/lib/data/manifest';
import { resize } from '../../src/lib/transforms/resize';
import { caltechFolder } from '../helpers/fixtures';

describe.skipIf(!caltechFolder)('data assets from the real data set', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'assets-')), 'caltech101');
  let result: AssetResult;
  let reused = false;
  beforeAll(async () => {
    // The build (npm run build, or the e2e set-up before this runs) has usually written the assets
    // already: start from a copy of them, so this checks what ships and buildAssets only confirms
    // they are up to date (its hash over every input) instead of making them all again (~80 s).
    // Without them, or when they are stale, it builds everything here.
    if (existsSync(join(ASSET_DIR, 'manifest.json'))) {
      cpSync(ASSET_DIR, out, { recursive: true });
      reused = true;
    }
    result = await buildAssets({ datasetFolder: caltechFolder!, outDir: out });
    console.log(reused && !result.built ? 'data assets: the built ones are up to date (checked by hash), testing those' : 'data assets: built here');
  }, 600_000);
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('records 101 classes, 8,677 images and the 6,941 / 1,736 split', () => {
    const { dataset, split } = result.manifest;
    expect(result.built).toBe(!reused || result.built); // either made here or confirmed up to date
    expect(result.manifest.hash).toBe(result.hash);
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

  it('holds every image of the chapters\' split in all-32 and all-64, training images first, in split order', () => {
    const chapters = JSON.parse(readFileSync('src/data/splits/chapters.json', 'utf8')) as { train: number[]; val: number[] };
    for (const [id, size] of [['all-32', 37], ['all-64', 73]] as const) {
      const set = result.manifest.sets.find((s) => s.id === id)!;
      expect(set.size).toBe(size);
      expect(set.labels).toHaveLength(8677);
      expect(set.subset.filter((s) => s === 'train')).toHaveLength(chapters.train.length);
      expect(set.subset.slice(0, chapters.train.length).every((s) => s === 'train')).toBe(true);
      expect(new Set(set.labels).size).toBe(101);
      expect(set.shards.every((sh) => sh.file.endsWith('.webp'))).toBe(true);
      expect(set.bytes).toBe(set.shards.reduce((a, sh) => a + sh.bytes, 0));
    }
    const all32 = result.manifest.sets.find((s) => s.id === 'all-32')!;
    const demo = result.manifest.sets.find((s) => s.id === 'demo-32')!;
    // The first training image of the split leads all-32; the first validation image follows the training images.
    const indexOf = (source: string) => result.manifest.dataset.classes.indexOf(source.split('/')[0]);
    expect(indexOf(all32.sources[0])).toBe(all32.labels[0]);
    expect(all32.sources.slice(chapters.train.length)).toHaveLength(chapters.val.length);
    expect(demo.sources.every((s) => all32.sources.includes(s))).toBe(true);
    console.log(`all-N sets: ${result.manifest.sets.filter((s) => s.id.startsWith('all-')).map((s) => `${s.id} ${s.bytes} bytes in ${s.shards.length} shards`).join(', ')}`);
  });

  it('stores each image exactly as torchvision resizes it', async () => {
    for (const id of ['demo-16', 'preview-64', 'all-32', 'all-64']) {
      const set = result.manifest.sets.find((s) => s.id === id)!;
      const k = set.shards.length - 1; // the last shard: also a partly filled one
      const shard = set.shards[k];
      const first = set.shards.slice(0, k).reduce((a, sh) => a + sh.count, 0);
      const { data, info } = await sharp(join(out, shard.file)).raw().toBuffer({ resolveWithObject: true });
      expect(info.channels).toBe(3);
      for (const i of [0, 1, shard.count - 1]) {
        const expected = resize((await decodeImage(join(caltechFolder!, set.sources[first + i]))).image, set.size, set.size);
        const x0 = (i % shard.columns) * set.size;
        const y0 = Math.floor(i / shard.columns) * set.size;
        for (let y = 0; y < set.size; y++) {
          for (let x = 0; x < set.size; x++) {
            const p = ((y0 + y) * info.width + x0 + x) * 3;
            const q = (y * set.size + x) * 4;
            expect([data[p], data[p + 1], data[p + 2]]).toEqual([...expected.data.subarray(q, q + 3)]);
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
