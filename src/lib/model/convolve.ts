/**
 * One 2-D convolution as torch.nn.functional.conv2d computes it for one input and one output
 * channel: a cross-correlation (the kernel is not flipped) with zero padding and a stride.
 * It draws the CNN chapter's convolution figure; tests/unit/convolve.test.ts checks it against
 * PyTorch. Also the greyscale conversion of Pillow's convert("L") that feeds the figure.
 */
import type { RGBAImage } from '../transforms/image';

/** A single-channel image of floats, row by row: [height, width]. */
export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** Stride and zero padding as Conv2d takes them (the same in both directions), and the bias. */
export interface ConvOptions {
  stride?: number;
  padding?: number;
  bias?: number;
}

/** Output side length of a convolution: ⌊(n + 2·padding − k) / stride⌋ + 1 (0 when the kernel does not fit). */
export function convOutputSize(n: number, k: number, stride: number, padding: number): number {
  const span = n + 2 * padding - k;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

/**
 * Convolves `input` [H, W] with the square `kernel` (k × k values, row by row), like
 * F.conv2d(input[None, None], kernel[None, None], bias, stride, padding)[0, 0].
 */
export function convolve2d(input: Plane, kernel: ArrayLike<number>, { stride = 1, padding = 0, bias = 0 }: ConvOptions = {}): Plane {
  const k = Math.round(Math.sqrt(kernel.length));
  if (k * k !== kernel.length || k < 1) throw new RangeError(`invalid kernel: ${kernel.length} values (expected k × k, e.g. 9 for 3 × 3)`);
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`invalid stride: ${stride} (expected a positive integer)`);
  if (!Number.isInteger(padding) || padding < 0) throw new RangeError(`invalid padding: ${padding} (expected 0 or a positive integer)`);
  const { width: w, height: h, data } = input;
  const outW = convOutputSize(w, k, stride, padding);
  const outH = convOutputSize(h, k, stride, padding);
  const out = new Float32Array(outW * outH);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let sum = 0;
      for (let ky = 0; ky < k; ky++) {
        const y = oy * stride + ky - padding;
        if (y < 0 || y >= h) continue; // zero padding contributes nothing
        for (let kx = 0; kx < k; kx++) {
          const x = ox * stride + kx - padding;
          if (x < 0 || x >= w) continue;
          sum += data[y * w + x] * kernel[ky * k + kx];
        }
      }
      out[oy * outW + ox] = sum + bias;
    }
  }
  return { width: outW, height: outH, data: out };
}

/** Greyscale like Pillow's convert("L") (ITU-R 601-2 luma, Pillow's integer rounding), scaled to 0 … 1 like ToTensor. */
export function toGreyPlane(img: RGBAImage): Plane {
  const n = img.width * img.height;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const r = img.data[4 * i];
    const g = img.data[4 * i + 1];
    const b = img.data[4 * i + 2];
    data[i] = ((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16) / 255;
  }
  return { width: img.width, height: img.height, data };
}

/** The example filters the convolution figure offers, 3 × 3, row by row (the WebGPU kernels are webgpu/kernels CUSTOM_KERNELS). */
export const KERNELS = {
  /** Vertical edges, bright on the right (the chapter's worked example). */
  edgeVertical: [-1, 0, 1, -1, 0, 1, -1, 0, 1],
  /** Horizontal edges, bright below. */
  edgeHorizontal: [-1, -1, -1, 0, 0, 0, 1, 1, 1],
  /** Box blur: the mean of the window. */
  blur: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9],
  /** Sharpen: the centre weighted up against its four neighbours. */
  sharpen: [0, -1, 0, -1, 5, -1, 0, -1, 0],
} as const;
