/**
 * Turns a file or a fetched image into the transforms' RGBA image, in the browser. The first
 * bytes are sniffed before the file is read whole (a non-image is refused unread); then the
 * header is read (type, size of every frame, 16-bit, CMYK, alpha), so unusable files are refused
 * with a reason before decoding, and the decoded bitmap is checked against the same cap; decoding uses createImageBitmap without colour conversion or premultiplied
 * alpha, and on a copy whose EXIF orientation is reset (browsers would turn the picture), so the pixels are the file's own, as Pillow's `Image.open` reads
 * them. Alpha is dropped afterwards, as `convert("RGB")` does. Works in a page and in a worker.
 */
import { readImageHeader, sniffImageType, MAX_PIXELS, SNIFF_BYTES, type ImageHeader } from './header';
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

/** Refuses `width` × `height` beyond MAX_PIXELS (what the header claims, and again what was decoded). */
export function checkPixelCount(header: ImageHeader, width = header.width, height = header.height): void {
  if (width < 1 || height < 1) throw new ImageInputError('decode-failed', header, `invalid size ${width} × ${height}`);
  if (width * height > MAX_PIXELS) throw new ImageInputError('too-large', { ...header, width, height }, `${width} × ${height} exceeds ${MAX_PIXELS} pixels`);
}

/** The bytes of `blob` and its header, after sniffing its first bytes: a non-image is refused before it is read whole. */
export async function readImageBytes(blob: Blob): Promise<{ bytes: Uint8Array; header: ImageHeader }> {
  if (blob.size === 0) throw new ImageInputError('empty', null, 'empty file');
  const notAnImage = () => new ImageInputError('not-an-image', null, `not a PNG, JPEG, GIF, WebP or BMP file (${blob.type || 'unknown type'})`);
  if (!sniffImageType(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()))) throw notAnImage();
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const header = readImageHeader(bytes);
  if (!header) throw notAnImage();
  checkPixelCount(header);
  return { bytes, header };
}

/** Decodes `blob` (an upload or a fetched sample). Throws ImageInputError with a code. */
export async function decodeImageBlob(blob: Blob): Promise<DecodedImage> {
  const { bytes, header } = await readImageBytes(blob);
  const orientation = readOrientation(bytes);
  let bitmap: ImageBitmap;
  try {
    const file = orientation === 1 ? blob : new Blob([withoutOrientation(bytes) as Uint8Array<ArrayBuffer>], { type: blob.type });
    bitmap = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none', imageOrientation: 'none' });
  } catch (error) {
    throw new ImageInputError('decode-failed', header, (error as Error).message);
  }
  const { width, height } = bitmap;
  try {
    checkPixelCount(header, width, height); // a format whose header understated the size
  } catch (error) {
    bitmap.close();
    throw error;
  }
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
