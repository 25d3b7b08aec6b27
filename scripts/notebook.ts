/**
 * npm run notebook [-- --out FILE] (`--help` lists the options): writes the whole program — every
 * Python block of the chapters, in site order — as one Jupyter notebook. The build writes the same
 * file into dist/ (src/integrations/notebook.ts); tests/python/run_chapters.py calls this script and
 * executes the notebook's code cells. Imports only .ts files and Node builtins: plain
 * `node scripts/notebook.ts` (Node >= 22.18; 22.6 with --experimental-strip-types) runs it where node_modules is absent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from './cli.ts';
import { FenceError } from '../src/lib/notebook/fences.ts';
import { generateNotebook, serializeNotebook } from '../src/lib/notebook/notebook-node.ts';

const { out } = parseCommandLine('notebook', {
  command: 'npm run notebook --',
  summary: 'Writes every Python block of the chapters, in site order, as one Jupyter notebook.',
  options: { out: { kind: 'string', placeholder: 'FILE', help: 'where to write the .ipynb (default: standard output)' } },
});
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let text: string;
try {
  text = serializeNotebook(generateNotebook(root, process.env.BASE_PATH || '/', process.env.SITE_URL || undefined));
} catch (error) {
  // a broken chapter (an unclosed fence) is one line naming file and line, not a stack
  if (!(error instanceof FenceError)) throw error;
  console.error(`notebook: ${error.message}`);
  process.exit(1);
}
if (out) {
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, text);
} else {
  process.stdout.write(text);
}
