/**
 * Today's run inputs for the build (Node only), computed once per process: the training code's
 * hash, and the data set's index hash as `npm run data` (or the build's data integration, which
 * runs first) stored it in the asset manifest. Nothing here finds, lists or downloads the data set.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ASSET_DIR, validateManifest } from '../data/manifest';
import type { RunInputs } from './freshness';
import { codeHash } from './record-node';

const memo = new Map<string, Promise<RunInputs>>();

/** The inputs records are checked against, for the project at `projectRoot`; one computation per root. */
export function currentRunInputs(projectRoot = process.cwd()): Promise<RunInputs> {
  const root = resolve(projectRoot);
  let inputs = memo.get(root);
  if (!inputs) {
    inputs = (async () => {
      const path = join(root, ASSET_DIR, 'manifest.json');
      const manifest = await readFile(path, 'utf8')
        .then((text) => validateManifest(JSON.parse(text)))
        .catch((error: Error) => {
          throw new Error(`cannot read the data manifest ${path} (${error.message}); run npm run data (the build does it first)`);
        });
      return { code: await codeHash(root), data: manifest.dataset.indexHash };
    })();
    memo.set(root, inputs);
  }
  return inputs;
}
