/**
 * Reads an image file's type and pixel size before anything is decoded: so a 12,000 × 12,000
 * upload is refused without allocating 576 MB, and a file that is no image at all gets a clear
 * message. PNG, JPEG, GIF, WebP and BMP. The size is what a browser decodes, not only what the
 * first header claims: a GIF's frames may be larger than its logical screen, so every frame
 * descriptor is read (a 1 × 1 screen with a 12,000 × 12,000 frame decodes to 144 megapixels).
 */

export interface ImageHeader {
  type: 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';
  width: number;
  height: number;
  /** Extra facts worth telling the reader: 16-bit, CMYK, greyscale, alpha. */
  notes: ('16-bit' | 'cmyk' | 'grey' | 'alpha')[];
  /** JPEG without its end marker (FF D9): the file is probably cut off. */
  truncated: boolean;
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const i32le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);

/** Parses the header of `bytes` (the whole file); null when it is none of the supported formats. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const b = bytes;
  if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const depth = b[24];
    const colorType = b[25];
    const notes: ImageHeader['notes'] = [];
    if (depth === 16) notes.push('16-bit');
    if (colorType === 0 || colorType === 4) notes.push('grey');
    if (colorType === 4 || colorType === 6) notes.push('alpha');
    return { type: 'png', width: u32be(b, 16), height: u32be(b, 20), notes, truncated: false };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
        i += marker === 0xff ? 1 : 2;
        continue;
      }
      const length = u16be(b, i + 2);
      // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const components = b[i + 9];
        const notes: ImageHeader['notes'] = [];
        if (components === 1) notes.push('grey');
        if (components === 4) notes.push('cmyk');
        if (b[i + 4] === 16) notes.push('16-bit');
        const end = b.length >= 2 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;
        return { type: 'jpeg', width: u16be(b, i + 7), height: u16be(b, i + 5), notes, truncated: !end };
      }
      i += 2 + length;
    }
    return null;
  }
  if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) {
    const { width, height } = gifExtent(b);
    return { type: 'gif', width, height, notes: [], truncated: false };
  }
  if (b.length >= 30 && String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP') {
    const chunk = String.fromCharCode(...b.subarray(12, 16));
    if (chunk === 'VP8X') {
      return { type: 'webp', width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)), notes: b[20] & 0x10 ? ['alpha'] : [], truncated: false };
    }
    if (chunk === 'VP8L') {
      const v = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
      return { type: 'webp', width: 1 + (v & 0x3fff), height: 1 + ((v >> 14) & 0x3fff), notes: [], truncated: false };
    }
    return { type: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff, notes: [], truncated: false };
  }
  if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) {
    return { type: 'bmp', width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)), notes: [], truncated: false };
  }
  return null;
}

/**
 * The area a browser decodes a GIF to: its logical screen, grown to hold every frame (left + width,
 * top + height of each image descriptor). Walks the block structure; a cut-off file ends the walk.
 */
export function gifExtent(b: Uint8Array): { width: number; height: number; frames: number } {
  let width = u16le(b, 6);
  let height = u16le(b, 8);
  let frames = 0;
  let i = 13 + (b[10] & 0x80 ? 3 << ((b[10] & 7) + 1) : 0); // header, logical screen, global colour table
  /** Index after the data sub-blocks starting at `j` (each: length byte, then that many bytes; 0 ends). */
  const skipBlocks = (j: number) => {
    while (j < b.length && b[j] !== 0) j += b[j] + 1;
    return j + 1;
  };
  while (i < b.length) {
    const block = b[i];
    if (block === 0x21) i = skipBlocks(i + 2); // extension: introducer, label, sub-blocks
    else if (block === 0x2c && i + 10 <= b.length) {
      frames++;
      width = Math.max(width, u16le(b, i + 1) + u16le(b, i + 5));
      height = Math.max(height, u16le(b, i + 3) + u16le(b, i + 7));
      const packed = b[i + 9];
      i += 10 + (packed & 0x80 ? 3 << ((packed & 7) + 1) : 0); // descriptor, local colour table
      i = skipBlocks(i + 1); // LZW minimum code size, image data
    } else break; // 0x3b (trailer) or a damaged file
  }
  return { width, height, frames };
}

/** Bytes enough to tell the type: `sniffImageType` needs at most this many from the start of a file. */
export const SNIFF_BYTES = 16;

/** The file type from its first bytes alone (magic numbers), or null: lets a caller refuse a non-image before reading it whole. */
export function sniffImageType(first: Uint8Array): ImageHeader['type'] | null {
  const b = first;
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 8 && b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 2 && ascii(0, 2) === 'BM') return 'bmp';
  return null;
}

/** The largest upload the playground decodes: 40 megapixels (a 160 MB canvas). */
export const MAX_PIXELS = 40_000_000;
