/**
 * npm run train:full [-- options]: trains the tutorial's configuration with this project's code
 * (src/lib: data, transforms, model, loop) on TensorFlow.js's WebGPU backend in Node (Dawn),
 * and writes a run record for the "Ergebnisse" chapter. `astro build` never trains; it draws
 * the committed records and warns when one no longer matches the code.
 *
 * Defaults = the original: all 101 classes, 80/20 split, the original's augmentation (also on
 * the validation images), batch 64, Adam lr 0.001, 10 epochs, 224 × 224, seed 0.
 * `npm run train:full -- --help` lists the options (the table OPTIONS below); a misspelt option
 * or a bad value ends the script with exit code 2 before it starts WebGPU or reads any image.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseCommandLine, type CommandSpec } from './cli';
import { KERNEL_SETS } from '../src/lib/webgpu/kernels';
import { CROP_SIZES } from '../src/lib/transforms/sizes';
import { RECIPES, type RecipeName } from '../src/lib/train/recipes';
import type { EpochMetrics } from '../src/lib/train';
import type { RunConfig, RunRecord } from '../src/lib/runs/record';

const OPTIONS = {
  classes: { kind: 'int', min: 2, max: 101, default: 101, help: 'the first N classes of the data set' },
  'per-class': { kind: 'int', min: 1, or: ['all'], default: 'all', help: 'training images per class (validation: a quarter of it)' },
  size: { kind: 'choice', choices: CROP_SIZES, default: 224, help: 'input size of the model (crop size)' },
  epochs: { kind: 'int', min: 1, max: 1000, default: 10, help: 'epochs' },
  batch: { kind: 'int', min: 1, max: 4096, default: 64, help: 'batch size' },
  lr: { kind: 'number', above: 0, below: 1, default: 0.001, help: "Adam's learning rate" },
  recipe: { kind: 'choice', choices: Object.keys(RECIPES) as RecipeName[], default: 'original', help: 'augmentation recipe' },
  seed: { kind: 'int', min: 0, default: 0, help: 'seed of weights, shuffling and augmentation' },
  split: {
    kind: 'file',
    help: "a split exported by scripts/export_split.py (e.g. src/data/splits/chapters.json, the chapters' split shared with the PyTorch arms); default: the project's own seeded split",
  },
  name: { kind: 'string', default: 'full-run', placeholder: 'NAME', help: 'name of the run record' },
  out: { kind: 'string', placeholder: 'FILE', help: 'where the record goes (default src/data/runs/NAME.json)' },
  kernels: { kind: 'choice', choices: KERNEL_SETS, default: 'fast', help: "our WebGPU kernels (fast) or TensorFlow.js's own (stock)" },
  concurrent: { kind: 'flag', help: 'other runs share the GPU meanwhile: the record says its seconds are not comparable' },
} as const satisfies CommandSpec['options'];

const options = parseCommandLine('train:full', {
  command: 'npm run train:full --',
  summary: "Trains SimpleCNN on Caltech 101 with this project's code on WebGPU (Dawn) and writes a run record.",
  options: OPTIONS,
});

async function main() {
  const config: RunConfig = {
    classes: options.classes,
    perClass: options['per-class'],
    cropSize: options.size,
    epochs: options.epochs,
    batchSize: options.batch,
    learningRate: options.lr,
    recipe: options.recipe,
    seed: options.seed,
    trainFraction: 0.8,
  };
  const kernels = options.kernels;
  const name = options.name;
  const out = resolve(options.out ?? `src/data/runs/${name}.json`);

  // Loaded only now that the options are checked: a mistake is reported before sharp, tar and tfjs load.
  const { startTfjsWebGPU } = await import('../src/lib/webgpu/node');
  const { useKernels } = await import('../src/lib/webgpu/kernels');
  const { buildIndex, imagePath } = await import('../src/lib/data/caltech101');
  const { datasetOptionsFromEnv, ensureDataset, listDataset, DatasetError } = await import('../src/lib/data/caltech101-node');
  const { selectImages, splitDataset } = await import('../src/lib/data/split');
  const { readSplitFile } = await import('../src/lib/data/split-node');
  const { createProgressBar } = await import('../src/lib/data/progress-node');
  const { createSimpleCNN } = await import('../src/lib/model/simplecnn');
  const { train } = await import('../src/lib/train');
  const { loadImages } = await import('../src/lib/train/images-node');
  const { uploadImages } = await import('../src/lib/webgpu/augment');
  const { resizeFor } = await import('../src/lib/transforms/sizes');
  const { RECORD_FORMAT, hashRun, validateRecord } = await import('../src/lib/runs/record');
  const { codeHash, dataHash, sha256 } = await import('../src/lib/runs/record-node');

  const { tf, gpu } = await startTfjsWebGPU();
  useKernels(tf, kernels);
  console.log(`train:full: WebGPU adapter ${gpu.adapter}, TensorFlow.js ${tf.version.tfjs}, ${kernels === 'fast' ? 'our kernels' : 'stock kernels'}`);

  const folder = await ensureDataset(datasetOptionsFromEnv()); // CALTECH101_DIR, else the one default cache folder
  const index = buildIndex(await listDataset(folder));
  const splitOpt = options.split;
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
      concurrent: options.concurrent,
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
    console.error(error?.name === 'DatasetError' ? `train:full: ${error.message}` : error);
    process.exit(1);
  });
