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
 * CPU handles in seconds. The work is src/lib/runs/draws-node.ts's; the output path is checked
 * before anything is read.
 */
import { resolve } from 'node:path';
import { failUsage, parseCommandLine, type CommandSpec } from './cli';
import { checkOutput } from '../src/lib/runs/output-node';
import { RECIPES, type RecipeName } from '../src/lib/train/recipes';
import { CROP_SIZES } from '../src/lib/transforms/sizes';

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
    seed: { kind: 'seed', default: 0, help: 'seed' },
    split: { kind: 'file', help: 'the split file (default src/data/splits/chapters.json)' },
    out: { kind: 'string', placeholder: 'FILE', help: 'where the draws go (required)' },
    train: { kind: 'flag', help: "also train with our engine on TensorFlow.js's CPU backend and store its per-epoch metrics" },
  },
} as const satisfies CommandSpec;
const o = parseCommandLine('export-draws', SPEC);
if (!o.out) failUsage('export-draws', SPEC, '--out FILE is required');
const out = resolve(o.out);

async function main() {
  await checkOutput(out);
  const { exportDraws } = await import('../src/lib/runs/draws-node');
  const config = { classes: o.classes, perClass: o['per-class'], cropSize: o.size, epochs: o.epochs, batchSize: o.batch, recipe: o.recipe, seed: o.seed, learningRate: 0.001 };
  await exportDraws({ config, splitFile: o.split ?? 'src/data/splits/chapters.json', train: o.train, out });
}

main().catch((error) => {
  console.error(`export-draws: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
