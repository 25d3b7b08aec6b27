/**
 * `ToTensor()` and `Normalize(mean, std)`: from bytes to the float tensor the model sees.
 * Arithmetic is rounded to float32 at each step, as PyTorch computes it.
 */
import type { RGBAImage } from './image';

/** A CHW float tensor of one image: `data` holds channel 0's rows, then channel 1's, then channel 2's. */
export interface ImageTensor {
  /** [3, height, width] */
  shape: [3, number, number];
  data: Float32Array;
}

/** `ToTensor()`: HWC bytes 0…255 → CHW floats 0…1 (value / 255). */
export function toTensor(img: RGBAImage): ImageTensor {
  const { width, height, data } = img;
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    out[i] = data[i * 4] / 255;
    out[plane + i] = data[i * 4 + 1] / 255;
    out[2 * plane + i] = data[i * 4 + 2] / 255;
  }
  return { shape: [3, height, width], data: out };
}

/** `Normalize(mean, std)`: (x − mean[c]) / std[c] per channel; returns a new tensor. */
export function normalize(t: ImageTensor, mean: readonly number[], std: readonly number[]): ImageTensor {
  if (mean.length !== 3 || std.length !== 3) throw new RangeError(`mean and std need 3 values each (got ${mean.length} and ${std.length})`);
  if (std.some((s) => s === 0)) throw new RangeError('std must not contain 0 (division by zero)');
  const [, h, w] = t.shape;
  const plane = h * w;
  const out = new Float32Array(t.data.length);
  for (let c = 0; c < 3; c++) {
    const m = Math.fround(mean[c]);
    const s = Math.fround(std[c]);
    for (let i = c * plane; i < (c + 1) * plane; i++) out[i] = Math.fround(Math.fround(t.data[i] - m) / s);
  }
  return { shape: t.shape, data: out };
}

/**
 * ToTensor + Normalize for every byte value: `[3 · 256]` float32, entry c · 256 + v =
 * (v / 255 − mean[c]) / std[c] with each step rounded to float32 as `normalize(toTensor(…))`
 * computes it. The batch versions (batch.ts, the GPU kernel) look values up here.
 */
export function normalizeTable(mean: readonly number[], std: readonly number[]): Float32Array {
  if (mean.length !== 3 || std.length !== 3) throw new RangeError(`mean and std need 3 values each (got ${mean.length} and ${std.length})`);
  if (std.some((s) => s === 0)) throw new RangeError('std must not contain 0 (division by zero)');
  const table = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    const m = Math.fround(mean[c]);
    const sd = Math.fround(std[c]);
    for (let v = 0; v < 256; v++) table[c * 256 + v] = Math.fround(Math.fround(Math.fround(v / 255) - m) / sd);
  }
  return table;
}

/** Per-channel mean, min and max (what the reference's info.json records). */
export function channelStats(t: ImageTensor): { mean: number[]; min: number[]; max: number[] } {
  const [, h, w] = t.shape;
  const plane = h * w;
  const stats = { mean: [0, 0, 0], min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let i = c * plane; i < (c + 1) * plane; i++) {
      const v = t.data[i];
      sum += v;
      if (v < stats.min[c]) stats.min[c] = v;
      if (v > stats.max[c]) stats.max[c] = v;
    }
    stats.mean[c] = sum / plane;
  }
  return stats;
}

/** Histogram of all values in `bins` equal bins over [lo, hi] (values outside are clamped into the end bins). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  const scale = bins / (hi - lo);
  for (let i = 0; i < values.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) * scale)));
    counts[b]++;
  }
  return counts;
}
