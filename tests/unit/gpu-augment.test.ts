/**
 * The WGSL augmentation kernel (src/lib/webgpu/augment.ts) against the CPU chain (random.ts,
 * chain.ts, tensor.ts) and against batch.ts's gather path on tfjs's CPU backend (what WebGL
 * and CPU keep), on SwiftShader's WebGPU: random images, every crop size, every chain, angles
 * −10, 0 and +10, batch 1 and odd sizes, images split over several buffers. Exact equality.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfjs from '@tensorflow/tfjs';
import { createRng, type Rng } from '../../src/lib/data/rng';
import { augmentBatch } from '../../src/lib/transforms/batch';
import { augmentationSteps, MEAN, STD, type ChainName } from '../../src/lib/transforms/chain';
import { rotateMap } from '../../src/lib/transforms/geometry';
import { CHAIN_NAMES } from '../../src/lib/transforms/recipes';
import { createImage, type RGBAImage } from '../../src/lib/transforms/image';
import { centerCropStep, compose } from '../../src/lib/transforms/random';
import { CROP_SIZES, resizeFor } from '../../src/lib/transforms/sizes';
import { normalize, toTensor } from '../../src/lib/transforms/tensor';
import { HEADER_INTS, OP, OP_INTS, planKernelParams, strideFor } from '../../src/lib/webgpu/augment-params';
import { augmentResident, dispatchAugment, uploadImages, type ResidentImages } from '../../src/lib/webgpu/augment';
import { startTfjsWebGPU } from '../../src/lib/webgpu/dawn-node';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const missing = existsSync(SWIFTSHADER) || process.env.VK_DRIVER_FILES || process.env.VK_ICD_FILENAMES ? null : `${SWIFTSHADER} missing (apt-get install -y chromium)`;
if (missing && process.env.CI) throw new Error(`CI=true: ${missing}`);
if (missing) console.warn(`SKIP: ${missing}`);

let tf: typeof tfjs;

/** `count` random RGB images of `size` px: as RGBA images and as packed bytes (image after image). */
function randomImages(count: number, size: number, seed: number): { images: RGBAImage[]; bytes: Uint8Array } {
  const rng = createRng(seed);
  const bytes = new Uint8Array(count * size * size * 3);
  const images: RGBAImage[] = [];
  for (let b = 0, o = 0; b < count; b++) {
    const img = createImage(size, size);
    for (let i = 0; i < size * size; i++) for (let c = 0; c < 3; c++) img.data[i * 4 + c] = bytes[o++] = rng.int(256);
    images.push(img);
  }
  return { images, bytes };
}

/** The CPU chain after Resize for `images` in order, from one generator: NHWC floats, batch after batch. */
function cpuChain(images: RGBAImage[], chain: ChainName, cropSize: number, rng: Rng): Float32Array {
  const augment = compose(augmentationSteps(chain));
  const crop = centerCropStep(cropSize);
  const plane = cropSize * cropSize;
  const out = new Float32Array(images.length * plane * 3);
  images.forEach((img, b) => {
    const chw = normalize(toTensor(crop.apply(augment.apply(img, rng).image, rng).image), MEAN, STD).data;
    for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[(b * plane + i) * 3 + c] = chw[c * plane + i];
  });
  return out;
}

/** A generator that returns `values` over and over (to force angles of exactly −10, 0 and +10). */
function scripted(values: number[]): Rng {
  let i = 0;
  return { next: () => values[i++ % values.length], int: (n) => Math.floor(values[i++ % values.length] * n) };
}

/** Positions where the values are not identical (exact float comparison), with the first one. */
function differences(a: Float32Array, b: Float32Array): { count: number; first: number } {
  expect(a.length).toBe(b.length);
  let count = 0;
  let first = -1;
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) {
      if (first < 0) first = i;
      count++;
    }
  }
  return { count, first };
}

async function read(t: tfjs.Tensor): Promise<Float32Array> {
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

describe.skipIf(!!missing)('the GPU augmentation kernel (SwiftShader)', () => {
  beforeAll(async () => {
    ({ tf } = await startTfjsWebGPU()); // throws when the WebGPU backend does not start
    expect(tf.getBackend()).toBe('webgpu');
  }, 60_000);
  afterAll(() => tf?.disposeVariables());

  // [crop size, chain, images on the GPU, batch indices, bytes per buffer (split the set)]
  const cases: [number, ChainName, number, number[], number][] = [
    [16, 'original', 7, [6, 0, 3, 3, 1], 3 * 972], // 3 images per buffer: 3 buffers
    [16, 'train', 5, [4], Infinity],
    [16, 'val', 3, [2, 0, 1], Infinity],
    [32, 'original', 9, [8, 1, 2, 7, 0, 5, 3], 2 * 4107 + 5], // R = 37: images not word-aligned
    [32, 'train', 4, [0, 1, 2, 3, 0, 1, 2, 3, 0], 4107],
    [32, 'val', 2, [1], Infinity],
    [64, 'original', 3, [2, 1, 0], Infinity],
    [64, 'train', 3, [0, 2, 1], 2 * 73 * 73 * 3],
    [128, 'original', 2, [1, 0, 1], Infinity],
    [128, 'val', 2, [0, 1], Infinity],
    [224, 'original', 2, [1, 0, 0], 256 * 256 * 3],
    [224, 'train', 1, [0], Infinity],
    [224, 'val', 1, [0], Infinity],
  ];
  it('covers every crop size and every chain of the table', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(CROP_SIZES));
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(CHAIN_NAMES));
  });

  it.each(cases)('crop %i, %s: %i images, batch %j, buffers of %d bytes: equals the CPU chain', async (cropSize, chain, count, batch, chunkBytes) => {
    expect(CROP_SIZES).toContain(cropSize);
    const size = resizeFor(cropSize);
    const { images, bytes } = randomImages(count, size, cropSize + count);
    const resident = uploadImages(tf, bytes, count, size, chunkBytes);
    try {
      if (chunkBytes !== Infinity) expect(resident.chunks.length).toBeGreaterThan(1);
      const seed = 17 * cropSize + batch.length;
      const rng = createRng(seed);
      const gpu = await read(augmentResident(tf, resident, Int32Array.from(batch), chain, cropSize, rng));
      const cpuRng = createRng(seed);
      const expected = cpuChain(batch.map((i) => images[i]), chain, cropSize, cpuRng);
      expect(differences(gpu, expected)).toEqual({ count: 0, first: -1 });
      expect(rng.next()).toBe(cpuRng.next()); // both drew the same numbers
    } finally {
      resident.dispose();
    }
  });

  it('turns by exactly −10°, 0° and +10° as the CPU chain does (forced draws), and skips nothing', async () => {
    // original: apply, flip, flip, rotation × 3 → flipped once, then −10°, 0°, +10°
    const draws = [0.3, 0.2, 0.7, 0, 0.5, 1];
    for (const cropSize of [32, 224]) {
      const size = resizeFor(cropSize);
      const { images, bytes } = randomImages(3, size, 5);
      const resident = uploadImages(tf, bytes, 3, size);
      try {
        const params = planKernelParams('original', Int32Array.from([2]), resident, size, cropSize, scripted(draws));
        // the 0° turn moves nothing and is left out: flip, −10°, +10°
        expect(params[2]).toBe(3);
        const gpu = await read(augmentResident(tf, resident, Int32Array.from([2, 0]), 'original', cropSize, scripted(draws)));
        const expected = cpuChain([images[2], images[0]], 'original', cropSize, scripted(draws));
        expect(differences(gpu, expected)).toEqual({ count: 0, first: -1 });
      } finally {
        resident.dispose();
      }
    }
  });

  it('applies the exact quarter and half turns like rotateMap (kinds the recipes never draw)', async () => {
    const size = 18;
    const { images, bytes } = randomImages(1, size, 9);
    const resident = uploadImages(tf, bytes, 1, size);
    try {
      for (const [degrees, op] of [[90, OP.turn90], [180, OP.turn180], [270, OP.turn270]] as const) {
        const stride = HEADER_INTS + OP_INTS;
        const params = new Int32Array(stride);
        params.set([0, 0, 1, 0, op]);
        const gpu = await read(dispatchAugment(tf, resident, params, stride, 16));
        const map = rotateMap(size, size, degrees);
        const expected = new Float32Array(16 * 16 * 3);
        const table = (v: number) => Math.fround(Math.fround(Math.fround(v / 255) - 0.5) / 0.5);
        for (let y = 0; y < 16; y++) {
          for (let x = 0; x < 16; x++) {
            const s = map.source[(y + 1) * size + (x + 1)]; // CenterCrop(16) of 18: top = left = 1
            for (let c = 0; c < 3; c++) expected[(y * 16 + x) * 3 + c] = table(s < 0 ? 0 : images[0].data[s * 4 + c]);
          }
        }
        expect(differences(gpu, expected), `${degrees}°`).toEqual({ count: 0, first: -1 });
      }
    } finally {
      resident.dispose();
    }
  });

  it('equals the gather path that WebGL and the CPU backend keep (augmentBatch on tfjs-cpu)', async () => {
    const cropSize = 32;
    const size = resizeFor(cropSize);
    const { bytes } = randomImages(5, size, 21);
    const resident = uploadImages(tf, bytes, 5, size, 2 * size * size * 3);
    const batch = [4, 2, 0, 1, 3];
    let gpu: Float32Array;
    try {
      gpu = await read(augmentResident(tf, resident, Int32Array.from(batch), 'original', cropSize, createRng(77)));
    } finally {
      resident.dispose();
    }
    await tf.setBackend('cpu');
    try {
      const picked = new Int32Array(batch.length * size * size * 3);
      batch.forEach((i, k) => picked.set(bytes.subarray(i * size * size * 3, (i + 1) * size * size * 3), k * size * size * 3));
      const x = tf.tensor4d(picked, [batch.length, size, size, 3], 'int32');
      const gathered = await read(augmentBatch(tf, x, 'original', cropSize, createRng(77)));
      x.dispose();
      expect(differences(gpu, gathered)).toEqual({ count: 0, first: -1 });
    } finally {
      await tf.setBackend('webgpu');
    }
  });

  it('leaves only its result behind and checks its arguments', async () => {
    const { bytes } = randomImages(2, 18, 3);
    const resident: ResidentImages = uploadImages(tf, bytes, 2, 18);
    const before = tf.memory().numTensors;
    const out = augmentResident(tf, resident, Int32Array.from([1]), 'train', 16, createRng(1));
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(() => augmentResident(tf, resident, Int32Array.from([2]), 'train', 16, createRng(1))).toThrow('invalid image index: 2 (the GPU holds images 0 … 1)');
    expect(() => augmentResident(tf, resident, Int32Array.from([0]), 'train', 32, createRng(1))).toThrow('invalid crop size: 32 for images of 18 px (choose 16)');
    expect(() => uploadImages(tf, bytes, 3, 18)).toThrow('invalid images: 1944 bytes are not 3 images of 18 × 18 × 3');
    expect(() => uploadImages(tf, bytes, 2, 18, 100)).toThrow('one image of 972 bytes is larger than a GPU buffer may be (100 bytes)');
    expect(() => uploadImages(tf, new Uint8Array(972 * 9), 9, 18, 972)).toThrow(/need 9 GPU buffers of at most 972 bytes; a shader binds at most \d/);
    resident.dispose();
    expect(tf.memory().numTensors).toBe(before - 2); // one buffer and the table
  });

  it('keeps the per-image parameters small: header plus 8 ints per drawn operation', () => {
    expect(strideFor('original')).toBe(HEADER_INTS + 5 * OP_INTS);
    expect(strideFor('train')).toBe(HEADER_INTS + 2 * OP_INTS);
  });
});
