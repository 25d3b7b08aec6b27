/**
 * npm run bench [-- step|demo|pipeline [options]]: runs the project's benchmarks, each as its own tsx process.
 *   npm run bench                       the training-step benchmark with its defaults, then the demo benchmark
 *   npm run bench -- step [options]     only scripts/bench-step.ts (stock vs. our WebGPU kernels, in Node)
 *   npm run bench -- demo [options]     only scripts/bench-demo.ts (the browser demo in headless Chromium)
 *   npm run bench -- pipeline [options] only scripts/bench-pipeline.ts (the GPU input pipeline's CPU cost per batch)
 * The demo benchmark needs dist/ (`npm run build`) and Chromium; where one is missing, a plain
 * `npm run bench` says why and skips it, `npm run bench -- demo` fails with that reason.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './cli';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsxCli = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const SCRIPTS = { step: 'scripts/bench-step.ts', demo: 'scripts/bench-demo.ts', pipeline: 'scripts/bench-pipeline.ts' } as const;
type Bench = keyof typeof SCRIPTS;

/** Runs one benchmark script in a child process with the same Node; resolves with its exit code. */
function run(bench: Bench, args: string[]): Promise<number> {
  return new Promise((resolveCode, reject) => {
    const child = spawn(process.execPath, [tsxCli, SCRIPTS[bench], ...args], { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveCode(code ?? (signal ? 1 : 0)));
  });
}

/** Why the demo benchmark cannot run here, or null when it can. */
async function demoMissing(): Promise<string | null> {
  const { findChromium } = await import('../tools/chromium'); // Playwright is slow to load: only when needed
  if (!existsSync(new URL('../dist/trainingsschleife/index.html', import.meta.url))) return 'dist/ is missing: run npm run build first';
  if (!findChromium()) return 'no Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)';
  return null;
}

async function main(): Promise<number> {
  const [first, ...rest] = process.argv.slice(2);
  if (!(first in SCRIPTS)) {
    // No benchmark named: only --help is allowed (a benchmark checks its own options, before any work).
    parseCommandLine('bench', {
      command: 'npm run bench --',
      summary: `Runs the benchmarks (${Object.values(SCRIPTS).join(', ')}); a name runs only that one, with its options (npm run bench -- step --help).`,
      options: {},
      positionals: { name: 'benchmark', choices: Object.keys(SCRIPTS) },
    });
  }
  if (!existsSync(tsxCli)) throw new Error(`tsx is missing (${tsxCli}): run npm ci`);
  if (first === 'step') return run('step', rest);
  if (first === 'pipeline') return run('pipeline', rest);
  if (first === 'demo') {
    const missing = await demoMissing();
    if (missing) {
      console.error(`bench: cannot run the demo benchmark: ${missing}`);
      return 1;
    }
    return run('demo', rest);
  }
  console.log('bench: 1/2 training-step benchmark (scripts/bench-step.ts)');
  const step = await run('step', []);
  const missing = await demoMissing();
  if (missing) {
    console.log(`bench: 2/2 demo benchmark skipped: ${missing}`);
    return step;
  }
  console.log('bench: 2/2 demo benchmark (scripts/bench-demo.ts)');
  const demo = await run('demo', []);
  return step || demo;
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
