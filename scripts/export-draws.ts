/**
 * npm run export-draws -- [options]: writes the random draws of one run of our engine, for the
 * replay harness (scripts/pytorch/replay.py) to feed PyTorch with: the images (split positions,
 * selected as train:full selects them), the initial weights in PyTorch's layout, and per epoch
 * the batch order and every image's flips and angles (training and validation) — drawn by the
 * same functions and in the same order as src/lib/train/loop.ts draws them.
 *
 *   --classes N --per-class N --size S --epochs N --batch N --recipe original|corrected --seed N
 *   --split FILE (default src/data/splits/chapters.json)  --out FILE (required)  (--help lists them)
 *   --train   also train this configuration with our engine on TensorFlow.js's CPU backend and
 *             store its per-epoch metrics (what the replay is compared with)
 * Defaults: 3 classes × 8 images, 32 × 32, 2 epochs, batch 8, original recipe, seed 0 — a size the
 * CPU handles in seconds.
 */
import { writeFile } from 'node:fs/promises';
import { failUsage, parseCommandLine, type CommandSpec } from './cli';
import { resolve } from 'node:path';
import { buildIndex, imagePath } from '../src/lib/data/caltech101';
import { datasetOptionsFromEnv, ensureDataset, listDataset } from '../src/lib/data/caltech101-node';
import { createRng, permutation } from '../src/lib/data/rng';
import { selectImages } from '../src/lib/data/split';
import { readSplitFile } from '../src/lib/data/split-node';
import { createSimpleCNN } from '../src/lib/model/simplecnn';
import { RECIPES, train, type RecipeName } from '../src/lib/train';
import { loadImages } from '../src/lib/train/images-node';
import { drawOps, type GeometricOp } from '../src/lib/transforms/batch';
import { resizeFor, CROP_SIZES } from '../src/lib/transforms/sizes';

const SPEC = {
  command: 'npm run export-draws --',
  summary: "Writes the random draws of one run of our engine for the replay harness (scripts/pytorch/replay.py).",
  options: {
    classes: { kind: 'int', min: 2, max: 101, default: 3, help: 'the first N classes' },
    'per-class': { kind: 'int', min: 1, default: 8, help: 'training images per class' },
    size: { kind: 'choice', choices: CROP_SIZES, default: 32, help: 'input size' },
    epochs: { kind: 'int', min: 1, max: 1000, default: 2, help: 'epochs' },
    batch: { kind: 'int', min: 1, max: 4096, default: 8, help: 'batch size' },
    recipe: { kind: 'choice', choices: Object.keys(RECIPES) as RecipeName[], default: 'original', help: 'augmentation recipe' },
    seed: { kind: 'int', min: 0, default: 0, help: 'seed' },
    split: { kind: 'file', help: 'the split file (default src/data/splits/chapters.json)' },
    out: { kind: 'string', placeholder: 'FILE', help: 'where the draws go (required)' },
    train: { kind: 'flag', help: "also train with our engine on TensorFlow.js's CPU backend and store its per-epoch metrics" },
  },
} as const satisfies CommandSpec;
const o = parseCommandLine('export-draws', SPEC);
if (!o.out) failUsage('export-draws', SPEC, '--out FILE is required');
const outFile: string = o.out;

/** One image's operations, compact: ['f'] for a flip, ['r', degrees] for a rotation. */
const compact = (ops: GeometricOp[]) => ops.map((op) => (op.kind === 'flip' ? ['f'] : ['r', op.degrees]));

async function main() {
  const config = {
    classes: o.classes,
    perClass: o['per-class'],
    cropSize: o.size,
    epochs: o.epochs,
    batchSize: o.batch,
    recipe: o.recipe,
    seed: o.seed,
    learningRate: 0.001,
  };
  const folder = await ensureDataset({ ...datasetOptionsFromEnv() });
  const index = buildIndex(await listDataset(folder));
  const { split, sha256 } = await readSplitFile(resolve(o.split ?? 'src/data/splits/chapters.json'), index);
  const chosen = selectImages(split, (p) => index.images[p].label, config.classes, config.perClass);

  // Initial weights on TensorFlow.js's CPU backend, in PyTorch's layout (see import-pytorch.ts).
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const net = createSimpleCNN(tf, { inputSize: config.cropSize, numClasses: config.classes, seed: config.seed });
  const side = config.cropSize / 4;
  const weights: Record<string, { shape: number[]; data: string }> = {};
  const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  for (const name of ['conv1', 'conv2', 'fc1', 'fc2']) {
    const [kernel, bias] = net.model.getLayer(name).getWeights();
    const k = (await kernel.data()) as Float32Array;
    if (name.startsWith('conv')) {
      const [kh, kw, i, out] = kernel.shape; // tfjs [kh, kw, in, out] → PyTorch [out, in, kh, kw]
      const t = tf.transpose(kernel, [3, 2, 0, 1]);
      weights[`${name}.weight`] = { shape: [out, i, kh, kw], data: b64((await t.data()) as Float32Array) };
      t.dispose();
    } else {
      const [inF, out] = kernel.shape; // tfjs [in, out] → PyTorch [out, in]; fc1's rows (h, w, c) → columns (c, h, w)
      const w = new Float32Array(inF * out);
      const channels = name === 'fc1' ? inF / (side * side) : 1;
      for (let r = 0; r < inF; r++) {
        const col = name === 'fc1' ? (r % channels) * side * side + Math.floor(r / channels) : r;
        for (let c = 0; c < out; c++) w[c * inF + col] = k[r * out + c];
      }
      weights[`${name}.weight`] = { shape: [out, inF], data: b64(w) };
    }
    weights[`${name}.bias`] = { shape: bias.shape, data: b64((await bias.data()) as Float32Array) };
  }

  // The loop's draws, in its order: per epoch the permutation, each training batch's images,
  // then the validation batches' images (recipe.val draws nothing for 'corrected').
  const recipe = RECIPES[config.recipe];
  const rng = createRng(config.seed);
  const n = chosen.train.length;
  const epochs = [];
  for (let e = 0; e < config.epochs; e++) {
    const order = permutation(n, rng);
    // one draw per position of the order (the loop draws batch after batch, image after image)
    const trainOps = order.map(() => compact(drawOps(recipe.train, rng).ops));
    const valOps = chosen.val.map(() => compact(drawOps(recipe.val, rng).ops));
    epochs.push({ order, trainOps, valOps });
  }

  let ours = null;
  if (o.train) {
    const size = resizeFor(config.cropSize);
    const paths = [...chosen.train, ...chosen.val].map((p) => imagePath(index, index.images[p]));
    const all = await loadImages(folder, paths, size, { workers: 0 });
    const perImage = size * size * 3;
    // an ImageSource on the CPU backend: the loop's gather path, as the browser's WebGL/CPU fallback takes it
    const slice = (from: number, to: number) => ({
      count: to - from,
      size,
      batch: (t: typeof tf, idx: Int32Array) => {
        const out = new Int32Array(idx.length * perImage);
        idx.forEach((i, k) => out.set(all.bytes.subarray((from + i) * perImage, (from + i + 1) * perImage), k * perImage));
        return t.tensor4d(out, [idx.length, size, size, 3], 'int32');
      },
    });
    const data = {
      trainImages: slice(0, n),
      trainLabels: Int32Array.from(chosen.train, (p) => index.images[p].label),
      valImages: slice(n, paths.length),
      valLabels: Int32Array.from(chosen.val, (p) => index.images[p].label),
      numClasses: config.classes,
    };
    ours = await train(tf, net.model, data, config, { kernels: 'stock', yieldNow: async () => {} }); // the CPU backend
  }

  const out = {
    format: 1,
    what: 'random draws of one run of our engine (scripts/export-draws.ts), for scripts/pytorch/replay.py',
    config,
    split: `${split.name}:${sha256}`,
    train: chosen.train,
    val: chosen.val,
    labels: { train: chosen.train.map((p) => index.images[p].label), val: chosen.val.map((p) => index.images[p].label) },
    weights,
    epochs,
    ours: ours && { backend: 'tfjs-cpu', tfjs: tf.version.tfjs, epochs: ours },
  };
  await writeFile(outFile, `${JSON.stringify(out)}\n`);
  console.log(`export-draws: ${n} training and ${chosen.val.length} validation images, ${config.epochs} epochs → ${outFile}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
