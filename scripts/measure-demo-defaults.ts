/**
 * What a reader gets who presses "Training starten" without changing a setting: trains the
 * browser demo with its defaults (src/lib/demo/options.ts) in headless Chromium (Debian's; on a
 * machine without a GPU SwiftShader, i.e. the CPU), once per seed, each in a fresh browser profile
 * (so the backend is chosen by a measured step, as on a first visit), and writes
 *   bench/results/DATE-demo-defaults/seedN.json   each run as the page showed it, with load and device
 *   src/data/demo/defaults.json                   the runs together, read by DemoExpectation.astro
 * Uses dist/ (run `npm run build` first).
 * Usage: bash scripts/with-node.sh npx tsx scripts/measure-demo-defaults.ts [--seeds 0,1,2] [--concurrent]
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { LEARNING_RATES, SEED_OPTION, TRAINING_OPTIONS as O, TRAINING_RECIPES } from '../src/lib/demo/options';
import { findChromium, launchBrowser } from '../tools/chromium';
import { parseCommandLine } from './cli';
import { serveStatic } from '../tools/static-server';

const options = parseCommandLine('measure-demo-defaults', {
  command: 'bash scripts/with-node.sh npx tsx scripts/measure-demo-defaults.ts',
  summary: 'Trains the training demo with its defaults in headless Chromium, once per seed, and writes the runs (needs dist/).',
  options: {
    seeds: { kind: 'string', default: '0,1,2', placeholder: 'LIST', help: `comma-separated seeds, each an integer 0 … ${SEED_OPTION.max}` },
    concurrent: { kind: 'flag', help: 'say in the record that other work shared the machine' },
  },
});
const seeds = options.seeds.split(',').map(Number);
if (seeds.some((s) => !Number.isInteger(s) || s < SEED_OPTION.min || s > SEED_OPTION.max)) {
  console.error(`measure-demo-defaults: invalid --seeds "${options.seeds}" (comma-separated integers 0 … ${SEED_OPTION.max}) (--help lists the options)`);
  process.exit(2);
}
const concurrent = options.concurrent;
const date = new Date().toISOString().slice(0, 10);
const outDir = `bench/results/${date}-demo-defaults`;

const chromium = findChromium();
if (!chromium) throw new Error('no Chromium: apt-get install -y chromium');
if (!existsSync('dist/trainingsschleife/index.html')) throw new Error('dist/ is missing: run npm run build first');

/** "75,0 %" or "1.234,5" → 0.75 or 1234.5 (German cells; a percentage becomes a share). */
const cellValue = (cell: string) => {
  const percent = /%$/.test(cell.trim());
  const n = Number(cell.replace(/[\s\u00a0]*%$/, '').trim().replace(/\./g, '').replace(',', '.'));
  return percent ? n / 100 : n;
};

const config = {
  classes: O.classes.default,
  perClass: O.perClass.default,
  cropSize: O.cropSize.default,
  epochs: O.epochs.default,
  batchSize: O.batchSize.default,
  learningRate: Number(LEARNING_RATES.default),
  recipe: TRAINING_RECIPES.default,
};
const cpu = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`;
const { url, server } = await serveStatic(new URL('../dist', import.meta.url).pathname);
mkdirSync(outDir, { recursive: true });
const runs = [];
try {
  for (const seed of seeds) {
    const browser = await launchBrowser(chromium);
    try {
      const page = await browser.context.newPage();
      await page.goto(`${url}trainingsschleife/?${SEED_OPTION.param}=${seed}`);
      const demo = page.getByTestId('training-demo');
      const loadBefore = loadavg()[0];
      const t0 = Date.now();
      await demo.getByRole('button', { name: 'Training starten' }).click();
      // On WebGL or the CPU a long run pauses after batch 2 and asks (lib/train/projection.ts): a reader
      // who wants the result says "Fortsetzen"; the seconds of that question are not the demo's.
      let asked = 0;
      for (;;) {
        const state = await page.waitForFunction(
          () => {
            const demo = document.querySelector('training-demo')!;
            const s = demo.getAttribute('data-state')!;
            if (['done', 'error'].includes(s)) return s;
            return /dauert der ganze Lauf etwa/.test(demo.querySelector('.status')?.textContent ?? '') && s === 'paused' ? 'asked' : false;
          },
          null,
          { timeout: 1_800_000, polling: 1000 },
        );
        if ((await state.jsonValue()) !== 'asked') break;
        const at = Date.now();
        await demo.getByRole('button', { name: 'Fortsetzen' }).click();
        asked += Date.now() - at;
      }
      const seconds = (Date.now() - t0 - asked) / 1000;
      const loadAfter = loadavg()[0];
      const state = await demo.getAttribute('data-state');
      if (state !== 'done') throw new Error(`seed ${seed}: the demo ended in state ${state}: ${await demo.locator('.error').innerText()}`);
      const backend = await demo.getAttribute('data-backend');
      const backendNote = (await demo.locator('.backend-note').isVisible()) ? await demo.locator('.backend-note').innerText() : '';
      // columns: Epoche, Verlust (Mittel), Verlust letzter Batch, Genauigkeit, Val.-Verlust, Val.-Genauigkeit, Sekunden, Tensoren
      const rows = (await demo.locator('table.epochs tbody tr').allInnerTexts()).map((r) => r.split('\t').map(cellValue));
      const epochs = rows.map((c) => ({ epoch: c[0], trainLoss: c[1], trainLossLastBatch: c[2], trainAccuracy: c[3], valLoss: c[4], valAccuracy: c[5], seconds: c[6] }));
      // the confusion matrix counts every validation image once (each row: counts, then the class's accuracy)
      const valImages = await demo.locator('.confusion tbody tr').evaluateAll((trs) =>
        trs.reduce((n, tr) => n + [...tr.querySelectorAll('td')].slice(0, -1).reduce((a, td) => a + Number(td.textContent), 0), 0),
      );
      const adapter = await page.evaluate(async () => {
        const a = await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter();
        return a ? `${a.info.vendor} ${a.info.architecture}${a.isFallbackAdapter ? ' (fallback adapter)' : ''}` : 'none';
      });
      const run = {
        seed,
        valAccuracy: epochs.at(-1)!.valAccuracy,
        valImages,
        seconds,
        backend,
        backendNote,
        adapter,
        chromium: browser.context.browser()?.version() ?? '',
        loadavg1Before: loadBefore,
        loadavg1After: loadAfter,
        epochs,
      };
      writeFileSync(`${outDir}/seed${seed}.json`, `${JSON.stringify({ config, cpu, date, concurrent, ...run }, null, 1)}\n`);
      console.log(`seed ${seed}: ${state} in ${seconds.toFixed(1)} s on ${backend} (${adapter}), val accuracy ${epochs.map((e) => e.valAccuracy.toFixed(2)).join(' ')}; load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`);
      runs.push(run);
    } finally {
      await browser.close();
    }
  }
} finally {
  server.close();
}
const commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
mkdirSync('src/data/demo', { recursive: true });
writeFileSync(
  'src/data/demo/defaults.json',
  `${JSON.stringify(
    {
      format: 1,
      what: 'the training demo with its default settings, started once per seed in a fresh headless Chromium profile; valAccuracy is the last epoch\'s, seconds from pressing Start to the end of the evaluation',
      config,
      device: { cpu, gpu: 'none (Chromium renders with SwiftShader on the CPU)', chromium: runs[0]?.chromium ?? '' },
      concurrent,
      date,
      command: `bash scripts/with-node.sh npx tsx scripts/measure-demo-defaults.ts --seeds ${seeds.join(',')}${concurrent ? ' --concurrent' : ''}`,
      source: outDir,
      commit,
      runs: runs.map(({ seed, valAccuracy, valImages, seconds, backend, loadavg1Before, loadavg1After, epochs }) => ({ seed, valAccuracy, valImages, seconds, backend, loadavg1Before, loadavg1After, epochs: epochs.map(({ epoch, valAccuracy: v, seconds: s }) => ({ epoch, valAccuracy: v, seconds: s })) })),
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote src/data/demo/defaults.json and ${outDir}/`);
