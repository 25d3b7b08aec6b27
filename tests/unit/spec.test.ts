import { describe, expect, it } from 'vitest';
import { countParameters, layerParameters, outputShapes, simpleCnnLayers } from '../../src/lib/model/spec';

describe('SimpleCNN spec', () => {
  it('has the original 102,832,165 parameters at 224 × 224 with 101 classes', () => {
    const layers = simpleCnnLayers(224, 101);
    expect(layers.map(layerParameters)).toEqual([896, 0, 18_496, 0, 102_760_960, 51_813]);
    expect(countParameters(layers)).toBe(102_832_165);
  });

  it('gives the output shapes of the torchsummary table', () => {
    expect(outputShapes(simpleCnnLayers(), [3, 224, 224])).toEqual([
      [32, 224, 224],
      [32, 112, 112],
      [64, 112, 112],
      [64, 56, 56],
      [512],
      [101],
    ]);
  });

  it.each([
    [16, 64 * 4 * 4],
    [32, 64 * 8 * 8],
    [64, 64 * 16 * 16],
    [128, 64 * 32 * 32],
  ])('sizes fc1 for %i × %i inputs', (size, flat) => {
    const layers = simpleCnnLayers(size, 5);
    expect(layers[4]).toEqual({ kind: 'Linear', inFeatures: flat, outFeatures: 512 });
    expect(outputShapes(layers, [3, size, size]).at(-1)).toEqual([5]);
    expect(countParameters(layers)).toBe(896 + 18_496 + (flat * 512 + 512) + (512 * 5 + 5));
  });

  it('refuses a flattened size that does not fit fc1', () => {
    expect(() => outputShapes(simpleCnnLayers(224), [3, 64, 64])).toThrow(
      'Linear expects 200704 inputs but receives 16384 (shape [64, 16, 16])',
    );
  });

  it.each([
    [() => simpleCnnLayers(30), 'invalid input size: 30 (must be a multiple of 4, e.g. 16, 32, 64, 128, 224)'],
    [() => simpleCnnLayers(224, 1), 'invalid number of classes: 1 (need at least 2)'],
  ])('validates its options (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});
