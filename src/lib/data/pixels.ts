/**
 * Packs RGBA images (canvas pixel data) into the RGB layout the training tensors use:
 * `[n, size, size, 3]`, row-major, bytes 0 … 255, alpha dropped (the GPU pipeline uploads these
 * bytes; the WebGL and CPU paths widen them to int32).
 */
import type { RGBAImage } from '../transforms/image';

/** RGB bytes of `images` (all `size` × `size`), image after image: `[n, size, size, 3]`. */
export function packRGB(images: readonly RGBAImage[], size: number): Uint8Array {
  const pixels = size * size;
  const out = new Uint8Array(images.length * pixels * 3);
  images.forEach((image, k) => {
    if (image.width !== size || image.height !== size) throw new RangeError(`image ${k} is ${image.width} × ${image.height}, expected ${size} × ${size}`);
    if (image.data.length !== pixels * 4) throw new RangeError(`image ${k} holds ${image.data.length} bytes, expected ${pixels * 4} (RGBA)`);
    const base = k * pixels * 3;
    for (let p = 0; p < pixels; p++) {
      out[base + p * 3] = image.data[p * 4];
      out[base + p * 3 + 1] = image.data[p * 4 + 1];
      out[base + p * 3 + 2] = image.data[p * 4 + 2];
    }
  });
  return out;
}
