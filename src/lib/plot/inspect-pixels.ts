/**
 * Pixels for the look inside the model (src/lib/model/inspect.ts) and the convolution figure:
 * conv1's filters as colour images on one common scale around zero, grey planes (feature maps,
 * a convolution's input and output) each on its own scale or a given one, as matplotlib's imshow
 * does, the saliency map in a black–red–yellow–white ramp. Pure: RGBA bytes out.
 */
import type { FeatureMaps, FilterImages, SaliencyMap } from '../model/inspect';

/** RGBA bytes of one picture: [height, width, 4]. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Filter `k` as a size × size RGB picture, all filters on one scale: weight 0 is mid-grey, ± the largest |weight| of all filters is 255 or 0. */
export function filterPixels(filters: FilterImages, k: number): Pixels {
  const { size, channels, values, min, max } = filters;
  if (channels !== 3) throw new RangeError(`invalid filters: ${channels} channels (a picture needs 3)`);
  if (!(k >= 0 && k < filters.count)) throw new RangeError(`invalid filter: ${k} (expected 0 … ${filters.count - 1})`);
  const limit = Math.max(Math.abs(min), Math.abs(max));
  const data = new Uint8ClampedArray(size * size * 4);
  const base = k * size * size * 3;
  for (let p = 0; p < size * size; p++) {
    for (let c = 0; c < 3; c++) data[p * 4 + c] = Math.round(255 * (limit > 0 ? values[base + p * 3 + c] / (2 * limit) + 0.5 : 0.5));
    data[p * 4 + 3] = 255;
  }
  return { width: size, height: size, data };
}

/**
 * A grey picture of `values` [height, width]: `range[0]` black, `range[1]` white (default: the
 * values' own minimum and maximum). A flat plane is black, as matplotlib's imshow draws it. Returns the range used.
 */
export function drawPixels(values: ArrayLike<number>, width: number, height: number, range?: [number, number]): Pixels & { range: [number, number] } {
  const n = width * height;
  let [lo, hi] = range ?? [Infinity, -Infinity];
  if (!range) for (let p = 0; p < n; p++) [lo, hi] = [Math.min(lo, values[p]), Math.max(hi, values[p])];
  const data = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    const g = Math.round(255 * (hi > lo ? (values[p] - lo) / (hi - lo) : 0));
    data.set([g, g, g, 255], p * 4);
  }
  return { width, height, data, range: [lo, hi] };
}

/** Map `k` of a layer as a grey picture, scaled from its own minimum (black) to its maximum (white). */
export function featureMapPixels(maps: FeatureMaps, k: number): Pixels {
  const { width, height, values } = maps;
  if (!(k >= 0 && k < maps.count)) throw new RangeError(`invalid feature map: ${k} (expected 0 … ${maps.count - 1})`);
  const n = width * height;
  const { data } = drawPixels(values.subarray(k * n, (k + 1) * n), width, height);
  return { width, height, data };
}

/** The saliency map scaled to its maximum, in a black → red → yellow → white ramp (matplotlib's "hot"). */
export function saliencyPixels(map: SaliencyMap): Pixels {
  const { width, height, values } = map;
  let hi = 0;
  for (const v of values) hi = Math.max(hi, v);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const x = hi > 0 ? values[p] / hi : 0;
    data.set([255 * Math.min(1, x * 3), 255 * Math.min(1, Math.max(0, x * 3 - 1)), 255 * Math.max(0, x * 3 - 2), 255], p * 4);
  }
  return { width, height, data };
}
