/**
 * Reads a split file (scripts/export_split.py) in Node and checks that it was made for this very
 * data set, in this very order: its `order` hash must match the index's image paths.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { imagePath, type DatasetIndex } from './caltech101';
import { orderHashText, validateSplitFile, type SplitFile } from './split';

/** The split file at `path`, validated against `index`; also returns the file's SHA-256. */
export async function readSplitFile(path: string, index: DatasetIndex): Promise<{ split: SplitFile; sha256: string }> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RangeError(`split file ${path}: not JSON (${(error as Error).message})`);
  }
  const split = validateSplitFile(value, index.images.length, `split file ${path}`);
  const order = createHash('sha256').update(orderHashText(index.images.map((e) => imagePath(index, e)))).digest('hex');
  if (order !== split.order) {
    throw new RangeError(`split file ${path}: made for images in another order or another data set (order hash ${split.order.slice(0, 12)}…, this data set ${order.slice(0, 12)}…)`);
  }
  return { split, sha256: createHash('sha256').update(text).digest('hex') };
}
