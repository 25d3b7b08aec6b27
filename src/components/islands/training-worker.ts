/**
 * The training worker: relays the island's messages to src/lib — the backend choice
 * (lib/webgpu/backend, backend-browser), the images (lib/data/sprites-browser), the run
 * (lib/train/demo-run) and the trained model (lib/train/demo-model) — and their reports back.
 * Off the main thread, so the page stays responsive.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { validateManifest } from '../../lib/data/manifest';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { demoImageSet } from '../../lib/train/demo-data';
import { createTrainedDemo, type TrainedDemo } from '../../lib/train/demo-model';
import { createPauseGate, runDemo } from '../../lib/train/demo-run';
import { simulatedFailure } from '../../lib/train/simulated-failure';
import { chooseBackend, classifyFailure } from '../../lib/webgpu/backend';
import { browserBackendEnvironment } from '../../lib/webgpu/backend-browser';
import type { FromWorker, ToWorker } from './training-protocol';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);
console.warn = (...a: unknown[]) => post({ type: 'log', level: 'warn', message: a.map(String).join(' ') });

const controller = new AbortController();
const gate = createPauseGate(() => post({ type: 'held' }));
let trained: TrainedDemo | null = null;

async function start({ config, assetsUrl, backend: forced, remembered, kernels, simulate }: Extract<ToWorker, { type: 'start' }>) {
  post({ type: 'phase', phase: 'backend' });
  // The images load while the backend is chosen (on a software adapter that measures a step on each).
  const manifest = validateManifest(await (await fetch(new URL('manifest.json', assetsUrl))).json());
  const set = demoImageSet(manifest, config.cropSize, config.classes);
  const loading = loadImageSet(set, assetsUrl, { signal: controller.signal, onProgress: (loaded, total) => post({ type: 'images', loaded, total }), manifest });
  loading.catch(() => {}); // awaited below; a rejection before then is not unhandled
  const env = browserBackendEnvironment(tf, config, config.classes, kernels, (backend) => post({ type: 'phase', phase: 'measuring', backend }));
  const choice = await chooseBackend(env, forced, remembered);
  post({ type: 'backend', ...choice, kernels: choice.name === 'webgpu' ? kernels : null });
  post({ type: 'phase', phase: 'images' });
  const result = await runDemo(tf, manifest, set, await loading, config, choice.name === 'webgpu' ? kernels : 'stock', {
    signal: controller.signal,
    gate,
    onData: (counts) => post({ type: 'data', counts }),
    onBuilding: () => post({ type: 'phase', phase: 'building' }),
    onBatchStarting: (batch, batches, msSince) => post({ type: 'phase', phase: 'first-batches', batch, batches, ms: msSince ?? undefined }),
    onBatch: (progress) => {
      simulatedFailure(simulate);
      const mem = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
      post({ type: 'batch', progress, tensors: mem.numTensors, bytes: mem.numBytesInGPU ?? mem.numBytes });
      if (progress.batch === progress.batches && !controller.signal.aborted) post({ type: 'phase', phase: 'validating', epoch: progress.epoch });
    },
    onEpoch: (metrics) => post({ type: 'epoch', metrics }),
    onEvaluating: () => post({ type: 'phase', phase: 'evaluating' }),
    onFallback: (message) => console.warn(`GPU input pipeline unusable, taking the gather path: ${message}`),
  });
  trained = createTrainedDemo(tf, result.model, config.cropSize, result.sources);
  post({ type: 'done', stopped: result.stopped, evaluation: result.evaluation });
}

self.onmessage = async ({ data: m }: MessageEvent<ToWorker>) => {
  try {
    if (m.type === 'start') await start(m);
    else if (m.type === 'pause') gate.pause();
    else if (m.type === 'resume') gate.resume();
    else if (m.type === 'stop') controller.abort(), gate.resume();
    else if (m.type === 'predict' && trained) post({ type: 'prediction', ...(await trained.classify(m.image)) });
    else if (m.type === 'inspect' && trained) {
      const { transfer, ...found } = trained.inspect(m.source);
      post({ type: 'inspection', source: m.source, ...found }, transfer);
    } else if (m.type === 'export' && trained) {
      const bytes = await trained.exportFile(m.meta);
      post({ type: 'model-file', bytes }, [bytes.buffer]);
    }
  } catch (error) {
    // A stop while the images load ends the fetch; that is a stop, not a failure.
    if (controller.signal.aborted && m.type === 'start') return post({ type: 'done', stopped: true, evaluation: null });
    const message = (error as Error)?.message ?? String(error);
    post({ type: 'error', kind: classifyFailure(message), message });
  }
};
