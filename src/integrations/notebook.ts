/**
 * Astro integration: writes the whole program as one Jupyter notebook (src/lib/notebook) into
 * dist/ after the build, and serves the same file under `astro dev`. Every page links it
 * (src/components/PageTitle.astro); tests/python/run_chapters.py executes the same notebook.
 * The notebook is generated once as soon as the configuration is known, before any page is built:
 * a chapter with an unclosed fence fails the build there, naming file and line (fences.ts).
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NOTEBOOK_FILE } from '../lib/notebook/notebook';
import { generateNotebook, serializeNotebook } from '../lib/notebook/notebook-node';

export function programNotebook(): AstroIntegration {
  let root = process.cwd();
  let base = '/';
  let site: string | undefined;
  const text = () => serializeNotebook(generateNotebook(root, base, site));
  return {
    name: 'caltech101-program-notebook',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        base = config.base;
        site = config.site;
        text();
      },
      'astro:server:setup': ({ server }) => {
        const path = `${base.replace(/\/?$/, '/')}${NOTEBOOK_FILE}`;
        server.middlewares.use((req, res, next) => {
          if (req.url?.split('?')[0] !== path) return next();
          res.setHeader('Content-Type', 'application/x-ipynb+json; charset=utf-8');
          res.end(text());
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const notebook = text();
        writeFileSync(new URL(NOTEBOOK_FILE, dir), notebook);
        logger.info(`wrote ${NOTEBOOK_FILE} (${(notebook.length / 1024).toFixed(0)} KB)`);
      },
    },
  };
}
