/**
 * `npm run export-draws` as one call: the random draws of one run of our engine, for the replay
 * harness (scripts/pytorch/replay.py) — the images (split positions, selected as train:full
 * selects them), the initial weights in PyTorch's layout (model/export-pytorch.ts), and per epoch
 * the batch order and every image's flips and angles (train/draw-order.ts, the loop's own order).
 * With `train`, also our engine's per-epoch metrics on TensorFlow.js's CPU backend.
 */
import { createSimpleCNN } from '../model/simplecnn';
import { exportPyTorchTensors } from '../model/export-pytorch';
import { drawRun } from '../train/draw-order';
import { train, type ImageSource, type TrainingConfig } from '../train/loop';
import type { GeometricOp } from '../transforms/recipes';
import { writeOutput } from './output-node';
import { decodeRunImages, selectRunImages } from './run-data-node';

/** One export: the run's configuration, the split file, whether to train too, and where the draws go. */
export interface DrawsRequest {
  config: TrainingConfig & { classes: number; perClass: number | 'all' };
  splitFile: string;
  train: boolean;
  out: string;
}

/** One image's operations, compact: ['f'] for a flip, ['r', degrees] for a rotation. */
const compact = (ops: GeometricOp[]) => ops.map((op) => (op.kind === 'flip' ? ['f'] : ['r', op.degrees]));

/** Writes the draws file of `request` (atomically) and returns what it wrote. */
export async function exportDraws(request: DrawsRequest): Promise<Record<string, unknown>> {
  const { config } = request;
  const chosen = await selectRunImages({ classes: config.classes, perClass: config.perClass, trainFraction: 0.8, splitFile: request.splitFile });

  // Initial weights on TensorFlow.js's CPU backend, in PyTorch's layout.
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const net = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed });
  const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  const weights = Object.fromEntries((await exportPyTorchTensors(net)).map((t) => [t.name, { shape: t.shape, data: b64(t.data) }]));

  const n = chosen.train.length;
  const epochs = drawRun(config, n, chosen.val.length).map((e) => ({ order: e.order, trainOps: e.trainOps.map(compact), valOps: e.valOps.map(compact) }));

  let ours = null;
  if (request.train) {
    const { bytes, size } = await decodeRunImages(chosen, config.cropSize, { workers: 0 });
    const perImage = size * size * 3;
    // an ImageSource on the CPU backend: the loop's gather path, as the browser's WebGL/CPU fallback takes it
    const slice = (from: number, to: number): ImageSource => ({
      count: to - from,
      size,
      batch: (t, idx) => {
        const batch = new Int32Array(idx.length * perImage);
        idx.forEach((i, k) => batch.set(bytes.subarray((from + i) * perImage, (from + i + 1) * perImage), k * perImage));
        return t.tensor4d(batch, [idx.length, size, size, 3], 'int32');
      },
    });
    const data = { trainImages: slice(0, n), trainLabels: chosen.trainLabels, valImages: slice(n, n + chosen.val.length), valLabels: chosen.valLabels, numClasses: config.classes };
    ours = await train(tf, net.model, data, config, { kernels: 'stock', yieldNow: async () => {} }); // the CPU backend
  }
  net.model.dispose();

  const draws = {
    format: 1,
    what: 'random draws of one run of our engine (scripts/export-draws.ts), for scripts/pytorch/replay.py',
    config,
    split: chosen.split,
    train: chosen.train,
    val: chosen.val,
    labels: { train: Array.from(chosen.trainLabels), val: Array.from(chosen.valLabels) },
    weights,
    epochs,
    ours: ours && { backend: 'tfjs-cpu', tfjs: tf.version.tfjs, epochs: ours },
  };
  await writeOutput(request.out, `${JSON.stringify(draws)}\n`);
  console.log(`export-draws: ${n} training and ${chosen.val.length} validation images, ${config.epochs} epochs → ${request.out}`);
  return draws;
}
