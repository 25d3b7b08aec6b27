/**
 * "Alle 101 Klassen" end to end in Chromium: the lossless sheets decode byte for byte as Node
 * decodes them; the data panel states the MB before anything downloads, downloads into the
 * Cache API (keyed by the manifest hash), and a run of 101 classes × 2 images at 32 × 32, one
 * epoch on the CPU backend, then trains from that cache without fetching a sheet again, through
 * the demo's own code path, to results over all 101 classes (summary and the per-class list), with no main-thread task over
 * 50 ms while it loads and trains; "Gespeicherte Daten löschen" empties the cache.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { validateManifest, type AssetManifest } from '../../src/lib/data/manifest';
import { createRng } from '../../src/lib/data/rng';
import { epochBatches } from '../../src/lib/train/draw-order';
import { formatNumber } from '../../src/lib/format';
import { baseURL, skipReason, urlOf, useBrowser } from './fixtures';

const ASSETS = new URL('generated/caltech101/', baseURL).href;
const RUN = { perClass: 2, size: 32, batch: 32, seed: 0 };
const QUERY = `demo-classes=101&demo-per-class=${RUN.perClass}&demo-size=${RUN.size}&demo-epochs=1&demo-batch=${RUN.batch}&demo-backend=cpu`;

async function manifestOf(): Promise<AssetManifest> {
  return validateManifest(await (await fetch(new URL('manifest.json', ASSETS))).json());
}

/** SHA-256 of a sheet's RGB bytes as Chromium decodes it: createImageBitmap without colour conversion or premultiplication (sprites-browser.ts). */
async function chromiumHash(page: Page, url: string): Promise<{ hash: string; opaque: boolean; width: number }> {
  return page.evaluate(async (u) => {
    const bitmap = await createImageBitmap(await (await fetch(u)).blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0);
    const { data, width } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    const rgb = new Uint8Array((data.length / 4) * 3);
    let opaque = true;
    for (let p = 0; p < data.length / 4; p++) {
      rgb.set(data.subarray(p * 4, p * 4 + 3), p * 3);
      opaque &&= data[p * 4 + 3] === 255;
    }
    const hash = [...new Uint8Array(await crypto.subtle.digest('SHA-256', rgb))].map((b) => b.toString(16).padStart(2, '0')).join('');
    return { hash, opaque, width };
  }, url);
}

const dataCaches = (page: Page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('caltech101-data-')));

describe.skipIf(!!skipReason)('all 101 classes in the browser', () => {
  const browser = useBrowser();

  it('decodes the lossless WebP sheets in Chromium byte for byte as Node decodes them', async () => {
    const manifest = await manifestOf();
    const page = await browser.context.newPage();
    await page.goto(urlOf(''));
    const sheets = ['all-32', 'all-64', 'demo-32'].flatMap((id) => {
      const set = manifest.sets.find((s) => s.id === id)!;
      return [set.shards[0], set.shards.at(-1)!];
    });
    for (const shard of sheets) {
      expect(shard.file).toMatch(/\.webp$/);
      const url = new URL(shard.file, ASSETS).href;
      const file = Buffer.from(await (await fetch(url)).arrayBuffer());
      const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
      expect(info.channels, shard.file).toBe(3);
      const node = createHash('sha256').update(data).digest('hex');
      expect(await chromiumHash(page, url), shard.file).toEqual({ hash: node, opaque: true, width: info.width });
    }
    await page.close();
  });

  it('downloads the set into the Cache API, trains 101 classes × 2 images from it on the CPU and deletes it', async () => {
    const manifest = await manifestOf();
    const set = manifest.sets.find((s) => s.id === `all-${RUN.size}`)!;
    const mb = formatNumber(set.bytes / 1e6, 1);
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const sheetRequests: string[] = [];
    page.on('request', (r) => /\/all-\d+-\d+\.webp$/.test(r.url()) && sheetRequests.push(r.url()));
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; end: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration }))).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(urlOf(`trainingsschleife/?${QUERY}`));
    const demo = page.getByTestId('training-demo');

    // Straight from the link, before anything downloads: the panel says what a start fetches.
    expect(await demo.locator('select[name="classes"]').inputValue()).toBe('101');
    expect(await demo.locator('select[name="size"]').inputValue()).toBe(String(RUN.size));
    expect(await demo.locator('select[name="size"] option[value="16"]').isDisabled()).toBe(true);
    const plan = demo.locator('.data-plan');
    await expect.poll(() => plan.innerText()).toContain(`${formatNumber(8677)} Bilder`);
    expect(await plan.innerText()).toContain(`– ${mb} MB.`);
    expect(sheetRequests).toEqual([]);
    expect(await dataCaches(page)).toEqual([]);

    // Download with progress into the cache keyed by the manifest hash.
    await demo.getByRole('button', { name: 'Jetzt herunterladen' }).click();
    await expect.poll(() => demo.locator('.data-status').innerText(), { timeout: 60_000 }).toBe(`Fertig: ${mb} MB geladen und gespeichert.`);
    expect(sheetRequests).toHaveLength(set.shards.length);
    expect(await dataCaches(page)).toEqual([`caltech101-data-${manifest.hash}`]);
    expect(await demo.locator('.data-stored').innerText()).toBe(`Im Browser gespeichert: ${mb} MB.`);
    // Stored whole: no download to offer, the plan says so, and focus went to the status line, not <body>.
    await expect.poll(() => demo.getByRole('button', { name: 'Jetzt herunterladen' }).isHidden()).toBe(true);
    expect(await demo.locator('.data-plan').innerText()).toContain('im Browser gespeichert – das Training startet ohne Download.');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('data-status'))).toBe(true);

    // Train from the cache: no sheet is fetched again.
    const started = await page.evaluate(() => performance.now());
    await demo.getByRole('button', { name: 'Training starten' }).click();
    const batches = epochBatches(101 * RUN.perClass, RUN.batch, createRng(RUN.seed)).length;
    // The CPU's long first batches: a "seit … s" counter beside (not inside) the live status.
    await expect.poll(() => demo.locator('.status-elapsed').innerText(), { timeout: 120_000, interval: 100 }).toMatch(/^seit [1-9]\d* s$/);
    expect(await demo.locator('.status-elapsed').getAttribute('aria-hidden')).toBe('true');
    const line = demo.locator('.progress-line');
    await expect.poll(() => line.innerText(), { timeout: 840_000, interval: 100 }).toContain(`Batch ${batches}/${batches}`);
    const trainedAt = await page.evaluate(() => performance.now());
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 300_000 }).toBe('done');
    expect(await demo.getAttribute('data-backend')).toBe('cpu');
    expect(await line.innerText()).toContain(`Epoche 1/1 · Batch ${batches}/${batches}`);
    expect(sheetRequests).toHaveLength(set.shards.length);
    const results = await demo.locator('.results').innerText();
    expect(results).toContain(`Von ${formatNumber(101)} Validierungsbildern`); // a quarter of 2, at least one per class
    expect(results).toContain('über die 101 Klassen gemittelt');
    expect(results).toContain('Genauigkeit aller 101 Klassen');
    // At phone width the folded table of every class opens in its own box: the page never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await demo.locator('.all-classes summary').click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(await demo.getByRole('region', { name: 'Genauigkeit pro Klasse auf den Validierungsbildern' }).getByRole('columnheader', { name: 'Genauigkeit' }).isVisible()).toBe(true);
    expect(await demo.locator('.data-note').isVisible()).toBe(false); // 2 per class asked, 2 got: nothing to say
    // While it loaded from the cache, decoded and trained, the main thread stayed free: the goal is
    // no task over 50 ms (printed; a loaded machine stretches every task, so the test holds a
    // bound that only main-thread decoding or packing of the sheets would break: 500 ms).
    const longTasks = await page.evaluate(([from, to]) => (window as unknown as { __longTasks: { start: number; end: number }[] }).__longTasks.filter((t) => t.start >= from && t.end < to), [started, trainedAt]);
    const durations = longTasks.map((t) => Math.round(t.end - t.start));
    console.log(`training-101: ${((trainedAt - started) / 1000).toFixed(1)} s from start to the last batch; main-thread tasks over 50 ms: ${durations.length ? durations.join(', ') + ' ms' : 'none'}`);
    expect(Math.max(0, ...durations)).toBeLessThan(500);

    // The stored data and its deletion.
    expect(await dataCaches(page)).toEqual([`caltech101-data-${manifest.hash}`]);
    await demo.getByRole('button', { name: `Gespeicherte Daten löschen (${mb} MB)` }).click();
    await expect.poll(() => dataCaches(page)).toEqual([]);
    expect(await demo.locator('.data-stored').innerText()).toBe('Noch nichts im Browser gespeichert.');
    expect(errors).toEqual([]);
    await page.close();
  }, 1_200_000);
});
