/**
 * Browser memory (issue 27, item 8): the size cap holds for what is decoded, not only for what
 * the first header claims, and a file is sniffed from its first bytes before it is read whole.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { gifExtent, readImageHeader, sniffImageType, SNIFF_BYTES } from '../../src/lib/transforms/header';
import { checkPixelCount, ImageInputError, readImageBytes } from '../../src/lib/transforms/decode-browser';

const le16 = (n: number) => [n & 0xff, n >> 8];

/** A GIF89a with a `screen` logical screen and one frame per entry of `frames` ([left, top, width, height]), each with a tiny LZW stream. */
function gif(screen: [number, number], frames: [number, number, number, number][]): Uint8Array {
  const bytes = [...new TextEncoder().encode('GIF89a'), ...le16(screen[0]), ...le16(screen[1]), 0x80, 0, 0, 0, 0, 0, 255, 255, 255];
  bytes.push(0x21, 0xf9, 4, 0, 0, 0, 0, 0); // graphic control extension
  bytes.push(0x21, 0xfe, 3, 0x61, 0x62, 0x63, 0); // comment extension "abc"
  for (const [left, top, width, height] of frames) bytes.push(0x2c, ...le16(left), ...le16(top), ...le16(width), ...le16(height), 0, 2, 2, 0x4c, 0x01, 0);
  bytes.push(0x3b);
  return Uint8Array.from(bytes);
}

/** A Blob that records which byte ranges were read, to prove the sniff comes before reading the whole file. */
function watchedBlob(bytes: Uint8Array, type = '') {
  const reads: string[] = [];
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
  const watched = {
    size: blob.size,
    type,
    slice: (start?: number, end?: number) => {
      reads.push(`slice ${start}-${end}`);
      return blob.slice(start, end);
    },
    arrayBuffer: () => {
      reads.push('whole');
      return blob.arrayBuffer();
    },
  } as unknown as Blob;
  return { blob: watched, reads };
}

describe('the decoded size of a GIF', () => {
  it('is the logical screen grown to hold every frame: a 1 × 1 screen with a 12000 × 12000 frame is 144 megapixels', () => {
    const bomb = gif([1, 1], [[0, 0, 12000, 12000]]);
    expect(gifExtent(bomb)).toEqual({ width: 12000, height: 12000, frames: 1 });
    expect(readImageHeader(bomb)).toMatchObject({ type: 'gif', width: 12000, height: 12000 });
    expect(() => checkPixelCount(readImageHeader(bomb)!)).toThrow('12000 × 12000 exceeds 40000000 pixels');
  });

  it('reads every frame descriptor, not only the first, and counts offsets', () => {
    const frames: [number, number, number, number][] = [[0, 0, 10, 10], [5, 0, 20, 4], [0, 9000, 1, 8000]];
    expect(gifExtent(gif([10, 10], frames))).toEqual({ width: 25, height: 17000, frames: 3 });
    expect(() => checkPixelCount(readImageHeader(gif([6000, 1], [[0, 0, 1, 1], [0, 0, 6000, 7000]]))!)).toThrow(ImageInputError);
  });

  it('keeps the logical screen for an ordinary GIF, also one made by an encoder', async () => {
    expect(gifExtent(gif([40, 30], [[0, 0, 40, 30]]))).toEqual({ width: 40, height: 30, frames: 1 });
    const real = new Uint8Array(await sharp({ create: { width: 33, height: 21, channels: 3, background: '#3a7' } }).gif().toBuffer());
    expect(gifExtent(real)).toEqual({ width: 33, height: 21, frames: 1 });
    expect(() => checkPixelCount(readImageHeader(real)!)).not.toThrow();
  });

  it('stops at a cut-off file without reading past its end', () => {
    const cut = gif([2, 2], [[0, 0, 2, 2], [0, 0, 9000, 9000]]).subarray(0, 40);
    expect(gifExtent(cut).width).toBeLessThan(9000);
  });
});

describe('sniffing before reading', () => {
  it.each([
    ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['jpeg', [0xff, 0xd8, 0xff, 0xe0]],
    ['gif', [...'GIF87a'].map((c) => c.charCodeAt(0))],
    ['webp', [...'RIFF\0\0\0\0WEBP'].map((c) => c.charCodeAt(0))],
    ['bmp', [0x42, 0x4d, 0, 0]],
  ])('knows a %s file from its first bytes', (type, bytes) => {
    expect(sniffImageType(Uint8Array.from(bytes))).toBe(type);
    expect(bytes.length).toBeLessThanOrEqual(SNIFF_BYTES);
  });

  it('refuses a text file after reading only its first bytes', async () => {
    const { blob, reads } = watchedBlob(new TextEncoder().encode('Das ist kein Bild, auch wenn es image/jpeg heißt.'), 'image/jpeg');
    await expect(readImageBytes(blob)).rejects.toMatchObject({ code: 'not-an-image' });
    expect(reads).toEqual([`slice 0-${SNIFF_BYTES}`]);
  });

  it('refuses the GIF bomb as too large, with the decoded size, before any decoding', async () => {
    const { blob, reads } = watchedBlob(gif([1, 1], [[0, 0, 12000, 12000]]), 'image/gif');
    await expect(readImageBytes(blob)).rejects.toMatchObject({ code: 'too-large', header: { width: 12000, height: 12000 } });
    expect(reads).toEqual([`slice 0-${SNIFF_BYTES}`, 'whole']);
  });

  it('refuses an empty file without reading it, and passes a real image through', async () => {
    await expect(readImageBytes(new Blob([]))).rejects.toMatchObject({ code: 'empty' });
    const png = new Uint8Array(await sharp({ create: { width: 3, height: 2, channels: 3, background: '#000' } }).png().toBuffer());
    expect((await readImageBytes(new Blob([png]))).header).toMatchObject({ type: 'png', width: 3, height: 2 });
  });
});
