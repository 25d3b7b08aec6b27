/**
 * The training worker: loads TensorFlow.js (WebGPU, else WebGL, else CPU), the demo images and
 * SimpleCNN, and runs the shared training loop off the main thread, so the page stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { validateManifest } from '../../lib/data/manifest';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { createSimpleCNN } from '../../lib/model/simplecnn';
import { useKernels, type KernelSet } from '../../lib/webgpu/kernels';
import { train, predictProbabilities, type TrainingData } from '../../lib/train';
import { uploadImages, type ResidentImages } from '../../lib/webgpu/augment';
import { applyMap, centerCropMap } from '../../lib/transforms/geometry';
import { resize } from '../../lib/transforms/resize';
import { resizeFor } from '../../lib/transforms/sizes';
import type { DemoConfig, Evaluation, FromWorker, ToWorker } from './training-protocol';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
console.warn = (...a: unknown[]) => post({ type: 'log', level: 'warn', message: a.map(String).join(' ') });

let paused = false;
let release: (() => void) | null = null;
const controller = new AbortController();
let model: tf.LayersModel | null = null;
let classNames: string[] = [];
let cropSize = 32;

/** Picks the first backend of `wanted` that really works; German notes say why others did not. */
async function pickBackend(wanted: string[]): Promise<{ name: string; notes: string[] }> {
  const notes: string[] = [];
  for (const name of wanted) {
    if (name === 'webgpu') {
      const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
      if (!gpu) {
        notes.push('Dieser Browser bietet kein WebGPU an.');
        continue;
      }
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) {
        notes.push('WebGPU ist vorhanden, aber es gibt keinen nutzbaren Grafikadapter (oft: WebGPU ist abgeschaltet).');
        continue;
      }
    }
    try {
      if ((await tf.setBackend(name)) && (await tf.ready(), tf.getBackend() === name)) return { name, notes };
      notes.push(`Das Backend „${name}“ ließ sich nicht starten.`);
    } catch (error) {
      notes.push(`Das Backend „${name}“ ließ sich nicht starten (${(error as Error).message}).`);
    }
  }
  throw new Error(`kein Backend verfügbar (${notes.join(' ')})`);
}

function classify(error: unknown): FromWorker & { type: 'error' } {
  const message = (error as Error)?.message ?? String(error);
  if (/device.*lost|lost.*device|context lost/i.test(message)) return { type: 'error', kind: 'device-lost', message };
  if (/out of memory|OOM|allocat|Failed to create buffer|exceeds the max/i.test(message)) return { type: 'error', kind: 'out-of-memory', message };
  return { type: 'error', kind: 'other', message };
}

/** Test hook (URL parameter demo-simulate): a failure the island must survive, after the first batch. */
const SIMULATED: Record<string, string> = {
  'device-lost': 'GPU device was lost (simulated for a test)',
  'out-of-memory': 'Failed to create buffer: out of memory (simulated for a test)',
};

async function start(config: DemoConfig, assetsUrl: string, backends: string[], kernels: KernelSet, simulate?: string) {
  const backend = await pickBackend(backends);
  // Our WGSL kernels for the training step (src/lib/webgpu/kernels); demo-kernels=stock compares.
  if (backend.name === 'webgpu') useKernels(tf, kernels);
  post({ type: 'backend', ...backend, kernels: backend.name === 'webgpu' ? kernels : null });
  cropSize = config.cropSize;
  post({ type: 'status', text: 'Lade die Bilder …' });
  const manifest = validateManifest(await (await fetch(new URL('manifest.json', assetsUrl))).json());
  const set = manifest.sets.find((s) => s.id === `demo-${config.cropSize}`);
  if (!set) throw new Error(`keine Bilder für ${config.cropSize} × ${config.cropSize}`);
  const images = await loadImageSet(set, assetsUrl, { signal: controller.signal, onProgress: (a, b) => post({ type: 'status', text: `Lade die Bilder (${a} von ${b}) …` }) });
  const chosen = manifest.demoClasses.slice(0, config.classes);
  classNames = chosen.map((c) => manifest.dataset.classes[c]);
  const valPer = Math.max(1, Math.min(10, Math.ceil(config.perClass / 4)));
  const pick = (subset: 'train' | 'val', per: number) => {
    const out: { image: (typeof images)[number]; label: number }[] = [];
    chosen.forEach((cls, label) => {
      let taken = 0;
      set.labels.forEach((l, i) => {
        if (l === cls && set.subset[i] === subset && taken < per) {
          out.push({ image: images[i], label });
          taken++;
        }
      });
    });
    return out;
  };
  /** The items' RGB bytes, image after image: `[n, R, R, 3]`. */
  const toBytes = (items: ReturnType<typeof pick>) => {
    const size = set.size;
    const data = new Uint8Array(items.length * size * size * 3);
    items.forEach(({ image }, k) => {
      for (let p = 0; p < size * size; p++) for (let c = 0; c < 3; c++) data[(k * size * size + p) * 3 + c] = image.data[p * 4 + c];
    });
    return data;
  };
  const toTensor = (items: ReturnType<typeof pick>) => tf.tensor4d(Int32Array.from(toBytes(items)), [items.length, set.size, set.size, 3], 'int32');
  /** On WebGPU the bytes stay on the GPU and one kernel augments each batch; WebGL and CPU gather from int32 tensors. */
  const toImages = (items: ReturnType<typeof pick>): tf.Tensor4D | ResidentImages => {
    if (backend.name !== 'webgpu') return toTensor(items);
    try {
      return uploadImages(tf, toBytes(items), items.length, set.size);
    } catch {
      return toTensor(items); // more images than the adapter's buffers hold: the gather path
    }
  };
  const trainItems = pick('train', config.perClass);
  const valItems = pick('val', valPer);
  const trainImages = toImages(trainItems);
  const valImages = toImages(valItems);
  const data: TrainingData = {
    trainImages,
    trainLabels: Int32Array.from(trainItems, (x) => x.label),
    valImages,
    valLabels: Int32Array.from(valItems, (x) => x.label),
    numClasses: config.classes,
  };
  post({ type: 'status', text: `${trainItems.length} Trainings- und ${valItems.length} Validierungsbilder geladen; baue SimpleCNN …` });
  const net = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed });
  model = net.model;
  const history = await train(tf, model, data, config, {
    signal: controller.signal,
    gate: () => (paused ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    onBatch: (progress) => {
      if (simulate && SIMULATED[simulate]) throw new Error(SIMULATED[simulate]);
      const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      post({ type: 'batch', progress, tensors: mem.numTensors, bytes: mem.numBytesInGPU ?? mem.numBytes });
    },
    onEpoch: (metrics) => post({ type: 'epoch', metrics }),
  });
  // Inspect the result on the validation images: confusion matrix and example predictions.
  const valTensor = toTensor(valItems);
  const probs = await predictProbabilities(tf, model, valTensor, config.cropSize);
  valTensor.dispose();
  const k = config.classes;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const top3 = (i: number) =>
    Array.from(probs.subarray(i * k, (i + 1) * k), (p, label) => ({ label, p }))
      .sort((a, b) => b.p - a.p)
      .slice(0, 3);
  valItems.forEach((item, i) => confusion[item.label][top3(i)[0].label]++);
  const crop = centerCropMap(set.size, set.size, config.cropSize);
  const exampleIdx = Array.from({ length: Math.min(8, valItems.length) }, (_, j) => Math.floor((j * valItems.length) / Math.min(8, valItems.length)));
  const evaluation: Evaluation = {
    classes: classNames,
    confusion,
    examples: exampleIdx.map((i) => ({ ...applyMap(valItems[i].image, crop), label: valItems[i].label, top3: top3(i) })),
  };
  trainImages.dispose();
  valImages.dispose();
  post({ type: 'done', stopped: history.length < config.epochs, evaluation });
}

self.onmessage = async (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  try {
    if (m.type === 'start') await start(m.config, m.assetsUrl, m.backends, m.kernels, m.simulate);
    else if (m.type === 'pause') paused = true;
    else if (m.type === 'resume') {
      paused = false;
      release?.();
      release = null;
    } else if (m.type === 'stop') {
      controller.abort();
      paused = false;
      release?.();
    } else if (m.type === 'predict' && model) {
      const size = resizeFor(cropSize);
      const resized = resize(m.image, size, size);
      const pixels = new Int32Array(size * size * 3);
      for (let p = 0; p < size * size; p++) for (let c = 0; c < 3; c++) pixels[p * 3 + c] = resized.data[p * 4 + c];
      const x = tf.tensor4d(pixels, [1, size, size, 3], 'int32');
      const probs = await predictProbabilities(tf, model, x, cropSize);
      x.dispose();
      const ranked = Array.from(probs, (p, label) => ({ label, p })).sort((a, b) => b.p - a.p).slice(0, 3);
      post({ type: 'prediction', top3: ranked, classes: classNames });
    }
  } catch (error) {
    post(classify(error));
  }
};
