/**
 * The model file both ways between page and notebook: a NumPy `.npz` of SimpleCNN's state_dict
 * (PyTorch's names, shapes and layouts, float32) plus `_meta`, a JSON string. Pure: builds the
 * `_meta`, the check input, and says which entries do not fit the size `_meta` declares.
 */
import { readNpz, writeNpz, type Inflate } from './npz';
import type { PyTorchTensor } from './export-pytorch';
import type { WeightEntry } from './import-pytorch';

/** What `_meta` holds (snake_case, as the chapter's Python reads it). */
export interface ModelMeta {
  imageSize: number;
  classes: string[];
  recipe?: string;
  seed?: number;
  epochs?: number;
  /** The validation accuracy the writer showed, 0 … 1, or null. */
  valAccuracy?: number | null;
  tool?: string;
  /** Logits of the model on `checkInput(imageSize)`, so any reader can check that the file loaded right. */
  check?: { input: string; logits: number[] };
}

/** How the check input is defined, written into `_meta` so a Python reader can rebuild it. */
export const CHECK_INPUT = 'x[0, c, h, w] = ((131 * c + 31 * h + 7 * w) % 97) / 48.5 - 1';

/** The check input in tfjs's layout: `[1, size, size, 3]` (NHWC), values as `CHECK_INPUT` says. */
export function checkInput(size: number): Float32Array {
  const x = new Float32Array(size * size * 3);
  for (let h = 0; h < size; h++) for (let w = 0; w < size; w++) for (let c = 0; c < 3; c++) x[(h * size + w) * 3 + c] = ((131 * c + 31 * h + 7 * w) % 97) / 48.5 - 1;
  return x;
}

/** SimpleCNN's state_dict names and shapes for `size` × `size` inputs and `classes` classes, in state_dict order. */
export function expectedShapes(size: number, classes: number): [string, number[]][] {
  const side = Math.floor(size / 4);
  return [
    ['conv1.weight', [32, 3, 3, 3]], ['conv1.bias', [32]],
    ['conv2.weight', [64, 32, 3, 3]], ['conv2.bias', [64]],
    ['fc1.weight', [512, 64 * side * side]], ['fc1.bias', [512]],
    ['fc2.weight', [classes, 512]], ['fc2.bias', [classes]],
  ];
}

/** The model's tensors and `_meta` as `.npz` bytes. */
export function encodeModelFile(tensors: PyTorchTensor[], meta: ModelMeta): Uint8Array {
  return writeNpz(tensors, JSON.stringify(meta));
}

/** Why a model file does not fit: a code and the details the German message names. */
export type ModelFileProblem =
  | { code: 'no-meta' }
  | { code: 'bad-meta'; detail: string }
  | { code: 'missing'; name: string; shape: number[] }
  | { code: 'extra'; name: string }
  | { code: 'shape'; name: string; shape: number[]; expected: number[] }
  | { code: 'not-float'; name: string };

/** A model file read and checked: its meta and tensors, or the list of what does not fit. */
export type ModelFile = { ok: true; meta: ModelMeta; tensors: PyTorchTensor[] } | { ok: false; problems: ModelFileProblem[] };

/** Reads an `.npz` and checks names and shapes against the size and classes its `_meta` declares. */
export async function readModelFile(bytes: Uint8Array, inflate?: Inflate): Promise<ModelFile> {
  const npz = await readNpz(bytes, inflate);
  const metaEntry = npz.get('_meta');
  if (!metaEntry || metaEntry.kind !== 'string') return { ok: false, problems: [{ code: 'no-meta' }] };
  let meta: ModelMeta;
  try {
    meta = JSON.parse(metaEntry.text) as ModelMeta;
  } catch (error) {
    return { ok: false, problems: [{ code: 'bad-meta', detail: (error as Error).message }] };
  }
  const size = meta?.imageSize;
  if (!Number.isInteger(size) || size < 4 || size % 4 !== 0) return { ok: false, problems: [{ code: 'bad-meta', detail: `imageSize ${JSON.stringify(size)}` }] };
  if (!Array.isArray(meta.classes) || meta.classes.length < 2 || meta.classes.some((c) => typeof c !== 'string')) return { ok: false, problems: [{ code: 'bad-meta', detail: 'classes' }] };
  const problems: ModelFileProblem[] = [];
  const tensors: PyTorchTensor[] = [];
  const expected = expectedShapes(size, meta.classes.length);
  for (const [name, shape] of expected) {
    const entry = npz.get(name);
    if (!entry) problems.push({ code: 'missing', name, shape });
    else if (entry.kind !== 'float32') problems.push({ code: 'not-float', name });
    else if (entry.shape.join() !== shape.join()) problems.push({ code: 'shape', name, shape: entry.shape, expected: shape });
    else tensors.push({ name, shape, data: entry.data });
  }
  for (const name of npz.keys()) if (!name.startsWith('_') && !expected.some(([n]) => n === name)) problems.push({ code: 'extra', name });
  return problems.length ? { ok: false, problems } : { ok: true, meta, tensors };
}

/** Checked tensors as import-pytorch.ts reads them: a manifest and one little-endian float32 buffer. */
export function weightsOf(tensors: PyTorchTensor[]): { manifest: WeightEntry[]; buffer: ArrayBuffer } {
  const buffer = new ArrayBuffer(tensors.reduce((sum, t) => sum + t.data.length * 4, 0));
  const manifest: WeightEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    manifest.push({ name: t.name, shape: t.shape, dtype: 'float32', offset });
    new Float32Array(buffer, offset, t.data.length).set(t.data); // little-endian on every platform tfjs runs on
    offset += t.data.length * 4;
  }
  return { manifest, buffer };
}
