import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { augmentBatch, gatherIndices, normalizeBatch, planBatch } from '../../src/lib/transforms/batch';
import { augmentationSteps, MEAN, STD, type ChainName } from '../../src/lib/transforms/chain';
import { createImage, type RGBAImage } from '../../src/lib/transforms/image';
import { centerCropStep, compose, type StepDraw } from '../../src/lib/transforms/random';
import { operationsOf, type Draw } from '../../src/lib/transforms/recipes';
import { resizeFor } from '../../src/lib/transforms/sizes';
import { normalize, toTensor } from '../../src/lib/transforms/tensor';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** `count` square images of `size` px with random bytes: as RGBA images and as one packed RGB batch. */
function randomImages(count: number, size: number, seed: number): { images: RGBAImage[]; rgb: Int32Array } {
  const rng = createRng(seed);
  const images: RGBAImage[] = [];
  const rgb = new Int32Array(count * size * size * 3);
  for (let b = 0, o = 0; b < count; b++) {
    const img = createImage(size, size);
    for (let i = 0; i < size * size; i++) {
      for (let c = 0; c < 3; c++) img.data[i * 4 + c] = rgb[o++] = rng.int(256);
    }
    images.push(img);
  }
  return { images, rgb };
}

/** The CPU chain after Resize, image after image from one generator: NCHW floats and what each image's steps drew. */
function cpuChain(images: RGBAImage[], chain: ChainName, cropSize: number, seed: number) {
  const rng = createRng(seed);
  const augment = compose(augmentationSteps(chain));
  const crop = centerCropStep(cropSize);
  const draws: StepDraw[][] = [];
  const tensors = images.map((img) => {
    const augmented = augment.apply(img, rng);
    if (augmented.draw.kind !== 'compose') throw new Error(`Compose reported ${augmented.draw.kind}`);
    draws.push(augmented.draw.draws);
    return normalize(toTensor(crop.apply(augmented.image, rng).image), MEAN, STD).data;
  });
  return { tensors, draws, after: rng.next() };
}

/** Image b of an NHWC batch as CHW floats (the layout of tensor.ts). */
function chw(nhwc: Float32Array, b: number, size: number): Float32Array {
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = nhwc[(b * plane + i) * 3 + c];
  return out;
}

/** Number of positions where the values are not identical (exact float comparison). */
function countDifferences(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

const BATCH = 6;

describe.each([
  ['original', 32],
  ['original', 64],
  ['train', 32],
  ['train', 64],
  ['val', 32],
  ['val', 64],
] as [ChainName, number][])('augmentBatch(%s, crop %i)', (chain, cropSize) => {
  const size = resizeFor(cropSize);
  const seed = 1000 + cropSize;

  it('equals the CPU chain value for value, image after image', () => {
    const { images, rgb } = randomImages(BATCH, size, cropSize);
    const expected = cpuChain(images, chain, cropSize, seed);
    const batch = tf.tensor4d(rgb, [BATCH, size, size, 3], 'int32');
    const rng = createRng(seed);
    const out = augmentBatch(tf, batch, chain, cropSize, rng);
    expect(out.shape).toEqual([BATCH, cropSize, cropSize, 3]);
    expect(out.dtype).toBe('float32');
    const values = out.dataSync() as Float32Array;
    tf.dispose([batch, out]);
    for (let b = 0; b < BATCH; b++) expect(countDifferences(chw(values, b, cropSize), expected.tensors[b])).toBe(0);
    // Both paths drew the same numbers: the generators continue alike.
    expect(rng.next()).toBe(expected.after);
  });

  it('plans the same steps as the CPU chain reports (flips, angles, skips)', () => {
    const { images } = randomImages(BATCH, size, cropSize);
    const { draws } = planBatch(chain, BATCH, size, cropSize, createRng(seed));
    expect(draws).toEqual(cpuChain(images, chain, cropSize, seed).draws);
  });

  it('gives the same result for float32 and int32 images', () => {
    const { rgb } = randomImages(BATCH, size, cropSize);
    const ints = tf.tensor4d(rgb, [BATCH, size, size, 3], 'int32');
    const floats = tf.tensor4d(Float32Array.from(rgb), [BATCH, size, size, 3], 'float32');
    const a = augmentBatch(tf, ints, chain, cropSize, createRng(seed));
    const b = augmentBatch(tf, floats, chain, cropSize, createRng(seed));
    expect(countDifferences(a.dataSync() as Float32Array, b.dataSync() as Float32Array)).toBe(0);
    tf.dispose([ints, floats, a, b]);
  });

  it('leaves no tensors behind but the result', () => {
    const { rgb } = randomImages(BATCH, size, cropSize);
    const batch = tf.tensor4d(rgb, [BATCH, size, size, 3], 'int32');
    const before = tf.memory().numTensors;
    const out = augmentBatch(tf, batch, chain, cropSize, createRng(seed));
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(batch.isDisposed).toBe(false);
    batch.dispose();
  });
});

describe('augmentation really happens', () => {
  it('flips and rotates some images in the train and original recipes', () => {
    for (const chain of ['train', 'original'] as const) {
      const { draws } = planBatch(chain, 20, 37, 32, createRng(5));
      const leaves = (d: Draw): Draw[] => (d.kind === 'apply' ? d.draws.flatMap(leaves) : [d]);
      const flips = draws.map((image) => image.flatMap(leaves).filter((d) => d.kind === 'flip'));
      expect(flips.flat().some((d) => d.flipped)).toBe(true);
      expect(flips.flat().some((d) => !d.flipped)).toBe(true);
      // Every image rotates (angles in ±10°, never all alike); some are mirrored, some not.
      const angles = draws.flatMap((image) => operationsOf(image).flatMap((op) => (op.kind === 'rotate' ? [op.degrees] : [])));
      expect(angles).toHaveLength(20 * (chain === 'original' ? 3 : 1));
      expect(angles.every((a) => Math.abs(a) <= 10)).toBe(true);
      expect(new Set(angles).size).toBe(angles.length);
    }
  });

  it('gives different maps to different images of a train batch', () => {
    const { maps } = planBatch('train', 2, 37, 32, createRng(5));
    expect([...maps.subarray(0, 1024)]).not.toEqual([...maps.subarray(1024)]);
  });
});

describe('val chain', () => {
  it('draws no random numbers', () => {
    const rng = createRng(7);
    const batch = tf.tensor4d(randomImages(3, 37, 1).rgb, [3, 37, 37, 3], 'int32');
    tf.dispose(augmentBatch(tf, batch, 'val', 32, rng));
    batch.dispose();
    planBatch('val', 3, 37, 32, rng);
    expect(rng.next()).toBe(createRng(7).next());
  });

  it('is the center crop at top = left = round((37 − 32) / 2) = 2 (Python rounding), normalized', () => {
    const batch = tf.tensor4d(randomImages(3, 37, 2).rgb, [3, 37, 37, 3], 'int32');
    const out = augmentBatch(tf, batch, 'val', 32, createRng(7));
    const expected = tf.tidy(() => {
      const crop = tf.slice(batch, [0, 2, 2, 0], [3, 32, 32, 3]);
      return tf.div(tf.sub(tf.div(tf.cast(crop, 'float32'), 255), 0.5), 0.5);
    });
    expect(countDifferences(out.dataSync() as Float32Array, expected.dataSync() as Float32Array)).toBe(0);
    tf.dispose([batch, out, expected]);
  });
});

describe('gatherIndices', () => {
  it('offsets each image by b · size² and sends −1 to the zero row after the batch', () => {
    expect([...gatherIndices(Int32Array.from([0, -1, 3, 8, -1, 5]), 2, 3)]).toEqual([0, 18, 3, 17, 18, 14]);
  });
});

describe('normalizeBatch', () => {
  it('maps 0, 255 and 128 to −1, 1 and the float32 value of (128 / 255 − 0.5) / 0.5', () => {
    const x = tf.tensor4d([0, 255, 128], [1, 1, 1, 3], 'int32');
    const y = normalizeBatch(tf, x);
    const unit = Math.fround(128 / 255);
    expect([...y.dataSync()]).toEqual([-1, 1, Math.fround(Math.fround(unit - 0.5) / 0.5)]);
    tf.dispose([x, y]);
  });

  it('rejects a zero std', () => {
    const x = tf.zeros([1, 1, 1, 3]) as tf.Tensor4D;
    expect(() => normalizeBatch(tf, x, MEAN, [0.5, 0, 0.5])).toThrow('std must not contain 0 (division by zero)');
    x.dispose();
  });
});

describe('argument validation', () => {
  const rng = () => createRng(1);
  const withBatch = (shape: [number, number, number, number], dtype: 'int32' | 'float32' | 'bool', fn: (t: tf.Tensor4D) => void) => {
    const t = tf.zeros(shape, dtype) as tf.Tensor4D;
    try {
      fn(t);
    } finally {
      t.dispose();
    }
  };

  it('rejects a crop size that does not belong to the image size and names the one that does', () => {
    withBatch([2, 37, 37, 3], 'int32', (t) =>
      expect(() => augmentBatch(tf, t, 'train', 17, rng())).toThrow('invalid crop size: 17 for images of 37 px (choose 32)'),
    );
    expect(() => planBatch('train', 2, 256, 2.5, rng())).toThrow('invalid crop size: 2.5 for images of 256 px (choose 224)');
  });

  it('says when no crop size fits the image size', () => {
    expect(() => planBatch('val', 1, 4, 3, rng())).toThrow(
      'invalid crop size: 3 for images of 4 px (no crop size s gives round(s · 256 / 224) = 4; resize the images to resizeFor(s) px first)',
    );
  });

  it('rejects batches that are not [batch, size, size, 3] int32 or float32', () => {
    withBatch([2, 37, 37, 4], 'int32', (t) =>
      expect(() => augmentBatch(tf, t, 'val', 32, rng())).toThrow('invalid image batch: shape [2, 37, 37, 4] (expected [batch, size, size, 3])'),
    );
    withBatch([2, 37, 36, 3], 'int32', (t) =>
      expect(() => augmentBatch(tf, t, 'val', 32, rng())).toThrow('invalid image batch: 36 × 37 px images (expected square images, [batch, size, size, 3])'),
    );
    withBatch([2, 37, 37, 3], 'bool', (t) =>
      expect(() => augmentBatch(tf, t, 'val', 32, rng())).toThrow('invalid image batch: dtype bool (expected int32 or float32 values 0 … 255)'),
    );
  });

  it('rejects unknown recipes and batch sizes that are not positive integers', () => {
    expect(() => planBatch('test' as ChainName, 1, 37, 32, rng())).toThrow("invalid chain: 'test' (choose original, train or val)");
    expect(() => planBatch('val', 0, 37, 32, rng())).toThrow('invalid batch size: 0 (expected a positive integer)');
  });

  it('leaves the generator untouched and no tensors behind when it rejects a call', () => {
    const r = createRng(3);
    const before = tf.memory().numTensors;
    withBatch([1, 37, 37, 3], 'int32', (t) => expect(() => augmentBatch(tf, t, 'train', 31, r)).toThrow('invalid crop size'));
    expect(tf.memory().numTensors).toBe(before);
    expect(r.next()).toBe(createRng(3).next());
  });
});
