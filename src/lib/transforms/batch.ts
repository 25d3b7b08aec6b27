/**
 * The augmentation chain for a whole training batch with TensorFlow.js, bit for bit equal to
 * the CPU steps (random.ts, chain.ts): the random parameters are drawn on the CPU by the chain
 * table's own `drawOps` (recipes.ts), each image's flips, rotations and center crop are composed
 * into ONE pixel map, and the GPU applies all maps with one gather, then ToTensor and Normalize.
 * Tensors are NHWC (`[batch, height, width, 3]`, the tfjs convention; PyTorch's is NCHW).
 * Only types come from tfjs: the caller passes the namespace, so pages that import `src/lib`
 * without training do not load TensorFlow.js.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Rng } from '../data/rng';
import { MEAN, STD } from './chain';
import { centerCropMap, composeMaps, hflipMap, rotateMap } from './geometry';
import { checkChain, drawOps, type Draw, type ChainName } from './recipes';
import { normalizeTable } from './tensor';
import { resizeFor } from './sizes';

/** The tfjs namespace (`import * as tf from '@tensorflow/tfjs'`), passed in by the caller. */
export type TF = typeof tfjs;

// The chain table's drawing, re-exported where the GPU pipeline and export-draws first found it.
export { drawOps, maxOps, type GeometricOp } from './recipes';

/** The crop sizes s whose Resize size round(s · 256 / 224) is `size`. */
function cropSizesFor(size: number): number[] {
  const out: number[] = [];
  const guess = Math.floor((size * 224) / 256);
  for (let s = Math.max(1, guess - 2); s <= guess + 2; s++) if (resizeFor(s) === size) out.push(s);
  return out;
}

/** Checks that images of `size` px are the chain's Resize output for crop size `cropSize`. */
export function checkSizes(size: number, cropSize: number): void {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`invalid image size: ${size} px (expected a positive integer)`);
  if (Number.isInteger(cropSize) && cropSize >= 1 && resizeFor(cropSize) === size) return;
  const fits = cropSizesFor(size);
  const hint = fits.length > 0
    ? `choose ${fits.join(' or ')}`
    : `no crop size s gives round(s · 256 / 224) = ${size}; resize the images to resizeFor(s) px first`;
  throw new RangeError(`invalid crop size: ${cropSize} for images of ${size} px (${hint})`);
}

/** Checks a batch size where it enters. */
export function checkBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`invalid batch size: ${batchSize} (expected a positive integer)`);
}

/**
 * Draws the augmentation of `batchSize` images of `size` × `size` px (the chain's Resize output)
 * and composes, per image, all its steps and CenterCrop(cropSize) into one map. Pure CPU.
 * `maps`: `batchSize` blocks of cropSize² source indices (row-major y · size + x into that
 * image, −1 for black fill), image after image; `draws`: per image what its steps drew, as the
 * CPU chain `augmentationSteps(chain)` reports it. Images draw in batch order.
 */
export function planBatch(chain: ChainName, batchSize: number, size: number, cropSize: number, rng: Rng): { maps: Int32Array; draws: Draw[][] } {
  checkChain(chain);
  checkBatchSize(batchSize);
  checkSizes(size, cropSize);
  const crop = centerCropMap(size, size, cropSize);
  const flipMap = hflipMap(size, size);
  const pixels = cropSize * cropSize;
  const maps = new Int32Array(batchSize * pixels);
  const draws: Draw[][] = [];
  for (let b = 0; b < batchSize; b++) {
    const drawn = drawOps(chain, rng);
    draws.push(drawn.draws);
    const { ops } = drawn;
    const steps = ops.map((op) => (op.kind === 'flip' ? flipMap : rotateMap(size, size, op.degrees)));
    // crop ∘ stepₙ ∘ … ∘ step₁, composed from the crop backwards so every composition is cropSize² long.
    let map = crop;
    for (let i = steps.length - 1; i >= 0; i--) map = composeMaps(steps[i], map);
    maps.set(map.source, b * pixels);
  }
  return { maps, draws };
}

/**
 * Turns per-image maps (−1 = fill) into row indices of the flattened batch plus one zero row:
 * image b's source i becomes b · size² + i, fill becomes batchSize · size² (the zero row).
 */
export function gatherIndices(maps: Int32Array, batchSize: number, size: number): Int32Array {
  const pixels = maps.length / batchSize;
  if (!Number.isInteger(pixels)) throw new RangeError(`invalid maps: ${maps.length} indices do not split into ${batchSize} images`);
  const plane = size * size;
  const fill = batchSize * plane;
  const out = new Int32Array(maps.length);
  for (let b = 0, i = 0; b < batchSize; b++) {
    const offset = b * plane;
    for (let end = i + pixels; i < end; i++) out[i] = maps[i] < 0 ? fill : maps[i] + offset;
  }
  return out;
}

/**
 * `ToTensor()` + `Normalize(MEAN, STD)` for a batch: `[batch, h, w, 3]` int32 or float32 values
 * 0…255 → `[batch, h, w, 3]` float32, (x / 255 − mean[c]) / std[c], each step rounded to float32
 * as tensor.ts does. The caller owns the result; `x` is left as it is.
 */
export function normalizeBatch(tf: TF, x: tfjs.Tensor4D, mean: readonly number[] = MEAN, std: readonly number[] = STD): tfjs.Tensor4D {
  // A lookup table of the 3 × 256 possible results (see normalizeTable): a gather is exact on
  // every backend, while a GPU's float division need not round like the CPU's (WebGPU allows 2.5 ULP).
  const table = normalizeTable(mean, std);
  return tf.tidy(() => {
    const bytes = tf.clipByValue(tf.round(tf.cast(x, 'float32')), 0, 255);
    const index = tf.add(tf.cast(bytes, 'int32'), tf.tensor1d([0, 256, 512], 'int32'));
    return tf.reshape(tf.gather(tf.tensor1d(table, 'float32'), tf.reshape(index, [-1])), x.shape) as tfjs.Tensor4D;
  });
}

/**
 * The chain after Resize for a batch: augmentation of `chain`, CenterCrop(cropSize), ToTensor
 * and Normalize. `images`: `[batch, R, R, 3]` int32 or float32 0…255 with R = resizeFor(cropSize)
 * (as the data assets store them); returns `[batch, cropSize, cropSize, 3]` float32 (NHWC), equal
 * value for value to the CPU chain. Draws from `rng` per image in batch order; the caller owns
 * the result and `images` stays alive.
 */
export function augmentBatch(tf: TF, images: tfjs.Tensor4D, chain: ChainName, cropSize: number, rng: Rng): tfjs.Tensor4D {
  checkChain(chain);
  if (images.rank !== 4 || images.shape[3] !== 3) {
    throw new RangeError(`invalid image batch: shape [${images.shape.join(', ')}] (expected [batch, size, size, 3])`);
  }
  const [batchSize, height, width] = images.shape;
  if (height !== width) throw new RangeError(`invalid image batch: ${width} × ${height} px images (expected square images, [batch, size, size, 3])`);
  if (images.dtype !== 'int32' && images.dtype !== 'float32') {
    throw new RangeError(`invalid image batch: dtype ${images.dtype} (expected int32 or float32 values 0 … 255)`);
  }
  if (batchSize < 1) throw new RangeError('invalid image batch: it holds no images (expected at least 1)');
  checkSizes(height, cropSize); // before drawing, so a rejected call leaves rng untouched
  const { maps } = planBatch(chain, batchSize, height, cropSize, rng);
  const indices = gatherIndices(maps, batchSize, height);
  return tf.tidy(() => {
    const rows = tf.reshape(images, [batchSize * height * width, 3]);
    // One extra all-zero row at the end: the fill pixels (−1 in the maps) gather it.
    const padded = tf.concat([rows, tf.zeros([1, 3], images.dtype)], 0);
    const gathered = tf.gather(padded, tf.tensor1d(indices, 'int32'));
    return normalizeBatch(tf, tf.reshape(gathered, [batchSize, cropSize, cropSize, 3]));
  });
}
