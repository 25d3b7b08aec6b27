/** Colour handling of the chain's first step. */
import type { RGBAImage } from './image';

/**
 * The original's `Lambda(lambda x: x.convert("RGB") if x.mode == 'L' else x)`. Our images are
 * already RGBA, with grey images decoded into equal R, G and B (what `convert("RGB")` yields),
 * so this sets alpha to 255 and leaves the colours as they are: a no-op for every Caltech image.
 */
export function toRGB(img: RGBAImage): RGBAImage {
  const data = new Uint8ClampedArray(img.data);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width: img.width, height: img.height, data };
}

/** Whether every pixel has R = G = B (a greyscale image stored as RGB). */
export function isGrey(img: RGBAImage): boolean {
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
  return true;
}
