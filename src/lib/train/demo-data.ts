/**
 * The browser demo's data, from its downloaded image set to what the loop and the results need:
 * the subset of the chosen classes (lib/data/subset), the images as tensors (on WebGPU resident
 * on the GPU, with the int32 gather path as fallback) and the example pictures of the evaluation.
 * The training worker only relays messages to these functions.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { AssetManifest, ImageSet } from '../data/manifest';
import { packRGB } from '../data/pixels';
import { selectSubset, type Subset, type SubsetPick } from '../data/subset';
import { applyMap, centerCropMap } from '../transforms/geometry';
import type { RGBAImage } from '../transforms/image';
import { uploadImages, type ResidentImages } from '../webgpu/augment';
import { spreadIndices, type Evaluation, type Ranked } from './evaluation';

type TF = typeof tfjs;

/** How many images the run really got (the data may hold fewer than asked for). */
export interface DataCounts {
  classes: string[];
  train: number;
  val: number;
  trainCounts: number[];
  valCounts: number[];
}

/** The run's images: the subset's picks and the names of the run's classes (label k = classes[k]). */
export interface DemoSubset {
  subset: Subset;
  classes: string[];
  counts: DataCounts;
}

/** True when a run of `classCount` classes trains the whole data set (the all-N sets, the chapters' split). */
export const isAllClasses = (manifest: AssetManifest, classCount: number): boolean => classCount === manifest.dataset.classes.length;

/**
 * The image set of a run of `classCount` classes at input size `cropSize`: `demo-<size>` (the ten
 * demo classes) or, for every class, `all-<size>`. Throws (English, for the log) when the manifest has none.
 */
export function demoImageSet(manifest: AssetManifest, cropSize: number, classCount = 2): ImageSet {
  const id = `${isAllClasses(manifest, classCount) ? 'all' : 'demo'}-${cropSize}`;
  const set = manifest.sets.find((s) => s.id === id);
  if (!set) throw new Error(`no demo image set for ${cropSize} × ${cropSize} in the asset manifest (wanted ${id}; sets: ${manifest.sets.map((s) => s.id).join(', ')})`);
  return set;
}

/**
 * The first `classCount` demo classes, up to `perClass` training images each (validation: a
 * quarter, subset.ts); with every class of the data set, all classes in the data set's order.
 */
export function selectDemoSubset(manifest: AssetManifest, set: ImageSet, classCount: number, perClass: number | 'all'): DemoSubset {
  const all = isAllClasses(manifest, classCount);
  if (!all && classCount > manifest.demoClasses.length) throw new RangeError(`invalid class count: ${classCount} (the demo set has ${manifest.demoClasses.length})`);
  const chosen = all ? manifest.dataset.classes.map((_, c) => c) : manifest.demoClasses.slice(0, classCount);
  const classes = chosen.map((c) => manifest.dataset.classes[c]);
  const subset = selectSubset(set.labels.map((label, i) => ({ label, subset: set.subset[i] })), { classes: chosen, perClass });
  const counts = { classes, train: subset.train.length, val: subset.val.length, trainCounts: subset.trainCounts, valCounts: subset.valCounts };
  return { subset, classes, counts };
}

/** The picked images as one `[n, R, R, 3]` int32 tensor (R = the set's stored size): the gather path. */
export function imagesTensor(tf: TF, images: readonly RGBAImage[], picks: readonly SubsetPick[], size: number): tfjs.Tensor4D {
  const bytes = packRGB(picks.map((p) => images[p.index]), size);
  return tf.tensor4d(Int32Array.from(bytes), [picks.length, size, size, 3], 'int32');
}

/**
 * The picked images where the loop reads them: on WebGPU as bytes resident on the GPU (one
 * kernel augments each batch), elsewhere, or when the upload fails (e.g. more images than the
 * adapter's buffers hold), as an int32 tensor. `onFallback` hears why the upload failed.
 */
export function placeImages(
  tf: TF,
  images: readonly RGBAImage[],
  picks: readonly SubsetPick[],
  size: number,
  onFallback: (message: string) => void = () => {},
): tfjs.Tensor4D | ResidentImages {
  if (tf.getBackend() !== 'webgpu') return imagesTensor(tf, images, picks, size);
  try {
    return uploadImages(tf, packRGB(picks.map((p) => images[p.index]), size), picks.length, size);
  } catch (error) {
    onFallback((error as Error)?.message ?? String(error));
    return imagesTensor(tf, images, picks, size);
  }
}

/** An example picture of the evaluation: the center crop the model saw, its label and its top classes. */
export type EvaluationExample = RGBAImage & { label: number; ranked: Ranked[] };

/**
 * Up to `count` validation images spread over the set, as the model saw them (center crop
 * `cropSize` of the stored image), with their top classes; `sources` are the uncropped images
 * (what a later look inside the model starts from).
 */
export function evaluationExamples(
  images: readonly RGBAImage[],
  val: readonly SubsetPick[],
  ranked: Evaluation['ranked'],
  cropSize: number,
  count = 8,
): { examples: EvaluationExample[]; sources: RGBAImage[] } {
  if (ranked.length !== val.length) throw new RangeError(`ranked holds ${ranked.length} images, the validation set ${val.length}`);
  const shown = spreadIndices(val.length, count);
  const sources = shown.map((i) => images[val[i].index]);
  const examples = shown.map((i, j) => {
    const image = sources[j];
    return { ...applyMap(image, centerCropMap(image.width, image.height, cropSize)), label: val[i].label, ranked: ranked[i] };
  });
  return { examples, sources };
}
