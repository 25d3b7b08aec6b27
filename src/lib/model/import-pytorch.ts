/**
 * Loads a PyTorch `state_dict` of SimpleCNN into the tfjs model: a JSON manifest (names,
 * shapes, dtype float32, byte offsets, in state_dict order) plus one little-endian float32
 * buffer. Kernels are transposed to tfjs's layout, and fc1's input rows are reordered from
 * PyTorch's C·H·W flattening to tfjs's H·W·C — once, here, never per training step.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { SimpleCnn } from './simplecnn';

type TF = typeof tfjs;

/** One tensor of a PyTorch state_dict in the manifest: name, shape, dtype and where its bytes start. */
export interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  /** Byte offset in the buffer. */
  offset: number;
}

const EXPECTED = ['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias', 'fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias'];

/** Copies the weights into `net.model`; throws naming any missing, extra or mis-shaped entry. */
export function importPyTorchWeights(tf: TF, net: SimpleCnn, manifest: WeightEntry[], buffer: ArrayBuffer): void {
  const names = manifest.map((e) => e.name);
  if (names.join() !== EXPECTED.join()) {
    throw new Error(`unexpected state_dict entries: [${names.join(', ')}] (expected [${EXPECTED.join(', ')}] in this order)`);
  }
  const read = (e: WeightEntry) => {
    const n = e.shape.reduce((a, b) => a * b, 1);
    if (e.dtype !== 'float32') throw new Error(`${e.name}: dtype ${e.dtype}, expected float32`);
    if (e.offset % 4 !== 0 || e.offset + n * 4 > buffer.byteLength) {
      throw new Error(`${e.name}: ${n} floats at byte ${e.offset} do not fit the ${buffer.byteLength}-byte buffer`);
    }
    const view = new DataView(buffer, e.offset, n * 4);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
    return out;
  };
  const entry = Object.fromEntries(manifest.map((e) => [e.name, e]));
  const side = net.inputSize / 4; // after two 2 × 2 pools
  const tensors: tfjs.Tensor[] = [];
  try {
    for (const layerName of ['conv1', 'conv2', 'fc1', 'fc2']) {
      const layer = net.model.getLayer(layerName);
      const [kernel, bias] = layer.getWeights();
      const w = entry[`${layerName}.weight`];
      const b = entry[`${layerName}.bias`];
      let k: tfjs.Tensor;
      if (layerName.startsWith('conv')) {
        // PyTorch [out, in, kh, kw] → tfjs [kh, kw, in, out]
        const [o, i, kh, kw] = w.shape;
        if ([kh, kw, i, o].join() !== kernel.shape.join()) throw new Error(`${w.name}: shape [${w.shape}] does not fit the model's [${kernel.shape}] kernel`);
        const data = read(w);
        k = tf.tidy(() => tf.transpose(tf.tensor4d(data, [o, i, kh, kw]), [2, 3, 1, 0]));
      } else {
        const [o, inFeatures] = w.shape;
        if ([inFeatures, o].join() !== kernel.shape.join()) throw new Error(`${w.name}: shape [${w.shape}] does not fit the model's [${kernel.shape}] kernel`);
        let data = read(w); // [out, in], in = PyTorch's flattening order
        if (layerName === 'fc1') {
          // Column (c, h, w) of PyTorch becomes row (h, w, c) of tfjs.
          const channels = inFeatures / (side * side);
          const reordered = new Float32Array(data.length);
          for (let r = 0; r < o; r++) {
            for (let c = 0; c < channels; c++) {
              for (let p = 0; p < side * side; p++) reordered[r * inFeatures + p * channels + c] = data[r * inFeatures + c * side * side + p];
            }
          }
          data = reordered;
        }
        const rows = data;
        k = tf.tidy(() => tf.transpose(tf.tensor2d(rows, [o, inFeatures]))); // → [in, out]
      }
      if (b.shape.join() !== bias.shape.join()) throw new Error(`${b.name}: shape [${b.shape}] does not fit the model's [${bias.shape}] bias`);
      const bt = tf.tensor1d(read(b));
      tensors.push(k, bt);
      layer.setWeights([k, bt]);
    }
  } finally {
    tensors.forEach((t) => t.dispose());
  }
}
