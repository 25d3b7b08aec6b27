/**
 * Turns a file or a fetched image into the transforms' RGBA image, in the browser. The header
 * is read first (type, size, 16-bit, CMYK, alpha), so unusable files are refused with a reason
 * before decoding; decoding uses createImageBitmap without colour conversion or premultiplied
 * alpha, and on a copy whose EXIF orientation is reset (browsers would turn the picture), so the pixels are the file's own, as Pillow's `Image.open` reads
 * them. Alpha is dropped afterwards, as `convert("RGB")` does. Works in a page and in a worker.
 */
import { readImageHeader, MAX_PIXELS, type ImageHeader } from './header';
import { readOrientation, withoutOrientation } from './exif';
import type { RGBAImage } from './image';

/** Why an image could not be used; the island turns `code` into a German message. */
export class ImageInputError extends Error {
  constructor(
    readonly code: 'empty' | 'not-an-image' | 'too-large' | 'decode-failed',
    readonly header: ImageHeader | null,
    message: string,
  ) {
    super(message);
    this.name = 'ImageInputError';
  }
}

/** A decoded image and what its header said about it. */
export interface DecodedImage {
  image: RGBAImage;
  header: ImageHeader;
  /** The file had transparent pixels; their alpha was dropped. */
  hadAlpha: boolean;
  /** EXIF orientation the file carries (1 = none); the pixels are as stored either way. */
  orientation: number;
}

/** Decodes `blob` (an upload or a fetched sample). Throws ImageInputError with a code. */
export async function decodeImageBlob(blob: Blob): Promise<DecodedImage> {
  if (blob.size === 0) throw new ImageInputError('empty', null, 'empty file');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const header = readImageHeader(bytes);
  if (!header) throw new ImageInputError('not-an-image', null, `not a PNG, JPEG, GIF, WebP or BMP file (${blob.type || 'unknown type'})`);
  if (header.width < 1 || header.height < 1) throw new ImageInputError('decode-failed', header, `invalid size ${header.width} × ${header.height}`);
  if (header.width * header.height > MAX_PIXELS) {
    throw new ImageInputError('too-large', header, `${header.width} × ${header.height} exceeds ${MAX_PIXELS} pixels`);
  }
  const orientation = readOrientation(bytes);
  let bitmap: ImageBitmap;
  try {
    const file = orientation === 1 ? blob : new Blob([withoutOrientation(bytes) as Uint8Array<ArrayBuffer>], { type: blob.type });
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'none' });
  } catch (error) {
    throw new ImageInputError('decode-failed', header, (error as Error).message);
  }
  const { width, height } = bitmap;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const data = ctx.getImageData(0, 0, width, height, { colorSpace: 'srgb' }).data;
  let hadAlpha = false;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 255) {
      hadAlpha = true;
      data[i] = 255;
    }
  }
  return { image: { width, height, data }, header, hadAlpha, orientation };
}
