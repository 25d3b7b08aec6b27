/**
 * `npm run train:full` as one call: trains SimpleCNN with this project's code on TensorFlow.js's
 * WebGPU backend in Node (Dawn) and writes the run record atomically. The script
 * (scripts/train-full.ts) only parses and checks its options and the output path, then calls
 * `runFullTraining`; WebGPU, sharp and the data set load only here, after those checks.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunConfig, RunRecord } from './record';
import type { KernelSet } from '../webgpu/kernels';

/** One train:full run: its configuration, record name, kernel set, split file and output. */
export interface FullRunRequest {
  config: RunConfig;
  name: string;
  kernels: KernelSet;
  /** A split file (scripts/export_split.py); absent: the project's own seeded split. */
  splitFile?: string;
  concurrent: boolean;
  /** Where the record goes (already checked with checkOutput). */
  out: string;
  /** Lines for the terminal (default: console.log with a "train:full: " prefix). */
  log?: (line: string) => void;
}

/** Trains, builds the record, writes it to `request.out` and returns it. */
export async function runFullTraining(request: FullRunRequest): Promise<RunRecord> {
  const { config, kernels } = request;
  const log = request.log ?? ((line: string) => console.log(`train:full: ${line}`));
  const { startTfjsWebGPU } = await import('../webgpu/dawn-node');
  const { useKernels } = await import('../webgpu/kernels');
  const { createProgressBar } = await import('../data/progress-node');
  const { createSimpleCNN } = await import('../model/simplecnn');
  const { train } = await import('../train/loop');
  const { uploadImages } = await import('../webgpu/augment');
  const { hashRun } = await import('./record');
  const { codeHash, dataHash, sha256 } = await import('./record-node');
  const { buildRunRecord } = await import('./build-record');
  const { decodeRunImages, selectRunImages } = await import('./run-data-node');
  const { OutputError, writeOutput } = await import('./output-node');

  const { tf, gpu } = await startTfjsWebGPU();
  useKernels(tf, kernels);
  log(`WebGPU adapter ${gpu.adapter}, TensorFlow.js ${tf.version.tfjs}, ${kernels === 'fast' ? 'our kernels' : 'stock kernels'}`);

  const images = await selectRunImages({ ...config, splitFile: request.splitFile });
  if (images.split) config.split = images.split;
  if (images.splitNote) log(images.splitNote);
  const bar = createProgressBar('decode + resize', 'items');
  const { bytes, size } = await decodeRunImages(images, config.cropSize, {
    cacheDir: resolve('.cache/images'),
    onProgress: (a, b) => bar.update(a, b),
    onCache: log,
  });
  bar.finish();
  // The images go to the GPU once, as bytes; one kernel augments each batch there.
  const perImage = size * size * 3;
  const nTrain = images.train.length;
  const upload = (from: number, to: number) => uploadImages(tf, bytes.subarray(from * perImage, to * perImage), to - from, size);
  const data = {
    trainImages: upload(0, nTrain),
    trainLabels: images.trainLabels,
    valImages: upload(nTrain, nTrain + images.val.length),
    valLabels: images.valLabels,
    numClasses: config.classes,
  };
  log(`${nTrain} training and ${images.val.length} validation images, ${config.classes} classes, ${config.cropSize} × ${config.cropSize}`);

  const started = new Date().toISOString();
  const net = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed });
  let epochBar = createProgressBar(`epoch 1/${config.epochs}`, 'items');
  const epochs = await train(tf, net.model, data, config, {
    kernels,
    onBatch: (p) => epochBar.update(p.batch, p.batches),
    onEpoch: (m) => {
      epochBar.finish();
      console.log(
        `epoch ${m.epoch}/${config.epochs}: train loss ${m.trainLoss.toFixed(3)} (last batch ${m.trainLossLastBatch.toFixed(3)}), acc ${m.trainAccuracy.toFixed(3)} · val loss ${m.valLoss.toFixed(3)}, acc ${m.valAccuracy.toFixed(3)} · ${m.seconds.toFixed(1)} s`,
      );
      epochBar = createProgressBar(`epoch ${m.epoch + 1}/${config.epochs}`, 'items');
    },
  });
  const inputs = { data: await dataHash(images.folder), code: await codeHash('.') };
  const record = buildRunRecord({
    name: request.name,
    config,
    images: { train: nTrain, val: images.val.length },
    epochs,
    adapter: gpu.adapter,
    kernels,
    versions: { tfjs: tf.version.tfjs, node: process.version },
    platform: `${process.platform}-${process.arch}`,
    concurrent: request.concurrent,
    started,
    finished: new Date().toISOString(),
    hash: await hashRun(config, inputs.data, inputs.code, sha256),
    inputs,
  });
  const text = `${JSON.stringify(record, null, 2)}\n`;
  try {
    await writeOutput(request.out, text);
  } catch (error) {
    // The path was writable before training (checkOutput); if it no longer is, keep the work.
    const rescue = join(tmpdir(), `${request.name}-${process.pid}.json`);
    const saved = await writeOutput(rescue, text).then(() => true, () => false);
    throw new OutputError(`${(error as Error).message}${saved ? `; the record was saved to ${rescue} instead` : ''}`);
  }
  log(`wrote ${request.out}`);
  return record;
}
