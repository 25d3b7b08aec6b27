/**
 * npm run bench -- demo [options] (also part of a plain `npm run bench`): measures the training
 * demo in headless Chromium (Debian's, SwiftShader's software WebGPU on machines without a GPU):
 * seconds per epoch, milliseconds per batch, and the main thread's long tasks (> 50 ms) while
 * the worker loads the images and trains. Each long animation frame (Chromium's LoAF entries)
 * is printed with the scripts that ran in it (what called them, source position, time), so a
 * long task can be traced to the code that caused it. Prints figures; asserts nothing.
 * Uses dist/ (run `npm run build` first). `--help` lists the options (the demo's own limits).
 */
import { existsSync } from 'node:fs';
import { median } from '../src/lib/stats';
import { parseCommandLine } from './cli';
import { TRAINING_OPTIONS as O } from '../src/lib/demo/options';
import { BACKENDS } from '../src/lib/webgpu/backend';
import { checkOutput, writeOutput } from '../src/lib/runs/output-node';

// The demo's own limits (its URL parameters check the same table); the defaults are a short run.
const options = parseCommandLine('bench:demo', {
  command: 'npm run bench -- demo',
  summary: 'Trains the browser demo in headless Chromium and prints seconds per epoch, ms per batch and long tasks.',
  options: {
    classes: { kind: 'int', min: O.classes.min, max: O.classes.max, default: O.classes.default, help: 'classes' },
    'per-class': { kind: 'int', min: O.perClass.min, max: O.perClass.max, default: 8, help: 'training images per class' },
    size: { kind: 'choice', choices: O.cropSize.choices, default: O.cropSize.default, help: 'input size' },
    epochs: { kind: 'int', min: O.epochs.min, max: O.epochs.max, default: 2, help: 'epochs' },
    batch: { kind: 'int', min: O.batchSize.min, max: O.batchSize.max, default: 16, help: 'batch size' },
    backend: { kind: 'choice', choices: ['auto', ...BACKENDS], default: 'auto', help: 'TensorFlow.js backend (auto: as the page chooses)' },
    json: { kind: 'string', placeholder: 'FILE', help: 'write the figures, every long task and long animation frame (with its scripts) as JSON' },
  },
} as const);
// Loaded after the options are checked (Playwright is slow to load).
const { launchBrowser, findChromium } = await import('../tools/chromium');
const { serveStatic } = await import('../tools/static-server');
const config = { classes: options.classes, perClass: options['per-class'], size: options.size, epochs: options.epochs, batch: options.batch, backend: options.backend };
if (options.json) await checkOutput(options.json, { option: '--json' });

/** A script inside a long animation frame, as Chromium reports it (PerformanceScriptTiming). */
interface FrameScript {
  invoker: string;
  invokerType: string;
  source: string;
  start: number;
  duration: number;
  forcedStyleAndLayout: number;
}
/** A long animation frame (> 50 ms from task start to paint): its scripts and its rendering time. */
interface LongFrame {
  start: number;
  duration: number;
  blocking: number;
  render: number;
  scripts: FrameScript[];
}

const chromium = findChromium();
if (!chromium) throw new Error('no Chromium: apt-get install -y chromium');
if (!existsSync('dist/trainingsschleife/index.html')) throw new Error('dist/ is missing: run npm run build first');
const { url, server } = await serveStatic(new URL('../dist', import.meta.url).pathname);
const browser = await launchBrowser(chromium);
try {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __frames: unknown[]; __batchMs: number[] };
    w.__longTasks = [];
    w.__frames = [];
    w.__batchMs = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push({ start: e.startTime, duration: e.duration }))).observe({ type: 'longtask', buffered: true });
    type Script = { invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; sourceCharPosition: number; startTime: number; duration: number; forcedStyleAndLayoutDuration: number };
    type Frame = PerformanceEntry & { blockingDuration: number; renderStart: number; scripts: Script[] };
    new PerformanceObserver((list) =>
      (list.getEntries() as Frame[]).forEach((e) =>
        w.__frames.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          scripts: e.scripts.map((s) => ({
            invoker: s.invoker,
            invokerType: s.invokerType,
            source: `${s.sourceURL.replace(location.origin, '')}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}@${s.sourceCharPosition}`,
            start: s.startTime,
            duration: s.duration,
            forcedStyleAndLayout: s.forcedStyleAndLayoutDuration,
          })),
        }),
      ),
    ).observe({ type: 'long-animation-frame', buffered: true });
  });
  const q = new URLSearchParams({
    [O.classes.param]: String(config.classes),
    [O.perClass.param]: String(config.perClass),
    [O.cropSize.param]: String(config.size),
    [O.epochs.param]: String(config.epochs),
    [O.batchSize.param]: String(config.batch),
    ...(config.backend === 'auto' ? {} : { 'demo-backend': config.backend }),
  }).toString();
  await page.goto(`${url}trainingsschleife/?${q}`);
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: unknown[]; __frames: unknown[]; __batchMs: number[] };
    w.__longTasks.length = 0; // only what happens from the start of training on
    w.__frames.length = 0;
    const stats = document.querySelector('training-demo .stats')!;
    new MutationObserver(() => {
      const m = stats.textContent?.match(/^([\d.]+) ms pro Batch/); // German grouping: 1.234 ms
      if (m) w.__batchMs.push(Number(m[1].replace(/\./g, '')));
    }).observe(stats, { childList: true, characterData: true, subtree: true });
  });
  const demo = page.getByTestId('training-demo');
  const t0 = Date.now();
  await demo.getByRole('button', { name: 'Training starten' }).click();
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('training-demo')!.getAttribute('data-state')!), null, { timeout: 600_000, polling: 500 });
  const wall = (Date.now() - t0) / 1000;
  const state = await demo.getAttribute('data-state');
  const backend = await demo.getAttribute('data-backend');
  // Why this backend: on a software adapter the demo times a step on WebGPU and on WebGL.
  const backendNote = (await demo.locator('.backend-note').isVisible()) ? await demo.locator('.backend-note').innerText() : '';
  const epochs = (await demo.locator('table.epochs tbody tr').allInnerTexts()).map((r) => Number(r.split('\t')[6].replace(/\./g, '').replace(',', '.')));
  const { longTasks, frames, batchMs } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __frames: LongFrame[]; __batchMs: number[] };
    return { longTasks: w.__longTasks, frames: w.__frames, batchMs: w.__batchMs };
  });
  const adapter = await page.evaluate(async () => {
    const a = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
    return a ? `${a.info.vendor} ${a.info.architecture}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}` : 'none';
  });
  console.log(`training demo benchmark — Chromium ${browser.context.browser()?.version() ?? ''}, backend ${backend}, adapter ${adapter}`);
  if (backendNote) console.log(`backend choice: ${backendNote}`);
  console.log(`config: ${config.classes} classes × ${config.perClass} images, ${config.size} × ${config.size}, batch ${config.batch}, ${config.epochs} epochs → ${state} in ${wall.toFixed(1)} s`);
  console.log(`seconds per epoch: ${epochs.map((e) => e.toFixed(1)).join(', ')} (the first includes shader compilation)`);
  console.log(`ms per batch: median ${median(batchMs.slice(1))}, first ${batchMs[0]}, n = ${batchMs.length}`);
  const taskMs = longTasks.map((t) => t.duration);
  console.log(`main-thread long tasks during loading and training: ${taskMs.length} (max ${Math.max(0, ...taskMs).toFixed(0)} ms, total ${taskMs.reduce((a, b) => a + b, 0).toFixed(0)} ms)`);
  console.log(`long animation frames: ${frames.length}${frames.length ? ' — each with its scripts over 5 ms:' : ''}`);
  for (const f of frames) {
    console.log(`  at ${(f.start / 1000).toFixed(1)} s: ${f.duration.toFixed(0)} ms (blocking ${f.blocking.toFixed(0)} ms, rendering ${f.render.toFixed(0)} ms)`);
    for (const s of f.scripts.filter((x) => x.duration > 5)) console.log(`    ${s.duration.toFixed(0)} ms ${s.invokerType} ${s.invoker} → ${s.source}${s.forcedStyleAndLayout > 1 ? ` (forced layout ${s.forcedStyleAndLayout.toFixed(0)} ms)` : ''}`);
  }
  if (options.json) {
    const result = { date: new Date().toISOString(), userAgent: await page.evaluate(() => navigator.userAgent), backend, adapter, backendNote, config, state, wallSeconds: wall, epochSeconds: epochs, batchMs, longTasks, frames };
    await writeOutput(options.json, `${JSON.stringify(result, null, 1)}\n`, { option: '--json' });
    console.log(`written: ${options.json}`);
  }
} finally {
  await browser.close();
  server.close();
}
