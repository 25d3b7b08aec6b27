/**
 * The training worker: glue between the island's messages and src/lib — backend choice
 * (lib/webgpu/backend), subset selection (lib/data/subset), pixel packing (lib/data/pixels),
 * the training loop and the evaluation (lib/train). It runs off the main thread, so the page
 * stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { validateManifest } from '../../lib/data/manifest';
import { packRGB } from '../../lib/data/pixels';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { createSimpleCNN } from '../../lib/model/simplecnn';
import { inspectImage } from '../../lib/model/inspect';
import { augmentBatch } from '../../lib/transforms/batch';
import { createRng } from '../../lib/data/rng';
import type { RGBAImage } from '../../lib/transforms/image';
import { useKernels, type KernelSet } from '../../lib/webgpu/kernels';
import { chooseBackend, classifyFailure, type AdapterFacts, type BackendName } from '../../lib/webgpu/backend';
import { train, predictProbabilities, type TrainingData } from '../../lib/train';
import { uploadImages, type ResidentImages } from '../../lib/webgpu/augment';
import { evaluatePredictions, spreadIndices, topK } from '../../lib/train/evaluation';
import { measureTrainingStep } from '../../lib/train/measure';
import { selectSubset } from '../../lib/data/subset';
import { applyMap, centerCropMap } from '../../lib/transforms/geometry';
import { resize } from '../../lib/transforms/resize';
import { resizeFor } from '../../lib/transforms/sizes';
import type { DemoConfig, FromWorker, InspectSource, ToWorker } from './training-protocol';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
console.warn = (...a: unknown[]) => post({ type: 'log', level: 'warn', message: a.map(String).join(' ') });

let paused = false;
let release: (() => void) | null = null;
const controller = new AbortController();
let model: tf.LayersModel | null = null;
let cropSize = 32;
/** The uncropped images behind the evaluation's examples, and the reader's last own image (resized): what "inspect" looks at. */
let exampleSources: RGBAImage[] = [];
let ownSource: RGBAImage | null = null;

/** Test hook (URL parameter demo-simulate): a failure the island must survive, after the first batch. */
const SIMULATED: Record<string, string> = {
  'device-lost': 'GPU device was lost (simulated for a test)',
  'out-of-memory': 'Failed to create buffer: out of memory (simulated for a test)',
};

/** navigator.gpu and tf.setBackend as the backend choice sees them. */
const environment = (config: DemoConfig, kernels: KernelSet) => ({
  async webgpuAdapter() {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    if (!gpu) return 'no-api' as const;
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    // GPUAdapterInfo's fields are getters on its prototype: read them one by one (a spread sees none).
    const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo & { isFallbackAdapter?: boolean } }).info;
    const facts: AdapterFacts = {
      isFallbackAdapter: info?.isFallbackAdapter ?? (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter,
      vendor: info?.vendor,
      architecture: info?.architecture,
      description: info?.description,
    };
    return facts;
  },
  async activate(name: BackendName) {
    const ok = (await tf.setBackend(name)) && (await tf.ready(), tf.getBackend() === name);
    // Our WGSL kernels for the training step (src/lib/webgpu/kernels); demo-kernels=stock compares.
    if (ok && name === 'webgpu') useKernels(tf, kernels);
    return ok;
  },
  async measureStep() {
    post({ type: 'phase', phase: 'measuring' });
    return measureTrainingStep(tf, config, config.classes, tf.getBackend() === 'webgpu' ? kernels : 'stock');
  },
});

async function start(config: DemoConfig, assetsUrl: string, forced: BackendName | null, kernels: KernelSet, simulate?: string) {
  post({ type: 'phase', phase: 'backend' });
  const backend = await chooseBackend(environment(config, kernels), forced);
  post({ type: 'backend', ...backend, kernels: backend.name === 'webgpu' ? kernels : null });
  cropSize = config.cropSize;
  post({ type: 'phase', phase: 'images' });
  const manifest = validateManifest(await (await fetch(new URL('manifest.json', assetsUrl))).json());
  const set = manifest.sets.find((s) => s.id === `demo-${config.cropSize}`);
  if (!set) throw new Error(`keine Bilder für ${config.cropSize} × ${config.cropSize}`);
  const images = await loadImageSet(set, assetsUrl, {
    signal: controller.signal,
    onProgress: (loaded, total) => post({ type: 'phase', phase: 'images', loaded, total }),
  });
  const chosen = manifest.demoClasses.slice(0, config.classes);
  const classes = chosen.map((c) => manifest.dataset.classes[c]);
  const subset = selectSubset(set.labels.map((label, i) => ({ label, subset: set.subset[i] })), { classes: chosen, perClass: config.perClass });
  post({ type: 'data', counts: { classes, train: subset.train.length, val: subset.val.length, trainCounts: subset.trainCounts, valCounts: subset.valCounts } });
  const bytesOf = (picks: typeof subset.train) => packRGB(picks.map((p) => images[p.index]), set.size);
  const toTensor = (picks: typeof subset.train) => tf.tensor4d(Int32Array.from(bytesOf(picks)), [picks.length, set.size, set.size, 3], 'int32');
  /** On WebGPU the bytes stay on the GPU and one kernel augments each batch; WebGL and CPU gather from int32 tensors. */
  const toImages = (picks: typeof subset.train): tf.Tensor4D | ResidentImages => {
    if (backend.name !== 'webgpu') return toTensor(picks);
    try {
      return uploadImages(tf, bytesOf(picks), picks.length, set.size);
    } catch (error) {
      console.warn(`GPU-Eingabe-Pipeline nicht nutzbar, nehme den Gather-Weg: ${(error as Error).message}`);
      return toTensor(picks); // e.g. more images than the adapter's buffers hold
    }
  };
  const data: TrainingData = {
    trainImages: toImages(subset.train),
    trainLabels: Int32Array.from(subset.train, (p) => p.label),
    valImages: toImages(subset.val),
    valLabels: Int32Array.from(subset.val, (p) => p.label),
    numClasses: config.classes,
  };
  post({ type: 'phase', phase: 'building' });
  model = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed }).model;
  const history = await train(tf, model, data, config, {
    kernels: backend.name === 'webgpu' ? kernels : 'stock', // other backends have only their own kernels
    signal: controller.signal,
    gate: () => {
      if (!paused) return Promise.resolve();
      post({ type: 'held' });
      return new Promise<void>((r) => (release = r));
    },
    onBatch: (progress) => {
      if (simulate && SIMULATED[simulate]) throw new Error(SIMULATED[simulate]);
      const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      post({ type: 'batch', progress, tensors: mem.numTensors, bytes: mem.numBytesInGPU ?? mem.numBytes });
      if (progress.batch === progress.batches) post({ type: 'phase', phase: 'validating', epoch: progress.epoch });
    },
    onEpoch: (metrics) => post({ type: 'epoch', metrics }),
  });
  (data.trainImages as { dispose(): void }).dispose();
  (data.valImages as { dispose(): void }).dispose();
  if (history.length === 0) return post({ type: 'done', stopped: true, evaluation: null });
  // Inspect the result on the validation images: confusion matrix and example predictions.
  post({ type: 'phase', phase: 'evaluating' });
  const valTensor = toTensor(subset.val);
  const probs = await predictProbabilities(tf, model, valTensor, config.cropSize);
  valTensor.dispose();
  const ev = evaluatePredictions(probs, data.valLabels, config.classes);
  const crop = centerCropMap(set.size, set.size, config.cropSize);
  const shown = spreadIndices(subset.val.length, 8);
  exampleSources = shown.map((i) => images[subset.val[i].index]);
  const examples = shown.map((i) => ({ ...applyMap(images[subset.val[i].index], crop), label: subset.val[i].label, ranked: ev.ranked[i] }));
  post({ type: 'done', stopped: history.length < config.epochs, evaluation: { classes, confusion: ev.confusion, classAccuracy: ev.classAccuracy, examples } });
}

/** Class probabilities of one own image, resized and center-cropped like the validation images. */
async function predict(image: ToWorker & { type: 'predict' }) {
  if (!model) return;
  const size = resizeFor(cropSize);
  const resized = resize(image.image, size, size);
  ownSource = resized;
  const x = tf.tensor4d(Int32Array.from(packRGB([resized], size)), [1, size, size, 3], 'int32');
  const probs = await predictProbabilities(tf, model, x, cropSize);
  x.dispose();
  post({ type: 'prediction', ranked: topK(probs, 3) });
}

/** Filters, feature maps and saliency of the trained model for one image, cropped and normalized like the validation images. */
function inspect(source: InspectSource) {
  if (!model) return;
  const picked = source.kind === 'own' ? ownSource : exampleSources[source.index];
  if (!picked) throw new Error(source.kind === 'own' ? 'kein eigenes Bild gewählt' : `kein Beispielbild Nummer ${source.index + 1}`);
  const size = picked.width;
  const input = tf.tidy(() => augmentBatch(tf, tf.tensor4d(Int32Array.from(packRGB([picked], size)), [1, size, size, 3], 'int32'), 'val', cropSize, createRng(0)));
  try {
    const inspection = inspectImage(tf, model, input);
    const image = applyMap(picked, centerCropMap(size, size, cropSize));
    const buffers = [inspection.filters.values, ...inspection.featureMaps.map((m) => m.values), inspection.saliency.values, inspection.probabilities].map((a) => a.buffer);
    post({ type: 'inspection', source, image, inspection }, buffers);
  } finally {
    input.dispose();
  }
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  try {
    if (m.type === 'start') await start(m.config, m.assetsUrl, m.backend, m.kernels, m.simulate);
    else if (m.type === 'pause') paused = true;
    else if (m.type === 'resume') {
      paused = false;
      release?.();
      release = null;
    } else if (m.type === 'stop') {
      controller.abort();
      paused = false;
      release?.();
    } else if (m.type === 'predict') await predict(m);
    else if (m.type === 'inspect') inspect(m.source);
  } catch (error) {
    // A stop while the images load ends the fetch; that is a stop, not a failure.
    if (controller.signal.aborted && m.type === 'start') return post({ type: 'done', stopped: true, evaluation: null });
    const message = (error as Error)?.message ?? String(error);
    post({ type: 'error', kind: classifyFailure(message), message });
  }
};
