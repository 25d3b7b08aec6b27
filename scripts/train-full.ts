/**
 * npm run train:full [-- options]: trains the tutorial's configuration with this project's code
 * (src/lib: data, transforms, model, loop) on TensorFlow.js's WebGPU backend in Node (Dawn),
 * and writes a run record for the "Ergebnisse" chapter. `astro build` never trains; it draws
 * the committed records and warns when one no longer matches the code.
 *
 * Defaults = the original: all 101 classes, 80/20 split, the original's augmentation (also on
 * the validation images), batch 64, Adam lr 0.001, 10 epochs, 224 × 224, seed 0.
 *   --classes N  --per-class N  --size S  --epochs N  --batch N  --lr X
 *   --recipe original|corrected  --seed N  --name NAME  --out FILE (default src/data/runs/NAME.json)
 *   --split FILE (a split exported by scripts/export_split.py, e.g. src/data/splits/chapters.json:
 *     the chapters' split, shared with the PyTorch arms; default: the project's own seeded split)
 *   --kernels fast|stock (our WebGPU kernels, default, or TensorFlow.js's own)
 *   --concurrent (other runs share the GPU meanwhile: the record says its seconds are not comparable)
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { setupNodeWebGPU } from '../src/lib/webgpu/node';
import { KERNEL_SETS, useKernels, type KernelSet } from '../src/lib/webgpu/kernels';
import { buildIndex, imagePath } from '../src/lib/data/caltech101';
import { datasetOptionsFromEnv, ensureDataset, listDataset, DatasetError } from '../src/lib/data/caltech101-node';
import { selectImages, splitDataset } from '../src/lib/data/split';
import { readSplitFile } from '../src/lib/data/split-node';
import { createProgressBar } from '../src/lib/data/progress-node';
import { createSimpleCNN } from '../src/lib/model/simplecnn';
import { train, type EpochMetrics } from '../src/lib/train';
import { loadImages } from '../src/lib/train/images-node';
import { uploadImages } from '../src/lib/webgpu/augment';
import { resizeFor, CROP_SIZES } from '../src/lib/transforms/sizes';
import { RECORD_FORMAT, hashRun, validateRecord, type RunConfig, type RunRecord } from '../src/lib/runs/record';
import { codeHash, dataHash, sha256 } from '../src/lib/runs/record-node';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const int = (name: string, fallback: number) => {
  const v = option(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v)) throw new DatasetError(`invalid --${name} ${v} (expected a whole number)`);
  return Number(v);
};

async function main() {
  const perClassOpt = option('per-class');
  const config: RunConfig = {
    classes: int('classes', 101),
    perClass: perClassOpt === undefined || perClassOpt === 'all' ? 'all' : int('per-class', 0),
    cropSize: int('size', 224),
    epochs: int('epochs', 10),
    batchSize: int('batch', 64),
    learningRate: Number(option('lr') ?? 0.001),
    recipe: (option('recipe') ?? 'original') as RunConfig['recipe'],
    seed: int('seed', 0),
    trainFraction: 0.8,
  };
  if (!(CROP_SIZES as readonly number[]).includes(config.cropSize)) throw new DatasetError(`invalid --size ${config.cropSize} (choose ${CROP_SIZES.join(', ')})`);
  if (config.classes < 2 || config.classes > 101) throw new DatasetError(`invalid --classes ${config.classes} (choose 2 … 101)`);
  if (!['original', 'corrected'].includes(config.recipe)) throw new DatasetError(`invalid --recipe ${config.recipe} (choose original or corrected)`);
  const kernels = (option('kernels') ?? 'fast') as KernelSet;
  if (!KERNEL_SETS.includes(kernels)) throw new DatasetError(`invalid --kernels ${kernels} (choose ${KERNEL_SETS.join(' or ')})`);
  const name = option('name') ?? 'full-run';
  const out = resolve(option('out') ?? `src/data/runs/${name}.json`);

  const gpu = await setupNodeWebGPU();
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') throw new Error('TensorFlow.js could not start its WebGPU backend');
  useKernels(tf, kernels);
  console.log(`train:full: WebGPU adapter ${gpu.adapter}, TensorFlow.js ${tf.version.tfjs}, ${kernels === 'fast' ? 'our kernels' : 'stock kernels'}`);

  const folder = await ensureDataset(datasetOptionsFromEnv()); // CALTECH101_DIR, else the one default cache folder
  const index = buildIndex(await listDataset(folder));
  const splitOpt = option('split');
  let split = splitDataset(index.images.length, { seed: 0, trainFraction: config.trainFraction });
  if (splitOpt !== undefined) {
    const file = await readSplitFile(resolve(splitOpt), index).catch((error: Error) => {
      throw new DatasetError(`invalid --split: ${error.message}`);
    });
    split = { train: file.split.train, val: file.split.val };
    config.split = `${file.split.name}:${file.sha256}`;
    console.log(`train:full: split ${file.split.name} from ${splitOpt} (${split.train.length} / ${split.val.length}, drawn by PyTorch ${file.split.torch})`);
  }
  const { train: trainPos, val: valPos } = selectImages(split, (p) => index.images[p].label, config.classes, config.perClass);
  const size = resizeFor(config.cropSize);
  const bar = createProgressBar('decode + resize', 'items');
  const paths = [...trainPos, ...valPos].map((p) => imagePath(index, index.images[p]));
  const all = await loadImages(folder, paths, size, {
    cacheDir: resolve('.cache/images'),
    onProgress: (a, b) => bar.update(a, b),
    onCache: (message) => console.log(`train:full: ${message}`),
  });
  bar.finish();
  // The images go to the GPU once, as bytes; one kernel augments each batch there.
  const perImage = size * size * 3;
  const upload = (from: number, to: number) => uploadImages(tf, all.bytes.subarray(from * perImage, to * perImage), to - from, size);
  const data = {
    trainImages: upload(0, trainPos.length),
    trainLabels: Int32Array.from(trainPos, (p) => index.images[p].label),
    valImages: upload(trainPos.length, paths.length),
    valLabels: Int32Array.from(valPos, (p) => index.images[p].label),
    numClasses: config.classes,
  };
  console.log(`train:full: ${trainPos.length} training and ${valPos.length} validation images, ${config.classes} classes, ${config.cropSize} × ${config.cropSize}`);

  const started = new Date().toISOString();
  const net = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed });
  let epochBar = createProgressBar(`epoch 1/${config.epochs}`, 'items');
  const history: EpochMetrics[] = await train(tf, net.model, data, config, {
    onBatch: (p) => epochBar.update(p.batch, p.batches),
    onEpoch: (m) => {
      epochBar.finish();
      console.log(
        `epoch ${m.epoch}/${config.epochs}: train loss ${m.trainLoss.toFixed(3)} (last batch ${m.trainLossLastBatch.toFixed(3)}), acc ${m.trainAccuracy.toFixed(3)} · val loss ${m.valLoss.toFixed(3)}, acc ${m.valAccuracy.toFixed(3)} · ${m.seconds.toFixed(1)} s`,
      );
      epochBar = createProgressBar(`epoch ${m.epoch + 1}/${config.epochs}`, 'items');
    },
  });
  const inputs = { data: await dataHash(folder), code: await codeHash('.') };
  const record: RunRecord = {
    format: RECORD_FORMAT,
    name,
    config,
    images: { train: trainPos.length, val: valPos.length },
    epochs: history,
    environment: { backend: 'webgpu', adapter: gpu.adapter, platform: `${process.platform}-${process.arch}`, kernels },
    provenance: {
      engine: 'ours',
      program: 'npm run train:full',
      versions: { tfjs: tf.version.tfjs, node: process.version },
      device: gpu.adapter,
      // WGSL has no TF32: every shader (ours and TensorFlow.js's) multiplies in f32
      precision: { mode: 'fp32', flags: { shaderFloat: 'f32' } },
      dataLoading: { workers: 0, note: 'decoded and resized once before training (worker threads, disk cache); batches augmented on the GPU' },
      concurrent: process.argv.includes('--concurrent'),
    },
    started,
    finished: new Date().toISOString(),
    hash: await hashRun(config, inputs.data, inputs.code, sha256),
    inputs,
  };
  validateRecord(record);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(`${out}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${out}.tmp`, out); // a crash never leaves a half-written record
  console.log(`train:full: wrote ${out}`);
}

main()
  .then(() => process.exit(0)) // Dawn keeps the process alive otherwise
  .catch((error) => {
    console.error(error instanceof DatasetError ? `train:full: ${error.message}` : error);
    process.exit(1);
  });
