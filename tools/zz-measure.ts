// Measures loading a large SimpleCNN .npz in the model loader (Chromium, headless): time to 'ready', time to the
// evaluation, and the peak RSS of Chromium's process tree (sampled every 100 ms from /proc). Usage:
// tsx measure.ts BASE_URL FILE
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium';

const [base, file] = process.argv.slice(2);
const page_kb = 4;
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try { parent.set(Number(d), Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1])); } catch {}
  }
  const out = [root];
  for (let k = 0; k < out.length; k++) for (const [p, pp] of parent) if (pp === out[k]) out.push(p);
  return out;
}
const rss = (pid: number) => { try { return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * page_kb * 1024; } catch { return 0; } };
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').trim();

const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'loader-measure-')), { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const page = await ctx.newPage();
await page.goto(new URL('pruefen/', base).href);
const me = process.pid;
let peakTotal = 0, peakOne = 0;
const sample = () => {
  const pids = tree(me).filter((p) => p !== me);
  const each = pids.map(rss);
  peakTotal = Math.max(peakTotal, each.reduce((a, b) => a + b, 0));
  peakOne = Math.max(peakOne, ...each);
};
sample();
const baseline = peakTotal;
peakTotal = 0; peakOne = 0;
const timer = setInterval(sample, 100);
console.log('loadavg before', loadavg());
const loader = page.getByTestId('model-loader');
const t0 = Date.now();
await loader.getByLabel('Modelldatei (.npz)').setInputFiles(file);
let tReady = 0;
for (;;) {
  const state = await loader.getAttribute('data-state');
  if (state === 'ready' && !tReady) { tReady = Date.now() - t0; console.log('ready after', tReady, 'ms'); }
  if (state === 'failed' || state === 'rejected' || state === 'too-big') { console.log('state', state, await loader.locator('.status').innerText()); break; }
  if (tReady && (await loader.locator('.evaluation').getAttribute('data-verdicts'))) break;
  await new Promise((r) => setTimeout(r, 100));
}
const tEval = Date.now() - t0;
clearInterval(timer);
console.log('evaluated after', tEval, 'ms:', await loader.locator('.eval-status').innerText().catch(() => ''));
console.log(`RSS of Chromium's tree: before ${(baseline / 1e9).toFixed(2)} GB, peak ${(peakTotal / 1e9).toFixed(2)} GB; largest single process peak ${(peakOne / 1e9).toFixed(2)} GB`);
console.log('loadavg after', loadavg());
await ctx.close();
