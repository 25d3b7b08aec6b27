/**
 * The demos' options as one table: the input sizes every demo offers, and for the training
 * demo each setting's form choices, default, allowed range and URL parameter. TrainingDemo.astro
 * renders its form from it, the island's URL parser checks against it and `npm run bench -- demo`
 * builds its command line from it, so a limit changes in one place.
 */
import { ASSET_PLAN } from '../data/assets';
import { SEED_MAX, isSeed } from '../data/seed';
import { CROP_SIZES } from '../transforms/sizes';

/** Input sizes (crop sizes) every demo offers, smallest first; 224 is the original's. */
export const DEMO_SIZES = CROP_SIZES;
/** One of DEMO_SIZES. */
export type DemoSize = (typeof DEMO_SIZES)[number];

/** Largest seed the demos accept: the one seed range of lib/data/seed.ts. */
export const MAX_SEED = SEED_MAX;

/** True for a seed the demos accept: an integer 0 … 4294967295 (lib/data/seed.ts's isSeed). */
export const isValidSeed = (value: number): boolean => isSeed(value);

/** A whole-number setting: the form's choices, its default and the range a URL parameter may take. */
export interface IntegerOption {
  /** URL parameter (and `npm run bench -- demo` flag without the `demo-` prefix). */
  param: string;
  /** The `name` of the form control. */
  field: string;
  choices: readonly number[];
  default: number;
  min: number;
  max: number;
}

/** The training demo's settings (DemoConfig's fields): choices in the form, defaults, limits. */
export const TRAINING_OPTIONS = {
  classes: { param: 'demo-classes', field: 'classes', choices: [2, 3, 5, 10, 101], default: 5, min: 2, max: 101 },
  /** Above 40 only a 101-class run has the images (its default is all of them: perClassFor). */
  perClass: { param: 'demo-per-class', field: 'perClass', choices: [8, 16, 24, 40], default: 40, min: 1, max: 800 },
  cropSize: { param: 'demo-size', field: 'size', choices: DEMO_SIZES, default: 32, min: 16, max: 224 },
  epochs: { param: 'demo-epochs', field: 'epochs', choices: [1, 2, 3, 5, 10, 20], default: 5, min: 1, max: 100 },
  batchSize: { param: 'demo-batch', field: 'batch', choices: [8, 16, 32, 64], default: 32, min: 1, max: 256 },
} as const satisfies Record<string, IntegerOption>;

/** The class count "Alle 101 Klassen": the whole data set, trained on the all-N sets with the chapters' split. */
export const ALL_CLASSES = 101;
/** Up to this many classes the demo trains its ten chosen classes (the demo-N sets); otherwise only ALL_CLASSES. */
export const DEMO_CLASS_MAX = 10;
/** Input sizes a 101-class run offers: those with an all-N set. */
export const ALL_CLASS_SIZES: readonly number[] = ASSET_PLAN.allSizes;

/** The input sizes offered for `classes` classes: all of DEMO_SIZES, or for ALL_CLASSES those with an all-N set. */
export const sizesFor = (classes: number): readonly number[] => (classes === ALL_CLASSES ? ALL_CLASS_SIZES : DEMO_SIZES);

/** Training images per class of a run: with ALL_CLASSES every image unless `capped` (demo-per-class) says otherwise. */
export function perClassFor(classes: number, chosen: number, capped: boolean): number | 'all' {
  return classes === ALL_CLASSES && !capped ? 'all' : chosen;
}

/** The training demo's seed: any unsigned 32-bit integer, set by the URL parameter demo-seed (default 0, the records' seed). */
export const SEED_OPTION = { param: 'demo-seed', default: 0, min: 0, max: MAX_SEED } as const;

/** Learning rates the form offers (as the form's value strings, so "0.0003" keeps its digits). */
export const LEARNING_RATES = { field: 'lr', choices: ['0.0003', '0.001', '0.003'], default: '0.001' } as const;

/** Augmentation recipes the form offers, the corrected one first and preselected. */
export const TRAINING_RECIPES = { field: 'recipe', choices: ['corrected', 'original'], default: 'corrected' } as const;

/**
 * The per-class choices of the form for a size whose image set holds only `available` training
 * images per class: choices above it are off, and the selection moves down to the largest allowed.
 */
export function perClassChoicesFor(available: number, selected: number): { choices: { value: number; disabled: boolean }[]; selected: number; limited: boolean } {
  const { choices } = TRAINING_OPTIONS.perClass;
  const allowed = choices.filter((k) => k <= available);
  const fallback = allowed.at(-1) ?? choices[0];
  return {
    choices: choices.map((value) => ({ value, disabled: value > available && value !== choices[0] })),
    selected: selected <= available ? selected : fallback,
    limited: available < Math.max(...choices),
  };
}

/** What a setting's URL parameter may hold, in words for the error message: "2 … 10, 101" or "16, 32, 64, 128, 224". */
export function allowedText(option: IntegerOption): string {
  if (option.param === TRAINING_OPTIONS.classes.param) return `${option.min} … ${DEMO_CLASS_MAX}, ${ALL_CLASSES}`;
  return option.param === TRAINING_OPTIONS.cropSize.param ? option.choices.join(', ') : `${option.min} … ${option.max}`;
}

/** Whether `value` is allowed for `option`: a listed size for the input size, 2 … 10 or 101 classes, else an integer in min … max. */
export function isAllowed(option: IntegerOption, value: number): boolean {
  if (option.param === TRAINING_OPTIONS.cropSize.param) return option.choices.includes(value);
  if (option.param === TRAINING_OPTIONS.classes.param && value > DEMO_CLASS_MAX && value !== ALL_CLASSES) return false;
  return Number.isInteger(value) && value >= option.min && value <= option.max;
}
