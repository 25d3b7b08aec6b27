/**
 * torchvision's `Resize((h, w))` on a PIL image, bit for bit: Pillow's bilinear resampling
 * (`Image.resize(size, Image.BILINEAR)`, Pillow ≥ 7), including its antialiasing when shrinking.
 *
 * Pillow does not interpolate between the two nearest pixels. It convolves with a triangle
 * filter whose width grows with the shrink factor (support = scale when scale > 1), so every
 * source pixel under the filter contributes. The weights are normalised in double precision,
 * rounded to 22-bit fixed point, and each pass (horizontal first, then vertical) rounds its
 * result to 8 bits. Reproducing those three details is what makes the output identical.
 * Source: Pillow, src/libImaging/Resample.c.
 */
import { createImage, type RGBAImage } from './image';

const PRECISION_BITS = 32 - 8 - 2;
const HALF = 1 << (PRECISION_BITS - 1);
const SUPPORT = 1; // bilinear

/** Fixed-point filter taps of one resampling pass: for output i, weights over source [start, start + count). */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  size: number; // taps per output
  weights: Int32Array; // output i uses weights[i · size … i · size + count[i])
}

const triangle = (x: number) => {
  const a = Math.abs(x);
  return a < 1 ? 1 - a : 0;
};

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for input length `inSize` → `outSize`. */
function computeTaps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = SUPPORT * filterScale;
  const size = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * size);
  const w = new Float64Array(size);
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < xmax; x++) {
      w[x] = triangle((x + xmin - center + 0.5) / filterScale);
      total += w[x];
    }
    for (let x = 0; x < xmax; x++) {
      const k = total !== 0 ? w[x] / total : w[x];
      // (int)(±0.5 + k · 2^22): C truncates toward zero.
      weights[i * size + x] = Math.trunc(k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS));
    }
    start[i] = xmin;
    count[i] = xmax;
  }
  return { start, count, size, weights };
}

/** Pillow's clip8: fixed point → byte. */
const clip8 = (v: number) => (v >= 255 << PRECISION_BITS ? 255 : v <= 0 ? 0 : v >> PRECISION_BITS);

/** Resizes `img` to `height` × `width` exactly as torchvision `Resize((height, width))` does on a PIL image. */
export function resize(img: RGBAImage, height: number, width: number): RGBAImage {
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1) {
    throw new RangeError(`invalid resize target: ${height} × ${width} (both must be positive integers)`);
  }
  if (img.width === width && img.height === height) {
    return { width, height, data: new Uint8ClampedArray(img.data) };
  }
  const vert = computeTaps(img.height, height);
  // Horizontal pass over only the source rows the vertical pass will read (as Pillow does).
  const firstRow = vert.start[0];
  const lastRow = vert.start[height - 1] + vert.count[height - 1];
  let src = img;
  let rowOffset = 0;
  if (width !== img.width) {
    const horiz = computeTaps(img.width, width);
    const rows = lastRow - firstRow;
    const tmp = createImage(width, rows);
    const inData = img.data;
    const out = tmp.data;
    for (let y = 0; y < rows; y++) {
      const inRow = (y + firstRow) * img.width * 4;
      for (let x = 0; x < width; x++) {
        const s0 = horiz.start[x];
        const n = horiz.count[x];
        const k0 = x * horiz.size;
        let r = HALF, g = HALF, b = HALF;
        for (let t = 0; t < n; t++) {
          const k = horiz.weights[k0 + t];
          const p = inRow + (s0 + t) * 4;
          r += inData[p] * k;
          g += inData[p + 1] * k;
          b += inData[p + 2] * k;
        }
        const o = (y * width + x) * 4;
        out[o] = clip8(r);
        out[o + 1] = clip8(g);
        out[o + 2] = clip8(b);
      }
    }
    src = tmp;
    rowOffset = firstRow;
  }
  if (height === img.height) return src;
  const result = createImage(width, height);
  const inData = src.data;
  const out = result.data;
  for (let y = 0; y < height; y++) {
    const s0 = vert.start[y] - rowOffset;
    const n = vert.count[y];
    const k0 = y * vert.size;
    for (let x = 0; x < width; x++) {
      let r = HALF, g = HALF, b = HALF;
      for (let t = 0; t < n; t++) {
        const k = vert.weights[k0 + t];
        const p = ((s0 + t) * width + x) * 4;
        r += inData[p] * k;
        g += inData[p + 1] * k;
        b += inData[p + 2] * k;
      }
      const o = (y * width + x) * 4;
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
    }
  }
  return result;
}
