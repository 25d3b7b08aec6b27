/**
 * npm run train:full [-- options]: trains the tutorial's configuration with this project's code
 * (src/lib: data, transforms, model, loop) on TensorFlow.js's WebGPU backend in Node (Dawn),
 * and writes a run record for the "Ergebnisse" chapter. `astro build` never trains; it draws
 * the committed records and warns when one no longer matches the code.
 *
 * Defaults = the original: all 101 classes, 80/20 split, the original's augmentation (also on
 * the validation images), batch 64, Adam lr 0.001, 10 epochs, 224 × 224, seed 0.
 * `npm run train:full -- --help` lists the options (the table OPTIONS below); a misspelt option
 * or a bad value ends the script with exit code 2, and an output path that cannot be written
 * with exit code 1, before it starts WebGPU or reads any image. The record goes to
 * .cache/runs/NAME.json unless --out names another file (the committed records in
 * src/data/runs/ are replaced only when --out names them).
 */
import { failUsage, parseCommandLine, type CommandSpec } from './cli';
import { KERNEL_SETS } from '../src/lib/webgpu/kernels';
import { CROP_SIZES } from '../src/lib/transforms/sizes';
import { RECIPES, type RecipeName } from '../src/lib/train/recipes';
import { checkOutput, recordOutputPath } from '../src/lib/runs/output-node';
import type { RunConfig } from '../src/lib/runs/record';

const OPTIONS = {
  classes: { kind: 'int', min: 2, max: 101, default: 101, help: 'the first N classes of the data set' },
  'per-class': { kind: 'int', min: 1, or: ['all'], default: 'all', help: 'training images per class (validation: a quarter of it)' },
  size: { kind: 'choice', choices: CROP_SIZES, default: 224, help: 'input size of the model (crop size)' },
  epochs: { kind: 'int', min: 1, max: 1000, default: 10, help: 'epochs' },
  batch: { kind: 'int', min: 1, max: 4096, default: 64, help: 'batch size' },
  lr: { kind: 'number', above: 0, below: 1, default: 0.001, help: "Adam's learning rate" },
  recipe: { kind: 'choice', choices: Object.keys(RECIPES) as RecipeName[], default: 'original', help: 'augmentation recipe' },
  seed: { kind: 'seed', default: 0, help: 'seed of weights, shuffling and augmentation' },
  split: {
    kind: 'file',
    help: "a split exported by scripts/export_split.py (e.g. src/data/splits/chapters.json, the chapters' split shared with the PyTorch arms); default: the project's own seeded split",
  },
  name: { kind: 'string', default: 'full-run', placeholder: 'NAME', help: 'name of the run record' },
  out: { kind: 'string', placeholder: 'FILE', help: 'where the record goes (default .cache/runs/NAME.json; name src/data/runs/NAME.json to replace a committed record)' },
  kernels: { kind: 'choice', choices: KERNEL_SETS, default: 'fast', help: "our WebGPU kernels (fast) or TensorFlow.js's own (stock)" },
  concurrent: { kind: 'flag', help: 'other runs share the GPU meanwhile: the record says its seconds are not comparable' },
} as const satisfies CommandSpec['options'];

const SPEC = {
  command: 'npm run train:full --',
  summary: "Trains SimpleCNN on Caltech 101 with this project's code on WebGPU (Dawn) and writes a run record.",
  options: OPTIONS,
} satisfies CommandSpec;
const options = parseCommandLine('train:full', SPEC);

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
  let out: string;
  try {
    out = recordOutputPath(options.name, options.out);
  } catch (error) {
    return failUsage('train:full', SPEC, (error as Error).message);
  }
  await checkOutput(out); // before WebGPU, decoding and minutes of training
  // Loaded only now that the options are checked: a mistake is reported before sharp, tar and tfjs load.
  const { runFullTraining } = await import('../src/lib/runs/full-run-node');
  await runFullTraining({ config, name: options.name, kernels: options.kernels, splitFile: options.split, concurrent: options.concurrent, out });
}

main()
  .then(() => process.exit(0)) // Dawn keeps the process alive otherwise
  .catch((error) => {
    const oneLine = error?.name === 'DatasetError' || error?.name === 'OutputError';
    console.error(oneLine ? `train:full: ${error.message}` : error);
    process.exit(1);
  });
