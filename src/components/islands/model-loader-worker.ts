/**
 * The model loader's worker: relays to src/lib — reads and checks the .npz (lib/model/model-file),
 * builds SimpleCNN at the size `_meta` declares and copies the weights in (lib/model/import-pytorch),
 * then classifies images (lib/train/demo-run). It computes on TensorFlow.js's CPU backend: the
 * 224 × 224 model's fc1.weight (411 MB) exceeds WebGPU's default buffer and binding limits.
 */
import * as tf from '@tensorflow/tfjs';
import { checkInput, readModelFile } from '../../lib/model/model-file';
import { importPyTorchWeights } from '../../lib/model/import-pytorch';
import { weightsOf } from '../../lib/model/model-file';
import { createSimpleCNN, type SimpleCnn } from '../../lib/model/simplecnn';
import { classifyOwnImage } from '../../lib/train/demo-run';
import type { FromLoaderWorker, ToLoaderWorker } from './model-loader-state';

const post = (m: FromLoaderWorker) => (self as unknown as Worker).postMessage(m);
let net: SimpleCnn | null = null;

async function load(bytes: Uint8Array) {
  await tf.setBackend('cpu');
  const file = await readModelFile(bytes);
  if (!file.ok) return post({ type: 'rejected', problems: file.problems });
  const size = file.meta.imageSize;
  net?.model.dispose();
  net = createSimpleCNN(tf, { inputSize: size, numClasses: file.meta.classes.length });
  const { manifest, buffer } = weightsOf(file.tensors);
  importPyTorchWeights(tf, net, manifest, buffer);
  const logits = tf.tidy(() => net!.model.predict(tf.tensor4d(checkInput(size), [1, size, size, 3])) as tf.Tensor);
  const checkLogits = Array.from(await logits.data());
  logits.dispose();
  post({ type: 'loaded', meta: file.meta, checkLogits });
}

self.onmessage = async ({ data: m }: MessageEvent<ToLoaderWorker>) => {
  try {
    if (m.type === 'load') await load(m.bytes);
    else if (m.type === 'predict' && net) post({ type: 'prediction', ranked: (await classifyOwnImage(tf, net.model, m.image, net.inputSize)).ranked });
  } catch (error) {
    post({ type: 'error', message: (error as Error)?.message ?? String(error) });
  }
};
