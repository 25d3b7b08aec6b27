/**
 * Decode once: train:full's images come from a disk cache keyed by the images' paths, sizes and
 * modification times, the size and the decode source; a stale or damaged cache is rebuilt, and
 * the first decode on worker threads gives the same bytes as decoding on the main thread.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../../src/lib/train/image-cache-node';
import { loadImages } from '../../src/lib/train/images-node';
import { caltechFolder } from '../helpers/fixtures';

describe.skipIf(!caltechFolder)('the decode cache and the parallel first decode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'decode-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A private copy of 20 images (two classes), so the test may touch their modification times.
  const folder = join(dir, 'images');
  const paths: string[] = [];
  for (const cls of ['accordion', 'yin_yang']) {
    mkdirSync(join(folder, cls), { recursive: true });
    for (let i = 1; i <= 10; i++) {
      const name = `${cls}/image_${String(i).padStart(4, '0')}.jpg`;
      cpSync(join(caltechFolder!, name), join(folder, name));
      paths.push(name);
    }
  }
  const size = 37;
  const cacheDir = join(dir, 'cache');

  it('decodes on worker threads exactly as on the main thread', async () => {
    const serial = await loadImages(folder, paths, size, { workers: 0 });
    const done: number[] = [];
    const parallel = await loadImages(folder, paths, size, { workers: 2, onProgress: (d) => done.push(d) });
    expect(parallel.count).toBe(20);
    expect(Buffer.from(parallel.bytes).equals(Buffer.from(serial.bytes))).toBe(true);
    expect(done.at(-1)).toBe(20);
    expect(new Set(serial.bytes).size).toBeGreaterThan(100); // real pictures, not zeros
  }, 60_000);

  it('writes the cache once, reads it back, and rebuilds it when stale or damaged', async () => {
    const load = async () => {
      const messages: string[] = [];
      const images = await loadImages(folder, paths, size, { cacheDir, workers: 0, onCache: (m) => messages.push(m) });
      return { bytes: Buffer.from(images.bytes), messages: messages.join(' | ') };
    };
    const first = await load();
    expect(first.messages).toMatch(/no cache yet; decoding 20 images \| decode cache: wrote/);
    expect(readdirSync(cacheDir)).toEqual(['resized-37.bin']); // renamed into place, no temporary file left
    const second = await load();
    expect(second.messages).toMatch(/^decode cache: 20 images at 37 px from /);
    expect(second.bytes.equals(first.bytes)).toBe(true);

    // A newer modification time: stale, rebuilt.
    utimesSync(join(folder, paths[3]), new Date(), new Date(Date.now() + 5000));
    expect((await load()).messages).toMatch(/stale .* decoding 20 images/);
    expect((await load()).messages).toMatch(/from /);

    // One flipped byte in the pixels: damaged, never trusted, rebuilt with the right bytes.
    const file = cacheFile(cacheDir, size);
    const raw = readFileSync(file);
    raw[raw.length - 100] ^= 0xff;
    writeFileSync(file, raw);
    const repaired = await load();
    expect(repaired.messages).toMatch(/damaged \(content hash\)/);
    expect(repaired.bytes.equals(first.bytes)).toBe(true);

    // Cut short: damaged.
    writeFileSync(file, readFileSync(file).subarray(0, 500));
    expect((await load()).messages).toMatch(/damaged \(wrong length\)/);

    // Other images (a subset) under the same size: a different key, so stale.
    const subset = await loadImages(folder, paths.slice(0, 5), size, { cacheDir, workers: 0, onCache: () => {} });
    expect(Buffer.from(subset.bytes).equals(first.bytes.subarray(0, 5 * size * size * 3))).toBe(true);
  }, 60_000);
});
