/**
 * Astro integration: before `astro build` (and `astro dev`), makes sure the Caltech 101 data
 * assets in public/generated/caltech101/ exist and match today's data and code — the same
 * work as `npm run data`, so `npx astro build` and `npm run build` do the same thing.
 * Up-to-date assets cost about a second (a hash over the inputs); nothing is trained here.
 * After the build, the copy in dist/ is trimmed to what the manifest lists: a lock or a
 * half-written folder that a killed run left in public/ is never published.
 */
import type { AstroIntegration } from 'astro';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ASSET_DIR } from '../lib/data/manifest';
import { pruneToManifest } from '../lib/data/leftovers-node';
import { prepareData } from '../lib/data/prepare-node';

/** The integration that prepares the data assets before a build or dev server and trims the built copy. */
export function dataAssets(): AstroIntegration {
  let root = process.cwd();
  const run = async (logger: { info: (m: string) => void }, what: string) => {
    const result = await prepareData({ projectRoot: root, what, progress: process.stderr.isTTY, log: (m) => logger.info(m) });
    logger.info(
      result.built
        ? `wrote the data assets in ${result.seconds.toFixed(1)} s (hash ${result.hash.slice(0, 12)})`
        : `data assets are up to date (hash ${result.hash.slice(0, 12)})`,
    );
  };
  return {
    name: 'caltech101-data-assets',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': async ({ logger }) => run(logger, 'astro build'),
      'astro:server:setup': async ({ logger }) => run(logger, 'astro dev'),
      'astro:build:done': async ({ dir, logger }) => {
        // public/generated/caltech101 is copied to dist/generated/caltech101.
        const removed = await pruneToManifest(join(fileURLToPath(dir), ASSET_DIR.replace(/^public\//, '')));
        if (removed.length > 0) logger.info(`left out of dist/ what the manifest does not list: ${removed.join(', ')}`);
      },
    },
  };
}
