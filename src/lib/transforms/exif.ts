/**
 * The EXIF orientation of a JPEG upload. Pillow's Image.open ignores it (so torchvision trains on
 * the pixels as stored), while browsers turn the picture by it even with imageOrientation 'none';
 * `withoutOrientation` gives the browser a copy that says "as stored", so both see the same pixels.
 * Only the playground's decoder uses this file; the training path never reads EXIF.
 */

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1];

/** Where a JPEG's EXIF Orientation tag (0x0112) stores its value: byte offset, byte order and value; null when it has none. */
function findOrientation(b: Uint8Array): { offset: number; little: boolean; value: number } | null {
  if (!(b.length >= 4 && b[0] === 0xff && b[1] === 0xd8)) return null;
  let i = 2;
  while (i + 4 < b.length && b[i] === 0xff) {
    const marker = b[i + 1];
    if (marker === 0xda || marker === 0xd9) return null; // image data starts: no EXIF before it
    const length = u16be(b, i + 2);
    if (marker === 0xe1 && String.fromCharCode(...b.subarray(i + 4, i + 10)) === 'Exif\0\0') {
      const t = i + 10; // the TIFF header
      const end = Math.min(b.length, i + 2 + length);
      const little = b[t] === 0x49 && b[t + 1] === 0x49;
      const u16 = (k: number) => (little ? b[k] | (b[k + 1] << 8) : (b[k] << 8) | b[k + 1]);
      const u32 = (k: number) => (little ? u16(k) + u16(k + 2) * 65536 : u16(k) * 65536 + u16(k + 2));
      const ifd = t + u32(t + 4);
      if (ifd + 2 > end) return null;
      for (let k = 0, count = u16(ifd); k < count; k++) {
        const e = ifd + 2 + 12 * k;
        if (e + 12 > end) break;
        if (u16(e) === 0x0112) return { offset: e + 8, little, value: u16(e + 8) };
      }
      return null;
    }
    i += 2 + length;
  }
  return null;
}

/** EXIF orientation of a JPEG: 1 = as stored (also when absent or invalid), 2…8 = a viewer would flip or turn it. */
export function readOrientation(bytes: Uint8Array): number {
  const value = findOrientation(bytes)?.value ?? 1;
  return value >= 1 && value <= 8 ? value : 1;
}

/** A copy of `bytes` whose EXIF orientation says "as stored" (1), or `bytes` itself when it already does or has none. */
export function withoutOrientation(bytes: Uint8Array): Uint8Array {
  const found = findOrientation(bytes);
  if (!found || found.value === 1) return bytes;
  const copy = bytes.slice();
  copy[found.offset] = found.little ? 1 : 0;
  copy[found.offset + 1] = found.little ? 0 : 1;
  return copy;
}
