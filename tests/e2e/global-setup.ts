/**
 * Runs once per test run: builds the site (`astro build`) and serves `dist/` on 127.0.0.1.
 * Every end-to-end test file shares this one build and this one server.
 * E2E_REUSE_DIST=1 skips the build and serves an existing dist/ (local iteration only).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from '../../tools/static-server';
import { findChromium } from '../../tools/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = fileURLToPath(new URL('../../dist', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    chromium: string | null;
  }
}

/** The environment `npm run build` would see: without Vitest's NODE_ENV=test and VITEST* variables. */
function buildEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST')));
  return { ...env, ASTRO_TELEMETRY_DISABLED: '1' };
}

export default async function setup(project: TestProject) {
  const chromium = findChromium();
  if (!chromium && process.env.CI) {
    throw new Error('CI=true but no Chromium found: install Debian\'s package (apt-get install -y chromium) or set CHROMIUM_PATH');
  }
  if (!(process.env.E2E_REUSE_DIST && existsSync(dist))) {
    const astro = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));
    const started = Date.now();
    const build = spawnSync(process.execPath, [astro, 'build'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: buildEnv(),
      encoding: 'utf8',
    });
    if (build.status !== 0) {
      throw new Error(`astro build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    }
    console.log(`e2e: astro build took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const { url, server } = await serveStatic(dist);
  console.log(`e2e: serving ${dist} at ${url}`);
  project.provide('baseURL', url);
  project.provide('chromium', chromium);
  return async () => {
    await new Promise((resolve) => server.close(resolve));
  };
}
