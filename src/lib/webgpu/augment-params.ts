/**
 * The CPU half of the GPU augmentation: draws each image's flips and angles from the run's
 * generator with the chain table's own drawOps (recipes.ts: the same steps, calls and order
 * as the CPU chain and planBatch) and writes them, as the integers the kernel needs, into one
 * small int32 buffer per batch. The rotations' 16.16
 * fixed-point coefficients come from rotationOp, the same function rotateMap steps with, so the
 * kernel (augment.ts) never needs float cos/sin, which WGSL lacks at float64 precision.
 */
import type { Rng } from '../data/rng';
import { checkBatchSize, checkSizes } from '../transforms/batch';
import { drawOps, maxOps, type ChainName } from '../transforms/recipes';
import { rotationOp } from '../transforms/geometry';

/** Ints per image before its operations: chunk, image within the chunk, operation count, spare. */
export const HEADER_INTS = 4;
/** Ints per operation: code, then up to six coefficients, one spare. */
export const OP_INTS = 8;

/** Operation codes the kernel understands (0 = nothing). */
export const OP = { none: 0, flip: 1, fixed: 2, turn180: 3, turn90: 4, turn270: 5 } as const;

/** Where the images live: `imagesPerChunk` whole images per GPU buffer, in index order. */
export interface ChunkLayout {
  count: number;
  imagesPerChunk: number;
}

/** Ints per image in the parameter buffer for `chain`. */
export const strideFor = (chain: ChainName) => HEADER_INTS + OP_INTS * Math.max(1, maxOps(chain));

/**
 * The per-batch parameters for the kernel: for image b (of `indices`, in batch order) at
 * b · strideFor(chain) its chunk and place there, the number of operations and the operations
 * in the order they apply. Draws from `rng` exactly as planBatch does; pure CPU, no tensors.
 */
export function planKernelParams(chain: ChainName, indices: Int32Array, layout: ChunkLayout, size: number, cropSize: number, rng: Rng): Int32Array {
  checkBatchSize(indices.length);
  checkSizes(size, cropSize); // before drawing, so a rejected call leaves rng untouched
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= layout.count) throw new RangeError(`invalid image index: ${i} (the GPU holds images 0 … ${layout.count - 1})`);
  }
  const stride = strideFor(chain);
  const params = new Int32Array(indices.length * stride);
  for (let b = 0; b < indices.length; b++) {
    const base = b * stride;
    const image = indices[b];
    params[base] = Math.floor(image / layout.imagesPerChunk);
    params[base + 1] = image % layout.imagesPerChunk;
    const { ops } = drawOps(chain, rng);
    let n = 0;
    for (const op of ops) {
      const o = base + HEADER_INTS + n * OP_INTS;
      if (op.kind === 'flip') {
        params[o] = OP.flip;
        n++;
        continue;
      }
      const rot = rotationOp(size, size, op.degrees);
      if (rot.kind === 'identity') continue; // an angle of exactly 0: nothing moves
      if (rot.kind === 'float') throw new RangeError(`images of ${size} px are too large for the GPU augmentation's 16.16 fixed point`);
      params[o] = OP[rot.kind];
      if (rot.kind === 'fixed') params.set([rot.a0, rot.a1, rot.a2, rot.a3, rot.a4, rot.a5], o + 1);
      n++;
    }
    params[base + 2] = n;
  }
  return params;
}
