/**
 * One image as train:full needs it: decoded like Pillow (sharp), converted to RGB and resized
 * exactly like torchvision's Resize, as `[size, size, 3]` bytes. Shared by the decode workers
 * and the single-threaded fallback; its source belongs to the decode cache's key.
 */
import { join } from 'node:path';
import { decodeImage } from '../data/assets-node';
import { resize } from '../transforms/resize';

/** Decodes `path` (relative to `folder`) and resizes it to `size` px; writes its RGB bytes at `out[offset…]`. */
export async function decodeResized(folder: string, path: string, size: number, out: Uint8Array, offset = 0): Promise<void> {
  const img = resize((await decodeImage(join(folder, path))).image, size, size);
  for (let p = 0; p < size * size; p++) {
    out[offset + p * 3] = img.data[p * 4];
    out[offset + p * 3 + 1] = img.data[p * 4 + 1];
    out[offset + p * 3 + 2] = img.data[p * 4 + 2];
  }
}
