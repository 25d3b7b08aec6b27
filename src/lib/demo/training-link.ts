/**
 * The training demo's link (`demo-…`), as a table for link-state.ts: every setting of the options
 * table under its URL parameter (TRAINING_OPTIONS' `param`, the seed, `demo-lr`, `demo-recipe`),
 * plus `demo-backend` (force webgpu, webgl or cpu), `demo-kernels` (`stock`: TensorFlow.js's own
 * WebGPU kernels) and `demo-simulate` (a test hook), which are absent by default. Built from the
 * options table, so a new choice or limit there is a new choice or limit here.
 */
import { SIMULATED_FAILURES } from '../train/simulated-failure';
import { BACKENDS } from '../webgpu/backend';
import { choiceField, germanDecimal, integerField, readLink, seedField, type LinkField, type LinkNotice, type LinkSpec } from './link-state';
import { LEARNING_RATES, SEED_OPTION, TRAINING_OPTIONS, TRAINING_RECIPES, allowedText, isAllowed, type IntegerOption } from './options';

/** The training demo's parameter prefix. */
export const TRAINING_PREFIX = 'demo-';

/** A setting of the options table as a link field: what isAllowed accepts (a listed size; else a whole number in min … max). */
function settingField(option: IntegerOption): LinkField<number> {
  const whole = integerField(option.min, option.max, option.default);
  const sizes = option.param === TRAINING_OPTIONS.cropSize.param;
  return {
    default: option.default,
    parse: (raw) => {
      const value = whole.parse(raw);
      return typeof value === 'number' && isAllowed(option, value) ? value : undefined;
    },
    format: String,
    allowed: sizes ? allowedText(option) : whole.allowed,
  };
}

/** One of `choices`, or null (absent: the demo decides). */
function optionalChoice(choices: readonly string[]): LinkField<string | null> {
  return { default: null, parse: (raw) => choices.find((c) => c === raw), format: (v) => v ?? '', allowed: choices.join(', ') };
}

/** A URL parameter without the prefix: `demo-per-class` → `per-class`. */
export const trainingField = (param: string) => param.slice(TRAINING_PREFIX.length);

/** The training demo's link: the settings' fields by name without prefix (`classes`, `per-class`, `size`, …). */
export const trainingLink: LinkSpec = {
  prefix: TRAINING_PREFIX,
  demo: 'Training im Browser',
  fields: {
    ...Object.fromEntries(Object.values(TRAINING_OPTIONS).map((o) => [trainingField(o.param), settingField(o)])),
    [trainingField(SEED_OPTION.param)]: seedField(SEED_OPTION.default),
    [LEARNING_RATES.field]: choiceField<string>(LEARNING_RATES.choices, LEARNING_RATES.default, germanDecimal),
    [TRAINING_RECIPES.field]: choiceField<string>(TRAINING_RECIPES.choices, TRAINING_RECIPES.default),
    backend: optionalChoice(BACKENDS),
    kernels: optionalChoice(['fast', 'stock']),
    simulate: optionalChoice(Object.keys(SIMULATED_FAILURES)),
  } as Record<string, LinkField<unknown>>,
};

/** What the training demo keeps in its link: the settings by field name (numbers), and the named extras. */
export type TrainingLink = Record<string, number | string | null> & {
  seed: number;
  lr: string;
  recipe: string;
  backend: string | null;
  kernels: string | null;
  simulate: string | null;
};

/** The training demo's link in `search`: every field's value (its default where absent or garbled) and the notices. */
export function readTrainingLink(search: string): { values: TrainingLink; notices: LinkNotice[] } {
  const { values, notices } = readLink(trainingLink, search);
  return { values: values as TrainingLink, notices };
}
