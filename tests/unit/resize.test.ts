import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createImage } from '../../src/lib/transforms/image';
import { resize } from '../../src/lib/transforms/resize';
import { CROP_SIZES, resizeFor } from '../../src/lib/transforms/sizes';
import { countDifferences, readPng } from '../helpers/png';
import { referenceFolder } from '../helpers/fixtures';

const names = referenceFolder ? readdirSync(referenceFolder).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)) : [];

describe.skipIf(!referenceFolder)('resize against torchvision', () => {
  it('has the five reference images', () => expect(names).toHaveLength(5));

  it.each(names)('resizes %s to 256 × 256 exactly like torchvision', (name) => {
    const decoded = readPng(join(referenceFolder!, `${name}.decoded.png`));
    const expected = readPng(join(referenceFolder!, `${name}.resize256.png`));
    expect(countDifferences(resize(decoded, 256, 256), expected)).toBe(0);
  });
});

describe('resize', () => {
  it('keeps a constant image constant when shrinking and enlarging', () => {
    const img = createImage(37, 23);
    for (let i = 0; i < img.data.length; i += 4) img.data.set([200, 100, 7], i);
    for (const [h, w] of [[5, 9], [64, 64], [23, 37]]) {
      const out = resize(img, h, w);
      expect([out.width, out.height]).toEqual([w, h]);
      for (let i = 0; i < out.data.length; i += 4) expect([...out.data.subarray(i, i + 4)]).toEqual([200, 100, 7, 255]);
    }
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => resize(createImage(4, 4), 0, 3)).toThrow('invalid resize target: 0 × 3 (both must be positive integers)');
  });
});

describe('resizeFor', () => {
  it('scales the original Resize(256) → CenterCrop(224) to every offered crop size', () => {
    expect(CROP_SIZES.map(resizeFor)).toEqual([18, 37, 73, 146, 256]);
  });
});
