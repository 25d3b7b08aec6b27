/** Reads a PNG file as an RGBA image (the transforms' image type). */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import type { RGBAImage } from '../../src/lib/transforms/image';

export function readPng(path: string): RGBAImage {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}

/** Number of RGB values (alpha ignored) in which two images of equal size differ. */
export function countDifferences(a: RGBAImage, b: RGBAImage): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  let n = 0;
  for (let i = 0; i < a.data.length; i++) if (i % 4 !== 3 && a.data[i] !== b.data[i]) n++;
  return n;
}
