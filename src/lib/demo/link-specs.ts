/**
 * The four demos' links as tables (link-state.ts reads and writes them): which parameters each
 * demo keeps in the address, their choices, defaults and limits. Sizes and seeds come from
 * options.ts, recipes from the recipe table, step keys from the playground's chain, kernels from
 * convolve.ts; the sample images are the ones the page offers (its select), given by the caller.
 */
import { KERNELS } from '../model/convolve';
import { CHAIN_NAMES } from '../transforms/recipes';
import { displaySteps } from '../transforms/playground';
import { choiceField, numbersField, seedField, setField, type LinkSpec, type LinkValues } from './link-state';
import { DEMO_SIZES } from './options';

/** A sample's id in a link: its file name without folder and extension ("samples/panda_image_0005.jpg" → "panda_image_0005"). */
export const sampleId = (file: string): string => file.replace(/^.*\//, '').replace(/\.[^.]*$/, '');

/** The input size the playground and the summary show first: the original's 224. */
export const FULL_SIZE = DEMO_SIZES.at(-1)!;

/** The playground's first seed (its "Neu würfeln" counts up from here). */
export const PLAYGROUND_FIRST_SEED = 1;

/** Every step key any recipe's chain can switch off, in chain order (Resize, the random steps, CenterCrop). */
export const PLAYGROUND_STEP_KEYS: readonly string[] = [
  ...new Set(CHAIN_NAMES.flatMap((r) => displaySteps(r, FULL_SIZE).filter((s) => s.optional).map((s) => s.key))),
];

/** Transforms playground (`pg-`): image, recipe, size, switched-off steps, seed. `samples`: the offered sample ids, the first preselected. */
export const playgroundLink = (samples: readonly string[]) =>
  ({
    prefix: 'pg-',
    demo: 'Transformationskette',
    fields: {
      image: choiceField(samples, samples[0]),
      recipe: choiceField(CHAIN_NAMES, 'train'),
      size: choiceField<number>(DEMO_SIZES, FULL_SIZE),
      off: setField(PLAYGROUND_STEP_KEYS, []),
      seed: seedField(PLAYGROUND_FIRST_SEED),
    },
  }) satisfies LinkSpec;

/** Batch preview (`batch-`): recipe and the seed of the batch shown (absent: the page draws one). */
export const batchLink = {
  prefix: 'batch-',
  demo: 'Batch aus dem Training',
  fields: {
    recipe: choiceField(CHAIN_NAMES, 'train'),
    seed: seedField(null),
  },
} satisfies LinkSpec;

/** Model summary (`summary-`): the input size. */
export const summaryLink = {
  prefix: 'summary-',
  demo: 'Schichten und Parameter',
  fields: { size: choiceField<number>(DEMO_SIZES, FULL_SIZE) },
} satisfies LinkSpec;

/** The convolution figure's strides, as its menu offers them. */
export const CONV_STRIDES = [1, 2, 3] as const;
/** The convolution figure's paddings, as its menu offers them. */
export const CONV_PADDINGS = [0, 1, 2] as const;
/** Largest kernel value (in magnitude) a link may carry. */
export const CONV_VALUE_LIMIT = 1000;
/** The kernel the figure starts with (the chapter's worked example). */
export const CONV_FIRST_KERNEL = 'edgeVertical';

/** Convolution figure (`conv-`): image, kernel (a named one, or `custom` with its nine values), stride, padding. */
export const convolutionLink = (samples: readonly string[]) =>
  ({
    prefix: 'conv-',
    demo: 'Faltung',
    fields: {
      image: choiceField(samples, samples[0]),
      kernel: choiceField([...(Object.keys(KERNELS) as (keyof typeof KERNELS)[]), 'custom'] as const, CONV_FIRST_KERNEL),
      values: numbersField(9, CONV_VALUE_LIMIT),
      stride: choiceField<number>(CONV_STRIDES, 1),
      padding: choiceField<number>(CONV_PADDINGS, 0),
    },
  }) satisfies LinkSpec;

/** What the playground keeps in its link. */
export type PlaygroundLink = LinkValues<ReturnType<typeof playgroundLink>>;
/** What the batch preview keeps in its link. */
export type BatchLink = LinkValues<typeof batchLink>;
/** What the model summary keeps in its link. */
export type SummaryLink = LinkValues<typeof summaryLink>;
/** What the convolution figure keeps in its link. */
export type ConvolutionLink = LinkValues<ReturnType<typeof convolutionLink>>;
