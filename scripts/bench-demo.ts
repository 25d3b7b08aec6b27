/**
 * npm run bench -- demo [options] (also part of a plain `npm run bench`): measures the training
 * demo in headless Chromium (Debian's, SwiftShader's software WebGPU on machines without a GPU):
 * seconds per epoch, milliseconds per batch, and the main thread's long tasks (> 50 ms) while
 * the worker trains. Prints figures; asserts nothing.
 * Uses dist/ (run `npm run build` first). Options: --classes 5 --per-class 8 --size 32 --epochs 2 --batch 16
 */
import { existsSync } from 'node:fs';
import { launchBrowser, findChromium } from '../tests/e2e/chromium';
import { serveStatic } from '../tests/e2e/static-server';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const config = { classes: arg('classes', 5), perClass: arg('per-class', 8), size: arg('size', 32), epochs: arg('epochs', 2), batch: arg('batch', 16) };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const chromium = findChromium();
if (!chromium) throw new Error('no Chromium: apt-get install -y chromium');
if (!existsSync('dist/trainingsschleife/index.html')) throw new Error('dist/ is missing: run npm run build first');
const { url, server } = await serveStatic(new URL('../dist', import.meta.url).pathname);
const browser = await launchBrowser(chromium);
try {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[]; __batchMs: number[] };
    w.__longTasks = [];
    w.__batchMs = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  const q = `demo-classes=${config.classes}&demo-per-class=${config.perClass}&demo-size=${config.size}&demo-epochs=${config.epochs}&demo-batch=${config.batch}`;
  await page.goto(`${url}trainingsschleife/?${q}`);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __batchMs: number[] };
    w.__longTasks.length = 0; // only what happens from the start of training on
    const stats = document.querySelector('training-demo .stats')!;
    new MutationObserver(() => {
      const m = stats.textContent?.match(/^(\d+) ms pro Batch/);
      if (m) w.__batchMs.push(Number(m[1]));
    }).observe(stats, { childList: true, characterData: true, subtree: true });
  });
  const demo = page.getByTestId('training-demo');
  const t0 = Date.now();
  await demo.getByRole('button', { name: 'Training starten' }).click();
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('training-demo')!.getAttribute('data-state')!), null, { timeout: 600_000, polling: 500 });
  const wall = (Date.now() - t0) / 1000;
  const state = await demo.getAttribute('data-state');
  const backend = await demo.getAttribute('data-backend');
  const epochs = (await demo.locator('table.epochs tbody tr').allInnerTexts()).map((r) => Number(r.split('\t')[6].replace(',', '.')));
  const { longTasks, batchMs } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __batchMs: number[] };
    return { longTasks: w.__longTasks, batchMs: w.__batchMs };
  });
  const adapter = await page.evaluate(async () => {
    const a = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
    return a ? `${a.info.vendor} ${a.info.architecture}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}` : 'none';
  });
  console.log(`training demo benchmark — Chromium ${browser.context.browser()?.version() ?? ''}, backend ${backend}, adapter ${adapter}`);
  console.log(`config: ${config.classes} classes × ${config.perClass} images, ${config.size} × ${config.size}, batch ${config.batch}, ${config.epochs} epochs → ${state} in ${wall.toFixed(1)} s`);
  console.log(`seconds per epoch: ${epochs.map((e) => e.toFixed(1)).join(', ')} (the first includes shader compilation)`);
  console.log(`ms per batch: median ${median(batchMs.slice(1))}, first ${batchMs[0]}, n = ${batchMs.length}`);
  console.log(`main-thread long tasks during training: ${longTasks.length} (max ${Math.max(0, ...longTasks).toFixed(0)} ms, total ${longTasks.reduce((a, b) => a + b, 0).toFixed(0)} ms)`);
} finally {
  await browser.close();
  server.close();
}
