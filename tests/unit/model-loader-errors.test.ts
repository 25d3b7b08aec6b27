/**
 * German reasons for unreadable model files (islands/model-loader-errors.ts): the engine's real
 * English errors for a text file, a .npz cut in half, an image and a broken array each map to a
 * distinct German message that says what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { germanLoadError, sniffFile } from '../../src/components/islands/model-loader-errors';
import { LOADER } from '../../src/components/islands/model-loader-de';
import { readNpz, writeNpz } from '../../src/lib/model/npz';

/** The engine's English error for these bytes, and the German one the reader sees. */
async function reasons(bytes: Uint8Array) {
  const error = await readNpz(bytes).then(() => null, (e: Error) => e.message);
  expect(error).not.toBeNull();
  return { english: error!, german: germanLoadError(error!, bytes.subarray(0, 8)) };
}
const npz = writeNpz([{ name: 'w', shape: [64], data: new Float32Array(64).fill(0.5) }]);

describe('model loader file errors', () => {
  it('tells a text file, a cut-off .npz and an image apart, in German', async () => {
    const text = await reasons(new TextEncoder().encode('Das ist nur Text, keine Gewichte.\n'.repeat(4)));
    const cut = await reasons(npz.subarray(0, npz.length >> 1));
    const png = await reasons(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(40).fill(0)]));
    const jpeg = await reasons(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(40).fill(0)]));
    expect(text.english).toBe(cut.english); // the engine cannot tell them apart …
    expect(text.german).toBe(LOADER.fileErrors.notZip); // … the reader is told what each is
    expect(text.german).toContain('kein ZIP-Archiv');
    expect(cut.german).toBe(LOADER.fileErrors.truncated);
    expect(cut.german).toContain('unvollständig');
    expect(png.german).toBe(LOADER.fileErrors.image);
    expect(jpeg.german).toContain('Das ist ein Bild, keine Modelldatei');
    expect(new Set([text.german, cut.german, png.german]).size).toBe(3);
  });

  it('maps array-level errors and keeps no English for the reader', () => {
    const zip = npz.subarray(0, 8);
    expect(germanLoadError('w.npy: truncated .npy: 64 floats need 256 bytes', zip)).toBe(LOADER.fileErrors.truncated);
    expect(germanLoadError("unsupported dtype <f8 with shape (3) (expected float32 '<f4' or a unicode string)", zip)).toBe(LOADER.fileErrors.dtype);
    expect(germanLoadError('w: zip method 14 is not supported (stored or deflate only)', zip)).toBe(LOADER.fileErrors.method);
    expect(germanLoadError('broken zip central directory', zip)).toBe(LOADER.fileErrors.broken);
    expect(germanLoadError('something new', zip)).toBe(LOADER.fileErrors.other);
    for (const m of Object.values(LOADER.fileErrors)) expect(m).not.toMatch(/\b(not|the|zip archive|central directory)\b/);
    expect(sniffFile(zip)).toBe('zip');
  });
});
