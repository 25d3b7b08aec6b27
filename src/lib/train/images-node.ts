/**
 * The training images for a Node run: decoded like Pillow, resized exactly like torchvision's
 * Resize, kept as bytes in memory (8,677 images at 256 px are 1.7 GB; as int32 on the GPU they
 * would be four times that) and handed to the loop batch by batch.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { join } from 'node:path';
import { decodeImage } from '../data/assets-node';
import { resize } from '../transforms/resize';
import type { ImageSource } from './loop';

/** Decodes and resizes `paths` (relative to the data-set folder) to `size` px; reports progress. */
export async function loadImages(folder: string, paths: string[], size: number, onProgress?: (done: number, total: number) => void): Promise<ImageSource> {
  const bytes = new Uint8Array(paths.length * size * size * 3);
  for (const [k, path] of paths.entries()) {
    const img = resize((await decodeImage(join(folder, path))).image, size, size);
    const base = k * size * size * 3;
    for (let p = 0; p < size * size; p++) {
      bytes[base + p * 3] = img.data[p * 4];
      bytes[base + p * 3 + 1] = img.data[p * 4 + 1];
      bytes[base + p * 3 + 2] = img.data[p * 4 + 2];
    }
    onProgress?.(k + 1, paths.length);
  }
  return {
    count: paths.length,
    size,
    batch(tf: typeof tfjs, indices: Int32Array) {
      const n = size * size * 3;
      const out = new Int32Array(indices.length * n);
      indices.forEach((i, k) => out.set(bytes.subarray(i * n, (i + 1) * n), k * n));
      return tf.tensor4d(out, [indices.length, size, size, 3], 'int32');
    },
  };
}
