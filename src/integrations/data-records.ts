/**
 * Astro integration: before anything is rendered, reads and checks every record and reference
 * file under src/data/ (src/lib/runs/data-files-node.ts): accuracies in 0 … 1, losses finite
 * and ≥ 0, seconds ≥ 0, epochs numbered 1, 2, 3, … A bad file fails the build (and `astro dev`)
 * with its path and field, instead of publishing a wrong number.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { loadDataFiles } from '../lib/runs/data-files-node';

/** The integration; `astro.config.mjs` lists it before the pages are built. */
export function dataRecords(): AstroIntegration {
  return {
    name: 'caltech101-data-records',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const files = loadDataFiles(fileURLToPath(config.root));
        logger.info(`checked ${files.size} record and reference files under src/data/`);
      },
    },
  };
}
