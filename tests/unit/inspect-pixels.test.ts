/**
 * The pictures of the look inside the model (src/lib/plot/inspect-pixels.ts): filters on one
 * common scale, each feature map on its own, the saliency ramp from black to white.
 */
import { describe, expect, it } from 'vitest';
import { drawPixels, featureMapPixels, filterPixels, saliencyPixels } from '../../src/lib/plot/inspect-pixels';

describe('pictures of filters, feature maps and saliency', () => {
  it('draws every filter on one scale for all filters: weight 0 mid-grey, the largest |weight| white (or black)', () => {
    // Two 1 × 1 filters: (−1, 0, 1) and (2, 2, −2); the largest |weight| is 2.
    const filters = { layer: 'conv1', count: 2, size: 1, channels: 3, values: Float32Array.from([-1, 0, 1, 2, 2, -2]), min: -2, max: 2 };
    expect([...filterPixels(filters, 0).data]).toEqual([64, 128, 191, 255]);
    expect([...filterPixels(filters, 1).data]).toEqual([255, 255, 0, 255]);
    expect([...filterPixels({ ...filters, values: Float32Array.from([-1, 0, 1, 2, 2, 1]), min: -1 }, 0).data]).toEqual([64, 128, 191, 255]);
    expect(() => filterPixels(filters, 2)).toThrow('invalid filter: 2 (expected 0 … 1)');
  });

  it('draws each feature map from its own minimum to its own maximum, a constant map black', () => {
    const maps = { layer: 'conv2', count: 2, height: 1, width: 2, values: Float32Array.from([2, 4, 7, 7]) };
    expect([...featureMapPixels(maps, 0).data]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    expect([...featureMapPixels(maps, 1).data]).toEqual([0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('draws saliency from black (no effect) over red and yellow to white (the strongest pixel)', () => {
    const map = { classIndex: 0, height: 1, width: 4, values: Float32Array.from([0, 1, 2, 3]) };
    expect([...saliencyPixels(map).data]).toEqual([0, 0, 0, 255, 255, 0, 0, 255, 255, 255, 0, 255, 255, 255, 255, 255]);
  });
});

describe('drawPixels, the one grey-plane painter (feature maps and the convolution figure)', () => {
  it('draws from the minimum (black) to the maximum (white), or on a given range, and says which range it used', () => {
    const { data, range } = drawPixels([-1, 0, 1, 3], 2, 2);
    expect(range).toEqual([-1, 3]);
    expect([...data].filter((_, i) => i % 4 === 0)).toEqual([0, 64, 128, 255]);
    expect([...data].filter((_, i) => i % 4 === 3)).toEqual([255, 255, 255, 255]);
    const fixed = drawPixels([0, 0.5, 1, 2], 4, 1, [0, 1]);
    expect([...fixed.data].filter((_, i) => i % 4 === 1)).toEqual([0, 128, 255, 255]);
    expect(fixed.range).toEqual([0, 1]);
  });

  it('draws a flat plane black, as matplotlib does (not mid-grey)', () => {
    expect([...drawPixels([5, 5, 5], 3, 1).data]).toEqual([0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]);
  });
});
