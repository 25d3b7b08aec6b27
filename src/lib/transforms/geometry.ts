/**
 * Flip, center crop and rotation exactly as torchvision does them on PIL images
 * (`F.hflip`, `F.center_crop`, `F.rotate` → Pillow's transpose, crop and affine transform).
 * Each works through a source-index map (output pixel → source pixel or −1 for fill), so the
 * same maps can be composed and applied on the GPU by one gather (see batch.ts).
 */
import { createImage, type RGBAImage } from './image';

/** For every output pixel (row-major) the source pixel index (y · width + x), or −1 for black fill. */
export interface PixelMap {
  width: number;
  height: number;
  source: Int32Array;
}

/** Applies a pixel map to an image: gathers source pixels, black (alpha 255) where the map says −1. */
export function applyMap(img: RGBAImage, map: PixelMap): RGBAImage {
  const out = createImage(map.width, map.height);
  const src = img.data;
  const dst = out.data;
  for (let i = 0; i < map.source.length; i++) {
    const s = map.source[i];
    if (s < 0) continue;
    dst[i * 4] = src[s * 4];
    dst[i * 4 + 1] = src[s * 4 + 1];
    dst[i * 4 + 2] = src[s * 4 + 2];
  }
  return out;
}

/** The map `second ∘ first`: apply `first`, then `second` (second's sources index first's output). */
export function composeMaps(first: PixelMap, second: PixelMap): PixelMap {
  const source = new Int32Array(second.source.length);
  for (let i = 0; i < source.length; i++) {
    const s = second.source[i];
    source[i] = s < 0 ? -1 : first.source[s];
  }
  return { width: second.width, height: second.height, source };
}

/** The identity map of a width × height image. */
export function identityMap(width: number, height: number): PixelMap {
  return { width, height, source: Int32Array.from({ length: width * height }, (_, i) => i) };
}

/** Horizontal mirror map (PIL's FLIP_LEFT_RIGHT). */
export function hflipMap(width: number, height: number): PixelMap {
  const source = new Int32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) source[y * width + x] = y * width + (width - 1 - x);
  return { width, height, source };
}

/** Python's round(): halves go to the even neighbour (round(4.5) = 4). */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Where torchvision's center_crop takes its window: top = round((h − size) / 2), left likewise
 * (Python rounding), in the image's coordinates; negative where a crop larger than the image is
 * padded with black first, as torchvision does.
 */
export function centerCropOffsets(width: number, height: number, size: number): { top: number; left: number } {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`invalid crop size: ${size} (expected a positive integer)`);
  // torchvision pads (left, top) by (size − w) // 2 when the crop is larger, then crops at the rounded center.
  const padLeft = size > width ? Math.floor((size - width) / 2) : 0;
  const padTop = size > height ? Math.floor((size - height) / 2) : 0;
  const paddedW = size > width ? width + padLeft + Math.floor((size - width + 1) / 2) : width;
  const paddedH = size > height ? height + padTop + Math.floor((size - height + 1) / 2) : height;
  return { top: roundHalfEven((paddedH - size) / 2) - padTop, left: roundHalfEven((paddedW - size) / 2) - padLeft };
}

/** torchvision's center_crop map (see centerCropOffsets); pixels outside the image are fill (−1). */
export function centerCropMap(width: number, height: number, size: number): PixelMap {
  const { top, left } = centerCropOffsets(width, height, size);
  const source = new Int32Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sy = y + top;
      const sx = x + left;
      source[y * size + x] = sx >= 0 && sx < width && sy >= 0 && sy < height ? sy * width + sx : -1;
    }
  }
  return { width: size, height: size, source };
}

/** Python's round(x, 15) for the rotation matrix (decimal rounding of the binary value). */
const round15 = (x: number) => Number(x.toFixed(15));

/**
 * How Pillow's `Image.rotate(angle, NEAREST)` maps pixels, as integers: the exact turns
 * (0°, 180°, and 90°/270° on square images) as their own kinds, every other angle as the 16.16
 * fixed-point coefficients Pillow's affine transform steps with (computed in float64 from
 * Python's round(cos, 15) and round(sin, 15)): output (x, y) reads input
 * ((a2 + y·a1 + x·a0) >> 16, (a5 + y·a4 + x·a3) >> 16) in 32-bit wrapping arithmetic.
 * `float`: the image is too large for fixed point (Pillow then steps in float64 with `a`).
 * rotateMap and the GPU augmentation kernel both apply exactly this.
 */
export type RotationOp =
  | { kind: 'identity' | 'turn180' | 'turn90' | 'turn270' }
  | { kind: 'fixed'; a0: number; a1: number; a2: number; a3: number; a4: number; a5: number }
  | { kind: 'float'; a: number[] };

/** The integer description of `F.rotate(img, degrees)` on a width × height image (see RotationOp). */
export function rotationOp(width: number, height: number, degrees: number): RotationOp {
  if (!Number.isFinite(degrees)) throw new RangeError(`invalid angle: ${degrees}`);
  const angle = ((degrees % 360) + 360) % 360; // Python's degrees % 360.0
  if (angle === 0) return { kind: 'identity' };
  if (angle === 180) return { kind: 'turn180' };
  if ((angle === 90 || angle === 270) && width === height) return { kind: angle === 90 ? 'turn90' : 'turn270' };
  const cx = width / 2;
  const cy = height / 2;
  const rad = -(angle * (Math.PI / 180));
  const a = [round15(Math.cos(rad)), round15(Math.sin(rad)), 0, round15(-Math.sin(rad)), round15(Math.cos(rad)), 0];
  a[2] = a[0] * -cx + a[1] * -cy + a[2] + cx;
  a[5] = a[3] * -cx + a[4] * -cy + a[5] + cy; // Pillow: transform(−cx, −cy, matrix), then += center
  const fits = (x: number, y: number) => Math.abs(x * a[0] + y * a[1] + a[2]) < 32768 && Math.abs(x * a[3] + y * a[4] + a[5]) < 32768;
  if (!(fits(0, 0) && fits(width, height) && fits(0, height) && fits(width, 0))) return { kind: 'float', a };
  const fix = (v: number) => Math.floor(v * 65536 + 0.5);
  return {
    kind: 'fixed',
    a0: fix(a[0]),
    a1: fix(a[1]),
    a2: fix(a[2] + a[0] * 0.5 + a[1] * 0.5),
    a3: fix(a[3]),
    a4: fix(a[4]),
    a5: fix(a[5] + a[3] * 0.5 + a[4] * 0.5),
  };
}

/**
 * Rotation map of `F.rotate(img, degrees)` on a PIL image: Pillow's `Image.rotate(angle,
 * NEAREST, expand=False, center=None, fillcolor=0)` — about the image centre, counter-clockwise
 * for positive angles, corners filled black, nearest neighbour in 16.16 fixed point.
 */
export function rotateMap(width: number, height: number, degrees: number): PixelMap {
  const op = rotationOp(width, height, degrees);
  const source = new Int32Array(width * height);
  switch (op.kind) {
    case 'identity':
      return identityMap(width, height);
    case 'turn180':
      for (let i = 0; i < source.length; i++) source[i] = source.length - 1 - i;
      return { width, height, source };
    case 'turn90':
    case 'turn270':
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          // ROTATE_90 (counter-clockwise): out(x, y) = in(w − 1 − y, x); ROTATE_270: out(x, y) = in(y, h − 1 − x)
          source[y * width + x] = op.kind === 'turn90' ? x * width + (width - 1 - y) : (height - 1 - x) * width + y;
        }
      }
      return { width, height, source };
    case 'fixed': {
      let a2 = op.a2;
      let a5 = op.a5;
      for (let y = 0; y < height; y++) {
        let xx = a2;
        let yy = a5;
        for (let x = 0; x < width; x++) {
          const xin = xx >> 16;
          const yin = yy >> 16;
          source[y * width + x] = xin >= 0 && xin < width && yin >= 0 && yin < height ? yin * width + xin : -1;
          xx = (xx + op.a0) | 0;
          yy = (yy + op.a3) | 0;
        }
        a2 = (a2 + op.a1) | 0;
        a5 = (a5 + op.a4) | 0;
      }
      return { width, height, source };
    }
    case 'float': {
      // Pillow's floating-point path, for images too large for 16.16 fixed point.
      const a = op.a;
      let xo = a[2] + a[1] * 0.5 + a[0] * 0.5;
      let yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
      const coord = (v: number) => (v < 0 ? -1 : Math.trunc(v));
      for (let y = 0; y < height; y++) {
        let xx = xo;
        let yy = yo;
        for (let x = 0; x < width; x++) {
          const xin = coord(xx);
          const yin = coord(yy);
          source[y * width + x] = xin >= 0 && xin < width && yin >= 0 && yin < height ? yin * width + xin : -1;
          xx += a[0];
          yy += a[3];
        }
        xo += a[1];
        yo += a[4];
      }
      return { width, height, source };
    }
  }
}

/** `F.hflip`: mirror left–right. */
export const hflip = (img: RGBAImage) => applyMap(img, hflipMap(img.width, img.height));
/** `F.center_crop(img, size)`. */
export const centerCrop = (img: RGBAImage, size: number) => applyMap(img, centerCropMap(img.width, img.height, size));
/** `F.rotate(img, degrees)` with nearest neighbour, no expansion, black fill. */
export const rotate = (img: RGBAImage, degrees: number) => applyMap(img, rotateMap(img.width, img.height, degrees));
