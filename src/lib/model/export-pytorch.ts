/**
 * Writes SimpleCNN's tfjs weights as a PyTorch `state_dict`: the inverse of import-pytorch.ts,
 * in its format (a manifest of names, shapes, dtype float32 and byte offsets in state_dict
 * order, plus one little-endian float32 buffer). Kernels are transposed to PyTorch's layout and
 * fc1's input rows are reordered from tfjs's H·W·C flattening to PyTorch's C·H·W columns.
 * Used by the replay harness (scripts/export-draws.ts) to start PyTorch from our initial weights.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { WeightEntry } from './import-pytorch';
import type { SimpleCnn } from './simplecnn';

/** One exported tensor: its state_dict name, PyTorch shape and values in PyTorch's layout. */
export interface PyTorchTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** tfjs conv kernel `[kh, kw, in, out]` → PyTorch weight `[out, in, kh, kw]`. */
function convToPyTorch(k: Float32Array, [kh, kw, inC, outC]: number[]): Float32Array {
  const out = new Float32Array(k.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < inC; i++)
        for (let o = 0; o < outC; o++) out[((o * inC + i) * kh + y) * kw + x] = k[((y * kw + x) * inC + i) * outC + o];
  return out;
}

/** tfjs dense kernel `[in, out]` → PyTorch weight `[out, in]`; with `side`, fc1's rows (h, w, c) become columns (c, h, w). */
function denseToPyTorch(k: Float32Array, [inF, outF]: number[], side?: number): Float32Array {
  const w = new Float32Array(k.length);
  const channels = side ? inF / (side * side) : 1;
  for (let r = 0; r < inF; r++) {
    const col = side ? (r % channels) * side * side + Math.floor(r / channels) : r;
    for (let c = 0; c < outF; c++) w[c * inF + col] = k[r * outF + c];
  }
  return w;
}

/** The model's weights as PyTorch tensors, in state_dict order (conv1.weight, conv1.bias, … fc2.bias). */
export async function exportPyTorchTensors(net: SimpleCnn): Promise<PyTorchTensor[]> {
  const side = net.inputSize / 4; // after two 2 × 2 pools
  const out: PyTorchTensor[] = [];
  for (const layerName of ['conv1', 'conv2', 'fc1', 'fc2']) {
    const [kernel, bias] = net.model.getLayer(layerName).getWeights() as [tfjs.Tensor, tfjs.Tensor];
    const k = (await kernel.data()) as Float32Array;
    const [a, b, c, d] = kernel.shape;
    if (layerName.startsWith('conv')) out.push({ name: `${layerName}.weight`, shape: [d, c, a, b], data: convToPyTorch(k, kernel.shape) });
    else out.push({ name: `${layerName}.weight`, shape: [b, a], data: denseToPyTorch(k, kernel.shape, layerName === 'fc1' ? side : undefined) });
    out.push({ name: `${layerName}.bias`, shape: [...bias.shape], data: Float32Array.from((await bias.data()) as Float32Array) });
  }
  return out;
}

/** The model's weights as import-pytorch.ts reads them: a manifest and one little-endian float32 buffer. */
export async function exportPyTorchWeights(net: SimpleCnn): Promise<{ manifest: WeightEntry[]; buffer: ArrayBuffer }> {
  const tensors = await exportPyTorchTensors(net);
  const buffer = new ArrayBuffer(tensors.reduce((sum, t) => sum + t.data.length * 4, 0));
  const view = new DataView(buffer);
  const manifest: WeightEntry[] = [];
  let offset = 0;
  for (const t of tensors) {
    manifest.push({ name: t.name, shape: t.shape, dtype: 'float32', offset });
    t.data.forEach((v, i) => view.setFloat32(offset + i * 4, v, true));
    offset += t.data.length * 4;
  }
  return { manifest, buffer };
}
