/**
 * The chain after Resize for a whole batch in ONE WebGPU dispatch, from images that stay on the
 * GPU as bytes (uploaded once per run, four bytes to a 32-bit word: 8,677 images at 256 px are
 * 1.7 GB, not the 6.8 GB of int32 tensors). Per image the kernel gets only its place, its flips
 * and the integer coefficients of its rotations (augment-params.ts); with integer arithmetic
 * alone it maps each output pixel through CenterCrop ∘ rotations ∘ flips back to its source
 * (black where a rotation leaves the image), reads the bytes and writes ToTensor + Normalize
 * from the same 3 × 256 table as the CPU: equal value for value to the CPU chain.
 * This file decides training inputs, so it is part of the run record's code hash.
 * WebGL and the CPU backend keep batch.ts's gather path (augmentBatch).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Rng } from '../data/rng';
import { checkSizes } from '../transforms/batch';
import { MEAN, STD, type ChainName } from '../transforms/chain';
import { centerCropOffsets } from '../transforms/geometry';
import { normalizeTable } from '../transforms/tensor';
import { HEADER_INTS, OP, OP_INTS, planKernelParams, strideFor } from './augment-params';
import type { Backend, Program, TensorInfo } from './kernels/program';

type TF = typeof tfjs;

/** No buffer holds more than 1 GiB, so byte offsets stay within i32 on every adapter. */
const MAX_CHUNK_BYTES = 2 ** 30;
/** Bindings besides the image chunks: the output, the parameters and the table. */
const OTHER_BUFFERS = 3;
const WORKGROUP = 64;

/** Images resident on the GPU as packed bytes, `[count, size, size, 3]` split into whole-image chunks. */
export interface ResidentImages {
  count: number;
  /** Side length R of the stored images (the chain's Resize output). */
  size: number;
  imagesPerChunk: number;
  /** int32 words, four bytes each (little-endian), one tensor per buffer. */
  chunks: tfjs.Tensor1D[];
  /** normalizeTable(MEAN, STD), `[768]` float32. */
  table: tfjs.Tensor1D;
  dispose(): void;
}

interface DeviceLimits {
  maxStorageBufferBindingSize: number;
  maxBufferSize: number;
  maxStorageBuffersPerShaderStage: number;
  maxComputeWorkgroupsPerDimension: number;
}

function webgpuBackend(tf: TF): Backend & { device: { limits: DeviceLimits } } {
  if (tf.getBackend() !== 'webgpu') throw new Error(`the GPU augmentation needs TensorFlow.js's WebGPU backend (active: ${tf.getBackend()})`);
  return tf.backend() as unknown as Backend & { device: { limits: DeviceLimits } };
}

/** The largest chunk in bytes the adapter binds (at most 1 GiB), a multiple of 4. */
export function chunkBytesLimit(limits: Pick<DeviceLimits, 'maxStorageBufferBindingSize' | 'maxBufferSize'>): number {
  return Math.floor(Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize, MAX_CHUNK_BYTES) / 4) * 4;
}

/**
 * Uploads `count` images of `size` × `size` RGB bytes (`bytes`: image after image, row-major,
 * 3 bytes a pixel) to the GPU once. `maxChunkBytes` lowers the per-buffer size (tests use it to
 * split small sets); it never goes above what the adapter binds. Throws when the set needs more
 * buffers than a shader may bind; the caller then keeps the gather path.
 */
export function uploadImages(tf: TF, bytes: Uint8Array, count: number, size: number, maxChunkBytes = Infinity): ResidentImages {
  const backend = webgpuBackend(tf);
  const perImage = size * size * 3;
  if (!Number.isInteger(count) || count < 1 || bytes.length !== count * perImage) {
    throw new RangeError(`invalid images: ${bytes.length} bytes are not ${count} images of ${size} × ${size} × 3`);
  }
  const limit = Math.min(chunkBytesLimit(backend.device.limits), maxChunkBytes);
  const imagesPerChunk = Math.floor(limit / perImage);
  if (imagesPerChunk < 1) throw new RangeError(`one image of ${perImage} bytes is larger than a GPU buffer may be (${limit} bytes)`);
  const chunkCount = Math.ceil(count / imagesPerChunk);
  const maxChunks = backend.device.limits.maxStorageBuffersPerShaderStage - OTHER_BUFFERS;
  if (chunkCount > maxChunks) {
    throw new RangeError(`${count} images of ${size} px need ${chunkCount} GPU buffers of at most ${limit} bytes; a shader binds at most ${maxChunks}`);
  }
  const chunks: tfjs.Tensor1D[] = [];
  for (let k = 0; k < chunkCount; k++) {
    const part = bytes.subarray(k * imagesPerChunk * perImage, Math.min(count, (k + 1) * imagesPerChunk) * perImage);
    // Whole words in place need no copy (256-px images are 196,608 bytes); others are copied and padded.
    const aligned = part.byteOffset % 4 === 0 && part.length % 4 === 0;
    const words = aligned ? new Int32Array(part.buffer, part.byteOffset, part.length / 4) : new Int32Array(Math.ceil(part.length / 4));
    if (!aligned) new Uint8Array(words.buffer).set(part);
    chunks.push(tf.tensor1d(words, 'int32'));
  }
  const table = tf.tensor1d(normalizeTable(MEAN, STD), 'float32');
  return {
    count,
    size,
    imagesPerChunk,
    chunks,
    table,
    dispose: () => tf.dispose([...chunks, table]),
  };
}

class AugmentProgram implements Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  uniforms = 'pixels : i32, crop : i32, resized : i32, top : i32, left : i32, stride : i32, total : i32,';

  constructor(
    private chunkCount: number,
    batch: number,
    crop: number,
    maxPerDimension: number,
  ) {
    this.variableNames = [...Array.from({ length: chunkCount }, (_, k) => `images${k}`), 'params', 'table'];
    this.outputShape = [batch, crop, crop, 3];
    this.dispatchLayout = { x: [0, 1, 2, 3] };
    const groups = Math.ceil((batch * crop * crop) / WORKGROUP);
    this.dispatch = [Math.min(groups, maxPerDimension), Math.ceil(groups / maxPerDimension), 1];
    this.shaderKey = `caltech_augment_${chunkCount}`;
  }

  getUserCode(): string {
    const cases = Array.from({ length: this.chunkCount }, (_, k) => `case ${k}: { word = images${k}[at >> 2u]; }`).join('\n          ');
    const p = (k: number) => `params[o + ${k}]`;
    return /* wgsl */ `
      fn readByte(chunk : i32, at : i32) -> i32 {
        var word = 0;
        switch chunk {
          ${cases}
          default: {}
        }
        return (word >> (u32(at & 3) * 8u)) & 255;
      }

      fn main(index : i32) {
        if (index >= uniforms.total) {
          return;
        }
        let n = uniforms.resized;
        let b = index / uniforms.pixels;
        let p = index - b * uniforms.pixels;
        let row = p / uniforms.crop;
        // CenterCrop first (the last step), then the drawn operations backwards to the source.
        var y = row + uniforms.top;
        var x = p - row * uniforms.crop + uniforms.left;
        var inside = x >= 0 && x < n && y >= 0 && y < n;
        let base = b * uniforms.stride;
        for (var k = params[base + 2] - 1; k >= 0 && inside; k--) {
          let o = base + ${HEADER_INTS} + k * ${OP_INTS};
          let op = params[o];
          if (op == ${OP.flip}) {
            x = n - 1 - x;
          } else if (op == ${OP.fixed}) {
            // Pillow's 16.16 stepping, closed form: the same sums modulo 2^32.
            let sx = (${p(3)} + y * ${p(2)} + x * ${p(1)}) >> 16u;
            let sy = (${p(6)} + y * ${p(5)} + x * ${p(4)}) >> 16u;
            x = sx;
            y = sy;
          } else if (op == ${OP.turn180}) {
            x = n - 1 - x;
            y = n - 1 - y;
          } else if (op == ${OP.turn90}) {
            let sx = n - 1 - y;
            y = x;
            x = sx;
          } else if (op == ${OP.turn270}) {
            let sx = y;
            y = n - 1 - x;
            x = sx;
          }
          inside = x >= 0 && x < n && y >= 0 && y < n;
        }
        var r = 0;
        var g = 0;
        var bl = 0;
        if (inside) {
          let chunk = params[base];
          let at = (params[base + 1] * n * n + y * n + x) * 3;
          r = readByte(chunk, at);
          g = readByte(chunk, at + 1);
          bl = readByte(chunk, at + 2);
        }
        result[index * 3] = table[r];
        result[index * 3 + 1] = table[256 + g];
        result[index * 3 + 2] = table[512 + bl];
      }`;
  }
}

/**
 * The augmented batch of the resident images at `indices` (in batch order): the chain after
 * Resize with `chain`, CenterCrop(cropSize), ToTensor and Normalize, as
 * `[indices.length, cropSize, cropSize, 3]` float32 (NHWC), equal value for value to
 * augmentBatch and the CPU chain. Draws from `rng` per image in batch order, as they do.
 * The caller owns the result.
 */
export function augmentResident(tf: TF, images: ResidentImages, indices: Int32Array, chain: ChainName, cropSize: number, rng: Rng): tfjs.Tensor4D {
  webgpuBackend(tf);
  const params = planKernelParams(chain, indices, images, images.size, cropSize, rng);
  return dispatchAugment(tf, images, params, strideFor(chain), cropSize);
}

/**
 * Runs the kernel on prepared parameters (planKernelParams' layout, `stride` ints per image):
 * `[params.length / stride, cropSize, cropSize, 3]` float32. The caller owns the result.
 */
export function dispatchAugment(tf: TF, images: ResidentImages, params: Int32Array, stride: number, cropSize: number): tfjs.Tensor4D {
  const backend = webgpuBackend(tf);
  checkSizes(images.size, cropSize);
  const batch = params.length / stride;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`invalid kernel parameters: ${params.length} ints are not whole images of ${stride}`);
  const { top, left } = centerCropOffsets(images.size, images.size, cropSize);
  const paramTensor = tf.tensor1d(params, 'int32');
  const program = new AugmentProgram(images.chunks.length, batch, cropSize, backend.device.limits.maxComputeWorkgroupsPerDimension);
  const uniform = (v: number) => ({ type: 'int32' as const, data: [v] });
  const info = backend.runWebGPUProgram(program, [...images.chunks, paramTensor, images.table] as unknown as TensorInfo[], 'float32', [
    uniform(cropSize * cropSize),
    uniform(cropSize),
    uniform(images.size),
    uniform(top),
    uniform(left),
    uniform(stride),
    uniform(batch * cropSize * cropSize),
  ]);
  paramTensor.dispose(); // tfjs defers the release until the dispatch has been submitted
  return tf.engine().makeTensorFromTensorInfo(info as unknown as tfjs.TensorInfo) as tfjs.Tensor4D;
}
