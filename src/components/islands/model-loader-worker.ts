/**
 * The model loader's worker: relays to src/lib — reads and checks the .npz (lib/model/model-file),
 * builds SimpleCNN at the size `_meta` declares and copies the weights in (lib/model/import-pytorch),
 * scores it on the chapters-split validation images of the assets (lib/data/chapters-val,
 * lib/train/val-evaluation), classifies own images (lib/train/demo-run) and looks inside
 * (lib/model/inspect via inspectStoredImage, as the training demo does). It computes on
 * TensorFlow.js's CPU backend: the 224 × 224 model's fc1.weight (411 MB) exceeds WebGPU's default
 * buffer and binding limits (lib/model/model-memory.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { selectChaptersVal } from '../../lib/data/chapters-val';
import { validateManifest } from '../../lib/data/manifest';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { checkInput, readModelFile, weightsOf, type ModelMeta } from '../../lib/model/model-file';
import { importPyTorchWeights } from '../../lib/model/import-pytorch';
import { createSimpleCNN, type SimpleCnn } from '../../lib/model/simplecnn';
import { classifyOwnImage, inspectStoredImage } from '../../lib/train/demo-run';
import { scoreValImages } from '../../lib/train/val-evaluation';
import type { RGBAImage } from '../../lib/transforms/image';
import { germanLoadError } from './model-loader-errors';
import type { FromLoaderWorker, ToLoaderWorker } from './model-loader-state';

const post = (m: FromLoaderWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
let net: SimpleCnn | null = null;
/** Stored-size images the reader may look inside: the shown validation images, and the last own image. */
let sources: RGBAImage[] = [];
let own: RGBAImage | null = null;

async function load(bytes: Uint8Array, assetsUrl: string) {
  await tf.setBackend('cpu');
  const file = await readModelFile(bytes);
  if (!file.ok) return post({ type: 'rejected', problems: file.problems });
  const size = file.meta.imageSize;
  net?.model.dispose();
  [net, sources, own] = [null, [], null];
  const built = createSimpleCNN(tf, { inputSize: size, numClasses: file.meta.classes.length });
  const { manifest, buffer } = weightsOf(file.tensors);
  file.tensors.length = 0; // let the parsed copies go before tfjs makes its own
  importPyTorchWeights(tf, built, manifest, buffer);
  net = built;
  const logits = tf.tidy(() => built.model.predict(tf.tensor4d(checkInput(size), [1, size, size, 3])) as tf.Tensor);
  const checkLogits = Array.from(await logits.data());
  logits.dispose();
  post({ type: 'loaded', meta: file.meta, checkLogits });
  await evaluate(built, file.meta, assetsUrl);
}

/** Scores the model on the chapters-split validation images at its size. */
async function evaluate(built: SimpleCnn, meta: ModelMeta, assetsUrl: string) {
  try {
    const manifest = validateManifest(await (await fetch(new URL('manifest.json', assetsUrl))).json());
    const selection = selectChaptersVal(manifest, meta.imageSize, meta.classes);
    if (!selection) return post({ type: 'no-evaluation', reason: 'no-set' });
    if (!selection.images.length) return post({ type: 'no-evaluation', reason: 'no-classes' });
    const images = await loadImageSet(selection.set, assetsUrl);
    // Small batches at large sizes, so the progress moves (tfjs's CPU backend: seconds per 224-px image).
    const batch = meta.imageSize >= 128 ? 4 : 32;
    const onProgress = (done: number, total: number) => post({ type: 'evaluating', done, total });
    const scored = await scoreValImages(tf, built.model, images, selection, meta.classes, meta.imageSize, { batch, onProgress });
    if (net !== built) return; // another file was loaded meanwhile
    sources = scored.sources;
    post({ type: 'evaluated', evaluation: scored.evaluation, examples: scored.examples });
  } catch (error) {
    post({ type: 'error', during: 'evaluate', message: (error as Error)?.message ?? String(error) });
  }
}

self.onmessage = async ({ data: m }: MessageEvent<ToLoaderWorker>) => {
  const during = m.type === 'load' ? undefined : m.type;
  try {
    if (m.type === 'load') await load(m.bytes, m.assetsUrl);
    else if (!net) throw new Error('kein Modell geladen');
    else if (m.type === 'predict') {
      const { ranked, resized } = await classifyOwnImage(tf, net.model, m.image, net.inputSize);
      own = resized;
      post({ type: 'prediction', ranked });
    } else if (m.type === 'inspect') {
      const picked = m.source.kind === 'own' ? own : sources[m.source.index];
      if (!picked) throw new Error('dieses Bild gibt es nicht');
      const { image, inspection } = inspectStoredImage(tf, net.model, picked, net.inputSize);
      post({ type: 'inspected', source: m.source, image, inspection });
    }
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    if (m.type !== 'load') return post({ type: 'error', during, message });
    console.warn(`model file not readable: ${message}`); // the precise English reason
    post({ type: 'error', message: germanLoadError(message, m.bytes.subarray(0, 8)) });
  }
};
