/**
 * The hashes a run record is checked against, computed in Node: the code (every source file of
 * src/lib that training uses) and the data (every image's path and size).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { buildIndex, imagePath } from '../data/caltech101';
import { checkImages, hashDatasetIndex, listDataset } from '../data/caltech101-node';

/** Folders of src/lib whose code decides what a training run computes. */
const TRAINING_CODE = ['data', 'model', 'train', 'transforms', 'webgpu'];
/**
 * Left out: our WebGPU kernels decide how fast a step runs, not what it computes (their tests
 * hold them to tfjs's stock kernels within fp32 rounding); the record names the set it used.
 */
const NOT_TRAINING_CODE = [join('webgpu', 'kernels')];

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** SHA-256 over the training code (file names and contents, sorted). */
export async function codeHash(projectRoot = '.'): Promise<string> {
  const lib = join(projectRoot, 'src', 'lib');
  const all = (await Promise.all(TRAINING_CODE.map((d) => files(join(lib, d)))))
    .flat()
    .filter((f) => !NOT_TRAINING_CODE.some((d) => relative(lib, f).startsWith(d)))
    .sort();
  const h = createHash('sha256');
  for (const f of all) h.update(`${relative(lib, f)}\n`).update(await readFile(f));
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
