/**
 * The training demo's configuration when it starts: the settings from its form (which the link,
 * training-link.ts, set on load) and from the link what has no control in the form — demo-seed,
 * demo-backend=webgpu|webgl|cpu (forces a backend), demo-kernels=stock (TensorFlow.js's own
 * WebGPU kernels) and demo-simulate (a test hook). Choices and limits come from the options
 * table (lib/demo/options.ts); the link's fields from lib/demo/training-link.ts.
 */
import { TRAINING_OPTIONS, TRAINING_RECIPES, LEARNING_RATES, allowedText, isAllowed, perClassFor, sizesFor, type IntegerOption } from '../../lib/demo/options';
import { readTrainingLink } from '../../lib/demo/training-link';
import type { BackendName } from '../../lib/webgpu/backend';
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

/** The configuration from the form and the link's extras (a garbled extra is its default; the link's notice says so). Throws a German message for a form value outside the table. */
export function readConfig(form: (field: string) => string, search: string): ChosenRun {
  const { values } = readTrainingLink(search);
  const read = (option: IntegerOption) => {
    const raw = form(option.field);
    const value = Number(raw);
    if (!isAllowed(option, value)) throw new Error(t.invalid(option.param, raw, allowedText(option)));
    return value;
  };
  const O = TRAINING_OPTIONS;
  const classes = read(O.classes);
  const cropSize = read(O.cropSize);
  if (!sizesFor(classes).includes(cropSize)) throw new Error(t.invalid(O.cropSize.param, String(cropSize), de.data.sizesWith(classes, sizesFor(classes).join(', '))));
  const config: DemoConfig = {
    classes,
    // At 101 classes every training image, unless the link caps them (demo-per-class).
    perClass: perClassFor(classes, read(O.perClass), new URLSearchParams(search).has(O.perClass.param)),
    cropSize,
    epochs: read(O.epochs),
    batchSize: read(O.batchSize),
    learningRate: Number(form(LEARNING_RATES.field) || LEARNING_RATES.default),
    recipe: (form(TRAINING_RECIPES.field) || TRAINING_RECIPES.default) as DemoConfig['recipe'],
    seed: values.seed,
  };
  return { config, backend: values.backend as BackendName | null, simulate: values.simulate ?? undefined, kernels: values.kernels === 'stock' ? 'stock' : 'fast' };
}
