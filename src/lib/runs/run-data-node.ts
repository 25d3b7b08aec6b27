/**
 * The images of one run, as train:full and export-draws select them: the data set (CALTECH101_DIR,
 * else the default cache folder), the split (a split file, or the project's own seeded split),
 * the first `classes` classes with `perClass` training images each, and their decoded bytes.
 */
import { resolve } from 'node:path';
import { buildIndex, imagePath, type DatasetIndex } from '../data/caltech101';
import { datasetOptionsFromEnv, DatasetError, ensureDataset, listDataset } from '../data/caltech101-node';
import { selectImages, splitDataset, type Split } from '../data/split';
import { readSplitFile } from '../data/split-node';
import { loadImages, type LoadOptions } from '../train/images-node';
import { resizeFor } from '../transforms/sizes';

/** Which images a run uses. */
export interface RunSelection {
  classes: number;
  perClass: number | 'all';
  trainFraction: number;
  /** A split file (scripts/export_split.py); absent: splitDataset with seed 0. */
  splitFile?: string;
}

/** The selected images: dataset folder and index, split positions, labels and the split's id. */
export interface SelectedImages {
  folder: string;
  index: DatasetIndex;
  train: number[];
  val: number[];
  trainLabels: Int32Array;
  valLabels: Int32Array;
  /** `name:sha256` of the split file, absent for the project's own split. */
  split?: string;
  /** A line for the terminal about the split file, absent without one. */
  splitNote?: string;
}

/** Finds the data set, reads the split and selects the run's images (no decoding yet). */
export async function selectRunImages(selection: RunSelection): Promise<SelectedImages> {
  const folder = await ensureDataset(datasetOptionsFromEnv());
  const index = buildIndex(await listDataset(folder));
  let split: Split = splitDataset(index.images.length, { seed: 0, trainFraction: selection.trainFraction });
  let id: string | undefined;
  let splitNote: string | undefined;
  if (selection.splitFile !== undefined) {
    const file = await readSplitFile(resolve(selection.splitFile), index).catch((error: Error) => {
      throw new DatasetError(`invalid --split: ${error.message}`);
    });
    split = { train: file.split.train, val: file.split.val };
    id = `${file.split.name}:${file.sha256}`;
    splitNote = `split ${file.split.name} from ${selection.splitFile} (${split.train.length} / ${split.val.length}, drawn by PyTorch ${file.split.torch})`;
  }
  const chosen = selectImages(split, (p) => index.images[p].label, selection.classes, selection.perClass);
  const labels = (positions: number[]) => Int32Array.from(positions, (p) => index.images[p].label);
  return { folder, index, train: chosen.train, val: chosen.val, trainLabels: labels(chosen.train), valLabels: labels(chosen.val), split: id, splitNote };
}

/** Decodes and resizes the selected images for `cropSize`: training images first, then validation, `[n, R, R, 3]` bytes. */
export async function decodeRunImages(images: SelectedImages, cropSize: number, options: LoadOptions = {}): Promise<{ bytes: Uint8Array; size: number }> {
  const size = resizeFor(cropSize);
  const paths = [...images.train, ...images.val].map((p) => imagePath(images.index, images.index.images[p]));
  const all = await loadImages(images.folder, paths, size, options);
  return { bytes: all.bytes, size };
}
