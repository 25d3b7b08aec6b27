/**
 * Reading uploads: the header reader refuses what is no image; EXIF orientation is read, and `withoutOrientation` resets it so a
 * browser decodes the pixels as stored — as Pillow's Image.open does, which ignores the tag.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../src/lib/transforms/header';
import { readOrientation, withoutOrientation } from '../../src/lib/transforms/exif';

const stripes = () => {
  const data = Buffer.alloc(40 * 20 * 3);
  for (let i = 0; i < 40 * 20; i++) data[3 * i] = (i % 40) * 6; // red rises from left to right
  return sharp(data, { raw: { width: 40, height: 20, channels: 3 } });
};

describe('readImageHeader and withoutOrientation', () => {
  it.each([1, 3, 6, 8])('reads EXIF orientation %i of a JPEG and resets it to 1 without touching the pixels', async (orientation) => {
    const jpeg = new Uint8Array(await stripes().jpeg({ quality: 95 }).withMetadata({ orientation }).toBuffer());
    expect(readImageHeader(jpeg)).toMatchObject({ type: 'jpeg', width: 40, height: 20 });
    expect(readOrientation(jpeg)).toBe(orientation);
    const reset = withoutOrientation(jpeg);
    expect(readOrientation(reset)).toBe(1);
    expect((await sharp(reset).metadata()).orientation ?? 1).toBe(1);
    expect(reset.length).toBe(jpeg.length);
    // Only the tag's two bytes differ; the pixels decode identically (sharp without .rotate() keeps them as stored).
    const raw = async (b: Uint8Array) => sharp(b).raw().toBuffer();
    expect(Buffer.compare(await raw(reset), await raw(jpeg))).toBe(0);
    expect(jpeg.reduce((n, v, i) => n + (v !== reset[i] ? 1 : 0), 0)).toBe(orientation === 1 ? 0 : 1);
  });

  it('reports orientation 1 for files without EXIF and leaves them alone', async () => {
    const jpeg = new Uint8Array(await stripes().jpeg().toBuffer());
    const png = new Uint8Array(await stripes().png().toBuffer());
    expect(readOrientation(jpeg)).toBe(1);
    expect(readOrientation(png)).toBe(1);
    expect(withoutOrientation(jpeg)).toBe(jpeg);
    expect(withoutOrientation(png)).toBe(png);
  });

  it('refuses an SVG and a text file as not an image', () => {
    expect(readImageHeader(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(readImageHeader(new TextEncoder().encode('Das ist kein Bild.'))).toBeNull();
  });
});
