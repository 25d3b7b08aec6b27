/**
 * The image type every transform takes and returns: ImageData-like RGBA bytes.
 * `data` holds `width · height · 4` bytes, row by row; alpha is ignored and written as 255,
 * so a browser ImageData and a decoded file both fit without copying.
 */
export interface RGBAImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A new black image (alpha 255) of the given size. */
export function createImage(width: number, height: number): RGBAImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`invalid image size: ${width} × ${height} (both must be positive integers)`);
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

/** Wraps packed RGB or grey bytes (`channels` 3 or 1) as an RGBA image; grey is copied into R, G and B. */
export function fromPixels(pixels: ArrayLike<number>, width: number, height: number, channels: 1 | 3 | 4): RGBAImage {
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`expected ${width * height * channels} bytes for ${width} × ${height} × ${channels}, got ${pixels.length}`);
  }
  const image = createImage(width, height);
  const out = image.data;
  for (let i = 0, o = 0; i < pixels.length; i += channels, o += 4) {
    out[o] = pixels[i];
    out[o + 1] = pixels[channels === 1 ? i : i + 1];
    out[o + 2] = pixels[channels === 1 ? i : i + 2];
  }
  return image;
}
