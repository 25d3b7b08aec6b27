/**
 * The training worker: relays the island's messages to src/lib — the backend choice
 * (lib/webgpu/backend, backend-browser), the images (lib/data/sprites-browser) and the run (lib/train/demo-run) —
 * and their reports back. Off the main thread, so the page stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { validateManifest } from '../../lib/data/manifest';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { demoImageSet } from '../../lib/train/demo-data';
import { classifyOwnImage, createPauseGate, inspectStoredImage, runDemo } from '../../lib/train/demo-run';
import { exportPyTorchTensors } from '../../lib/model/export-pytorch';
import { CHECK_INPUT, checkInput, encodeModelFile, type ModelMeta } from '../../lib/model/model-file';
import { chooseBackend, classifyFailure } from '../../lib/webgpu/backend';
import { browserBackendEnvironment } from '../../lib/webgpu/backend-browser';
import type { RGBAImage } from '../../lib/transforms/image';
import type { FromWorker, InspectSource, ToWorker } from './training-protocol';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
console.warn = (...a: unknown[]) => post({ type: 'log', level: 'warn', message: a.map(String).join(' ') });

const controller = new AbortController();
const gate = createPauseGate(() => post({ type: 'held' }));
let trained: { model: tf.LayersModel; cropSize: number; sources: RGBAImage[]; own: RGBAImage | null } | null = null;
/** Test hook (URL parameter demo-simulate): a failure the island must survive, after the first batch. */
const SIMULATED: Record<string, string> = { 'device-lost': 'GPU device was lost (simulated for a test)', 'out-of-memory': 'Failed to create buffer: out of memory (simulated for a test)' };

async function start({ config, assetsUrl, backend: forced, remembered, kernels, simulate }: Extract<ToWorker, { type: 'start' }>) {
  post({ type: 'phase', phase: 'backend' });
  // The images load while the backend is chosen (on a software adapter that measures a step on each).
  const manifest = validateManifest(await (await fetch(new URL('manifest.json', assetsUrl))).json());
  const set = demoImageSet(manifest, config.cropSize);
  const onProgress = (loaded: number, total: number) => post({ type: 'images', loaded, total });
  const loading = loadImageSet(set, assetsUrl, { signal: controller.signal, onProgress });
  loading.catch(() => {}); // awaited below; a rejection before then is not unhandled
  const env = browserBackendEnvironment(tf, config, config.classes, kernels, (backend) => post({ type: 'phase', phase: 'measuring', backend }));
  const choice = await chooseBackend(env, forced, remembered);
  post({ type: 'backend', ...choice, kernels: choice.name === 'webgpu' ? kernels : null });
  post({ type: 'phase', phase: 'images' });
  const images = await loading;
  const result = await runDemo(tf, manifest, set, images, config, choice.name === 'webgpu' ? kernels : 'stock', {
    signal: controller.signal,
    gate,
    onData: (counts) => post({ type: 'data', counts }),
    onBuilding: () => post({ type: 'phase', phase: 'building' }),
    onBatch: (progress) => {
      if (simulate && SIMULATED[simulate]) throw new Error(SIMULATED[simulate]);
      const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      post({ type: 'batch', progress, tensors: mem.numTensors, bytes: mem.numBytesInGPU ?? mem.numBytes });
      if (progress.batch === progress.batches && !controller.signal.aborted) post({ type: 'phase', phase: 'validating', epoch: progress.epoch });
    },
    onEpoch: (metrics) => post({ type: 'epoch', metrics }),
    onEvaluating: () => post({ type: 'phase', phase: 'evaluating' }),
    onFallback: (message) => console.warn(`GPU input pipeline unusable, taking the gather path: ${message}`),
  });
  trained = { model: result.model, cropSize: config.cropSize, sources: result.sources, own: null };
  post({ type: 'done', stopped: result.stopped, evaluation: result.evaluation });
}

async function predict(image: RGBAImage) {
  if (!trained) return;
  const { ranked, resized } = await classifyOwnImage(tf, trained.model, image, trained.cropSize);
  trained.own = resized;
  post({ type: 'prediction', ranked });
}

function inspect(source: InspectSource) {
  if (!trained) return;
  const picked = source.kind === 'own' ? trained.own : trained.sources[source.index];
  if (!picked) throw new Error(source.kind === 'own' ? 'no own image classified yet' : `no example image number ${source.index + 1}`);
  const { image, inspection } = inspectStoredImage(tf, trained.model, picked, trained.cropSize);
  const buffers = [inspection.filters.values, ...inspection.featureMaps.map((m) => m.values), inspection.saliency.values, inspection.probabilities].map((a) => a.buffer);
  post({ type: 'inspection', source, image, inspection }, buffers);
}

/** The trained model as .npz: PyTorch's state_dict, `_meta`, and the logits on the check input so a reader can verify the load. */
async function exportModel(meta: ModelMeta) {
  if (!trained) return;
  const size = trained.cropSize;
  const logits = tf.tidy(() => trained!.model.predict(tf.tensor4d(checkInput(size), [1, size, size, 3])) as tf.Tensor);
  const check = { input: CHECK_INPUT, logits: Array.from(await logits.data()) };
  logits.dispose();
  const net = { model: trained.model as tf.Sequential, spec: [], inputSize: size };
  const bytes = encodeModelFile(await exportPyTorchTensors(net), { ...meta, check });
  post({ type: 'model-file', bytes }, [bytes.buffer]);
}

self.onmessage = async ({ data: m }: MessageEvent<ToWorker>) => {
  try {
    if (m.type === 'start') await start(m);
    else if (m.type === 'pause') gate.pause();
    else if (m.type === 'resume') gate.resume();
    else if (m.type === 'stop') controller.abort(), gate.resume();
    else if (m.type === 'predict') await predict(m.image);
    else if (m.type === 'inspect') inspect(m.source);
    else if (m.type === 'export') await exportModel(m.meta);
  } catch (error) {
    // A stop while the images load ends the fetch; that is a stop, not a failure.
    if (controller.signal.aborted && m.type === 'start') return post({ type: 'done', stopped: true, evaluation: null });
    const message = (error as Error)?.message ?? String(error);
    post({ type: 'error', kind: classifyFailure(message), message });
  }
};
