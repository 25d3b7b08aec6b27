/**
 * The hashes a run record is checked against, computed in Node: the code (the results-relevant
 * files of code-files.ts) and the data (every image's path and size).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildIndex, imagePath } from '../data/caltech101';
import { checkImages, hashDatasetIndex, listDataset } from '../data/caltech101-node';
import { RESULT_FILES } from './code-files';

/** SHA-256 of a text or buffer as 64 hex digits (Node's crypto). */
export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** SHA-256 over the results-relevant training code (code-files.ts: names and contents, sorted). */
export async function codeHash(projectRoot = '.'): Promise<string> {
  const lib = join(projectRoot, 'src', 'lib');
  const h = createHash('sha256');
  for (const f of [...RESULT_FILES].sort()) h.update(`${f}\n`).update(await readFile(join(lib, f)));
  return h.digest('hex');
}

/**
 * SHA-256 over the data set's index: every image's path and size (hashDatasetIndex). The build
 * does not call this: `npm run data` stores the same hash in the asset manifest (inputs-node.ts).
 */
export async function dataHash(datasetFolder: string): Promise<string> {
  const index = buildIndex(await listDataset(datasetFolder));
  const paths = index.images.map((e) => imagePath(index, e));
  return hashDatasetIndex(paths, await checkImages(datasetFolder, paths));
}

/**
 * Today's code hash of a PyTorch record's program, where it can be recomputed here: the original
 * recipe's script (scripts/pytorch/records.py hashes its text). The corrected arm hashes the
 * chapters' program as it ran (blocks after overrides): null, only its data is checked.
 */
export async function pytorchCodeHash(program: string, projectRoot = '.'): Promise<string | null> {
  const script = 'scripts/pytorch/reference_original.py';
  if (!program.startsWith(script)) return null;
  return sha256(await readFile(join(projectRoot, script)));
}
