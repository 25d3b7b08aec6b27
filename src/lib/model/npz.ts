/**
 * A NumPy `.npz`: a zip of `.npy` arrays, one per name. Writes stored (uncompressed) entries as
 * `np.savez` does; reads what `np.savez` and `np.savez_compressed` write, through the central
 * directory (NumPy writes zip64 local headers). Deflate goes through an `Inflate` seam — by
 * default the web-standard `DecompressionStream('deflate-raw')`, present in browsers and Node.
 */
import { decodeNpy, encodeFloat32Npy, encodeStringNpy, type NpyArray } from './npy';

/** Inflates raw deflate data (zip method 8). */
export type Inflate = (raw: Uint8Array) => Promise<Uint8Array>;

/** The default inflater: the platform's DecompressionStream. */
export const inflateWithStreams: Inflate = async (raw) => {
  const stream = new Blob([raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** The zip CRC-32 of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Writes a stored zip of `name.npy` files: float32 arrays plus, if given, `_meta` as a string. */
export function writeNpz(arrays: { name: string; shape: number[]; data: Float32Array }[], meta?: string): Uint8Array {
  const files = arrays.map((a) => ({ name: `${a.name}.npy`, body: encodeFloat32Npy(a.shape, a.data) }));
  if (meta !== undefined) files.push({ name: '_meta.npy', body: encodeStringNpy(meta) });
  const utf8 = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const f of files) {
    const name = utf8.encode(f.name);
    const crc = crc32(f.body);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // names are UTF-8
    lv.setUint32(14, crc, true);
    lv.setUint32(18, f.body.length, true);
    lv.setUint32(22, f.body.length, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const entry = new Uint8Array(46 + name.length);
    const cv = new DataView(entry.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, f.body.length, true);
    cv.setUint32(24, f.body.length, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    entry.set(name, 46);
    parts.push(local, f.body);
    central.push(entry);
    offset += local.length + f.body.length;
  }
  const size = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, files.length, true);
  ev.setUint16(10, files.length, true);
  ev.setUint32(12, size, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + size + 22);
  let at = 0;
  for (const p of [...parts, ...central, end]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The zip64 values of an extra field, in the order the zip spec lists them (sizes, then offset). */
function zip64Values(view: DataView, start: number, length: number): number[] {
  for (let p = start; p + 4 <= start + length; ) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 0x0001) return Array.from({ length: size / 8 }, (_, i) => Number(view.getBigUint64(p + 4 + i * 8, true)));
    p += 4 + size;
  }
  return [];
}

/** One entry of the central directory: name, method, sizes and where its local header starts. */
interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

/** Lists a zip's entries from its central directory (zip64 aware). */
function listEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 65535); p--) {
    if (view.getUint32(p, true) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  let count = view.getUint16(eocd + 10, true);
  let cd = view.getUint32(eocd + 16, true);
  if ((cd === 0xffffffff || count === 0xffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const z = Number(view.getBigUint64(eocd - 12, true));
    count = Number(view.getBigUint64(z + 32, true));
    cd = Number(view.getBigUint64(z + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0, p = cd; i < count; i++) {
    if (view.getUint32(p, true) !== 0x02014b50) throw new Error('broken zip central directory');
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const wide = zip64Values(view, p + 46 + nameLength, extraLength);
    let size = view.getUint32(p + 24, true);
    let compressed = view.getUint32(p + 20, true);
    let local = view.getUint32(p + 42, true);
    if (size === 0xffffffff) size = wide.shift() ?? size;
    if (compressed === 0xffffffff) compressed = wide.shift() ?? compressed;
    if (local === 0xffffffff) local = wide.shift() ?? local;
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    entries.push({ name, method: view.getUint16(p + 10, true), compressed, size, local });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Reads every `.npy` in an `.npz` into a map keyed by its name without `.npy`, in the archive's order. */
export async function readNpz(bytes: Uint8Array, inflate: Inflate = inflateWithStreams): Promise<Map<string, NpyArray>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, NpyArray>();
  for (const e of listEntries(bytes)) {
    if (view.getUint32(e.local, true) !== 0x04034b50) throw new Error(`${e.name}: broken zip local header`);
    const start = e.local + 30 + view.getUint16(e.local + 26, true) + view.getUint16(e.local + 28, true);
    const raw = bytes.subarray(start, start + e.compressed);
    if (e.method !== 0 && e.method !== 8) throw new Error(`${e.name}: zip method ${e.method} is not supported (stored or deflate only)`);
    const body = e.method === 0 ? raw : await inflate(raw);
    if (body.length !== e.size) throw new Error(`${e.name}: ${body.length} bytes, the archive says ${e.size}`);
    out.set(e.name.replace(/\.npy$/, ''), decodeNpy(body));
  }
  return out;
}
