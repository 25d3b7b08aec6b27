/**
 * Validation images of the chapters' split (src/data/splits/chapters.json) in the site's data
 * assets, so a model trained in the notebook is evaluated in the page only on images it never
 * trained on, nor on one the training demo trained on. The demo's sets come from the site's own split; at each crop size the assets also
 * hold a small set `chapters-val-<s>` of chapters-split validation images (a few per class), and a
 * set `all-<s>` (every image, `subset` marked by the chapters' split) is preferred where present.
 * Pure: assets-node.ts writes the planned sets, the model loader picks from the manifest.
 */
import type { DatasetIndex } from './caltech101';
import type { AssetManifest, ImageSet } from './manifest';
import type { PlannedSet } from './assets';
import { CROP_SIZES, resizeFor } from '../transforms/sizes';

/** Where the chapters' split lives, relative to the project root. */
export const CHAPTERS_SPLIT_FILE = 'src/data/splits/chapters.json';

/**
 * Chapters-split validation images per class shipped at each crop size. Few at the large sizes:
 * a 256-px image is about 0,1 MB as PNG, and 102 classes of them would be 10 MB.
 */
export const CHAPTERS_VAL_PER_CLASS: Readonly<Record<number, number>> = { 16: 4, 32: 4, 64: 3, 128: 1, 224: 1 };

/** At most this many validation images per class are scored (all-<s> holds up to 175 per class; tfjs's CPU backend needs about 0,1 s per 64-px image). */
export const CHAPTERS_VAL_MAX_PER_CLASS = 10;

/** The id of the chapters-split validation set at `cropSize`. */
export const chaptersValSetId = (cropSize: number) => `chapters-val-${cropSize}`;

/**
 * One planned set per crop size not yet covered by an `all-<s>` set in `planned`: the first
 * `perClass[s]` validation positions of each class, in the split file's order (a random order, so
 * no class's first files are favoured), grouped by class; positions that a set in `planned` (the
 * training demo's) marks as training images are skipped, so each class still gets its full count.
 */
export function planChaptersValSets(index: DatasetIndex, val: readonly number[], planned: readonly PlannedSet[] = [], perClass = CHAPTERS_VAL_PER_CLASS): PlannedSet[] {
  const covered = new Set(planned.map((s) => s.id));
  const demoTrain = new Set(planned.flatMap((s) => s.positions.filter((_, i) => s.subset[i] === 'train')));
  return CROP_SIZES.filter((s) => (perClass[s] ?? 0) > 0 && !covered.has(`all-${s}`)).map((cropSize) => {
    const taken = new Map<number, number[]>();
    for (const p of val) {
      if (demoTrain.has(p)) continue;
      const label = index.images[p].label;
      const list = taken.get(label) ?? [];
      if (list.length < perClass[cropSize]) taken.set(label, [...list, p]);
    }
    const positions = [...taken.keys()].sort((a, b) => a - b).flatMap((label) => taken.get(label)!);
    return { id: chaptersValSetId(cropSize), cropSize, size: resizeFor(cropSize), positions, subset: positions.map(() => 'val' as const) };
  });
}

/** One validation image for a model: its index in the set, the model's class index and the image's `class/file`. */
export interface ValImage {
  index: number;
  label: number;
  source: string;
}

/** The chapters-split validation images a model with `classes` (names, in its order) can be scored on at `cropSize`. */
export interface ValSelection {
  set: ImageSet;
  images: ValImage[];
  /** The model's classes without any validation image here. */
  missing: string[];
  /** Chapters-split validation images of the model's classes left out because the training demo trains on them. */
  excluded: number;
}

/** `class/file` of every image some set of the manifest marks as a training image (the demo's sets: the site's own split). */
export function demoTrainSources(manifest: AssetManifest): Set<string> {
  return new Set(manifest.sets.flatMap((s) => s.sources.filter((_, i) => s.subset[i] === 'train')));
}

/**
 * The chapters-split validation images for a model of `cropSize` with `classes`: from `all-<s>`
 * (its `subset` is the chapters' split) when the manifest has it, else from `chapters-val-<s>`;
 * images of classes the model does not know are left out, and so is every image that a set of the
 * manifest marks as a training image (the training demo's sets come from the site's own split, which
 * puts some chapters-split validation images into training); each class gives at most `maxPerClass`
 * (the first in the set's order). Null when neither set exists.
 */
export function selectChaptersVal(manifest: AssetManifest, cropSize: number, classes: readonly string[], maxPerClass = CHAPTERS_VAL_MAX_PER_CLASS): ValSelection | null {
  const set = manifest.sets.find((s) => s.id === `all-${cropSize}`) ?? manifest.sets.find((s) => s.id === chaptersValSetId(cropSize));
  if (!set) return null;
  const labelOf = new Map(classes.map((name, i) => [name, i]));
  const images: ValImage[] = [];
  const taken = classes.map(() => 0);
  const trained = demoTrainSources(manifest);
  let excluded = 0;
  set.labels.forEach((datasetLabel, index) => {
    const label = labelOf.get(manifest.dataset.classes[datasetLabel]);
    if (set.subset[index] !== 'val' || label === undefined) return;
    if (trained.has(set.sources[index])) excluded++;
    else if (taken[label]++ < maxPerClass) images.push({ index, label, source: set.sources[index] });
  });
  const seen = new Set(images.map((i) => i.label));
  return { set, images, missing: classes.filter((_, i) => !seen.has(i)), excluded };
}
