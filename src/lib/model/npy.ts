/**
 * One NumPy `.npy` array: the header (format versions 1, 2 and 3) and the two dtypes a model
 * file holds — little-endian float32 (`<f4`, the weights) and a 0-d unicode string (`<U…`,
 * UTF-32LE: what `np.savez` makes of a Python `str` such as `_meta`). Pure: bytes in, bytes out.
 */

/** One decoded array: float32 values with their shape, or the text of a 0-d unicode array. */
export type NpyArray = { kind: 'float32'; shape: number[]; data: Float32Array } | { kind: 'string'; shape: number[]; text: string };

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Header + data of a version-1 `.npy` file; the header is padded to a multiple of 64 bytes as NumPy does. */
function encode(descr: string, shape: number[], body: Uint8Array): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const unpadded = 10 + dict.length + 1;
  const header = dict + ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + body.length);
  out.set(MAGIC);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(body, 10 + header.length);
  return out;
}

/** A C-ordered float32 array as `.npy` bytes (`<f4`). */
export function encodeFloat32Npy(shape: number[], data: Float32Array): Uint8Array {
  const body = new Uint8Array(data.length * 4);
  const view = new DataView(body.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return encode('<f4', shape, body);
}

/** A string as NumPy stores a Python `str`: a 0-d `<U{n}` array, n code points in UTF-32LE. */
export function encodeStringNpy(text: string): Uint8Array {
  const points = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  const body = new Uint8Array(Math.max(points.length, 1) * 4);
  const view = new DataView(body.buffer);
  points.forEach((p, i) => view.setUint32(i * 4, p, true));
  return encode(`<U${Math.max(points.length, 1)}`, [], body);
}

/** Reads `descr`, `fortran_order` and `shape` from the header's Python dict literal. */
function parseHeader(header: string): { descr: string; fortran: boolean; shape: number[] } {
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shape === undefined) throw new Error(`unreadable .npy header: ${header.trim()}`);
  const dims = shape.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw new Error(`unreadable .npy shape: (${shape})`);
  return { descr, fortran: fortran === 'True', shape: dims };
}

/** Decodes one `.npy` file; throws (English, for the caller to translate) on any other dtype or on Fortran order. */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a .npy array (magic \\x93NUMPY missing)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const long = major >= 2;
  if (major < 1 || major > 3) throw new Error(`unsupported .npy format version ${major}`);
  const headerLength = long ? view.getUint32(8, true) : view.getUint16(8, true);
  const start = long ? 12 : 10;
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLength));
  const { descr, fortran, shape } = parseHeader(header);
  const count = shape.reduce((a, b) => a * b, 1);
  const offset = start + headerLength;
  if (fortran && shape.length > 1) throw new Error('Fortran-ordered arrays are not supported');
  if (descr === '<f4') {
    if (offset + count * 4 > bytes.length) throw new Error(`truncated .npy: ${count} floats need ${count * 4} bytes`);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(offset + i * 4, true);
    return { kind: 'float32', shape, data };
  }
  const unicode = /^<U(\d+)$/.exec(descr);
  if (unicode && count === 1) {
    const n = Number(unicode[1]);
    let text = '';
    for (let i = 0; i < n && offset + i * 4 + 4 <= bytes.length; i++) {
      const p = view.getUint32(offset + i * 4, true);
      if (p === 0) break; // NumPy pads shorter strings with NUL
      text += String.fromCodePoint(p);
    }
    return { kind: 'string', shape, text };
  }
  throw new Error(`unsupported dtype ${descr} with shape (${shape.join(', ')}) (expected float32 '<f4' or a unicode string)`);
}
