/**
 * The training demo's configuration from its form and its URL parameters (demo-classes,
 * demo-per-class, demo-size, demo-epochs, demo-batch, demo-seed; demo-backend=webgpu|webgl|cpu
 * forces a backend, demo-kernels=stock takes TensorFlow.js's own WebGPU kernels, demo-simulate
 * is a test hook). Choices and limits come from the options table (lib/demo/options.ts).
 */
import { SEED_OPTION, TRAINING_OPTIONS, TRAINING_RECIPES, LEARNING_RATES, allowedText, isAllowed, isValidSeed } from '../../lib/demo/options';
import { BACKENDS, parseBackendParam, type BackendName } from '../../lib/webgpu/backend';
import { de } from './de';
import type { DemoConfig } from './training-protocol';

const t = de.training.config;

/** What a start needs besides the configuration: a forced backend, the kernel set and a simulated failure. */
export interface ChosenRun {
  config: DemoConfig;
  backend: BackendName | null;
  simulate?: string;
  kernels: 'fast' | 'stock';
}

/** The configuration: URL parameters win over the form (tests choose tiny runs this way). Throws a German message. */
export function readConfig(form: (field: string) => string, search: string): ChosenRun {
  const q = new URLSearchParams(search);
  const read = (key: keyof typeof TRAINING_OPTIONS) => {
    const option = TRAINING_OPTIONS[key];
    const raw = q.get(option.param) ?? form(option.field);
    const value = Number(raw);
    if (!isAllowed(option, value)) throw new Error(t.invalid(option.param, raw, allowedText(option)));
    return value;
  };
  const seedText = q.get(SEED_OPTION.param);
  const seed = seedText === null ? SEED_OPTION.default : Number(seedText);
  if (seedText !== null && (seedText.trim() === '' || !isValidSeed(seed))) throw new Error(t.invalid(SEED_OPTION.param, seedText, `${SEED_OPTION.min} … ${SEED_OPTION.max}`));
  const recipe = form(TRAINING_RECIPES.field) || TRAINING_RECIPES.default;
  const config: DemoConfig = {
    classes: read('classes'),
    perClass: read('perClass'),
    cropSize: read('cropSize'),
    epochs: read('epochs'),
    batchSize: read('batchSize'),
    learningRate: Number(form(LEARNING_RATES.field) || LEARNING_RATES.default),
    recipe: recipe as DemoConfig['recipe'],
    seed,
  };
  let backend: BackendName | null;
  try {
    backend = parseBackendParam(q.get('demo-backend'));
  } catch {
    throw new Error(t.invalid('demo-backend', q.get('demo-backend') ?? '', BACKENDS.join(', ')));
  }
  const kernels = q.get('demo-kernels') ?? 'fast';
  if (kernels !== 'fast' && kernels !== 'stock') throw new Error(t.invalid('demo-kernels', kernels, 'fast, stock'));
  return { config, backend, simulate: q.get('demo-simulate') ?? undefined, kernels };
}
