/**
 * What the transforms playground computes, without the DOM: the chain as the page shows it,
 * one run of it with every intermediate image, and the numbers under the histograms. The
 * playground's worker calls `computeRun`; the page only imports `displaySteps` for the toggles.
 */
import { createRng } from '../../lib/data/rng';
import {
  centerCropStep,
  channelStats,
  createImage,
  histogram,
  MEAN,
  normalize,
  randomHorizontalFlip,
  randomRotation,
  resizeFor,
  resizeStep,
  STD,
  toRGBStep,
  toTensor,
  type RGBAImage,
  type Recipe,
  type Step,
} from '../../lib/transforms';

/** One step as the playground lists it. */
export interface DisplayStep {
  key: string;
  step: Step;
  /** Steps the reader can switch off; Lambda(→ RGB) always runs. */
  optional: boolean;
}

/** The chain as the playground shows it; the original's RandomApply(p=1) is opened up into its five steps. */
export function displaySteps(recipe: Recipe, cropSize: number): DisplayStep[] {
  const size = resizeFor(cropSize);
  const steps: DisplayStep[] = [
    { key: 'rgb', step: toRGBStep(), optional: false },
    { key: 'resize', step: resizeStep(size, size), optional: true },
  ];
  if (recipe === 'train') {
    steps.push({ key: 'flip', step: randomHorizontalFlip(0.5), optional: true }, { key: 'rot', step: randomRotation(10), optional: true });
  } else if (recipe === 'original') {
    steps.push(
      { key: 'flip1', step: randomHorizontalFlip(0.5), optional: true },
      { key: 'flip2', step: randomHorizontalFlip(0.5), optional: true },
      { key: 'rot1', step: randomRotation(10), optional: true },
      { key: 'rot2', step: randomRotation(10), optional: true },
      { key: 'rot3', step: randomRotation(10), optional: true },
    );
  }
  steps.push({ key: 'crop', step: centerCropStep(cropSize), optional: true });
  return steps;
}

const DUMMY = createImage(1, 1);

/** One step's outcome; `image` is null when the reader switched the step off. */
export interface StepResult {
  key: string;
  name: string;
  image: RGBAImage | null;
  note: string;
}

/** Runs the enabled steps; disabled ones still draw their random numbers, so toggling one step never changes the others. */
export function runChain(source: RGBAImage, recipe: Recipe, steps: DisplayStep[], enabled: Set<string>, seed: number): StepResult[] {
  const rng = createRng(seed);
  if (recipe === 'original') rng.next(); // RandomApply(p=1) draws its coin first: always below 1
  let image = source;
  return steps.map(({ key, step }) => {
    if (!enabled.has(key)) {
      step.apply(DUMMY, rng);
      return { key, name: step.name, image: null, note: 'ausgeschaltet' };
    }
    const result = step.apply(image, rng);
    image = result.image;
    return { key, name: step.name, image, note: result.note };
  });
}

/** What the reader asked for: recipe, input size, switched-off steps, and the seed of "Neu würfeln". */
export interface RunRequest {
  recipe: Recipe;
  cropSize: number;
  disabled: string[];
  seed: number;
}

/** Everything the page draws for one run. */
export interface RunResult {
  steps: StepResult[];
  /** Histograms (51 bins) of the final tensor after ToTensor on [0, 1] and after Normalize on [−1, 1]. */
  before: number[];
  after: number[];
  /** Per-channel means after Normalize. */
  means: number[];
  /** Share of the final image's pixels that the rotations filled black, in percent. */
  blackPercent: number;
}

/** Runs the chain on `source`, then ToTensor → Normalize, and measures the black fill of the rotations. */
export function computeRun(source: RGBAImage, request: RunRequest): RunResult {
  const steps = displaySteps(request.recipe, request.cropSize);
  const enabled = new Set(steps.map((s) => s.key).filter((k) => !request.disabled.includes(k)));
  const results = runChain(source, request.recipe, steps, enabled, request.seed);
  const final = [...results].reverse().find((r) => r.image)?.image ?? source;
  // Replaying the same draws on an all-white image marks every pixel the rotations filled black.
  const white = { width: source.width, height: source.height, data: new Uint8ClampedArray(source.data.length).fill(255) };
  const mask = runChain(white, request.recipe, steps, enabled, request.seed);
  const maskImage = [...mask].reverse().find((r) => r.image)?.image;
  let black = 0;
  if (maskImage) for (let i = 0; i < maskImage.data.length; i += 4) if (maskImage.data[i] === 0) black++;
  const tensor = toTensor(final);
  const normalized = normalize(tensor, MEAN, STD);
  return {
    steps: results,
    before: histogram(tensor.data, 0, 1, 51),
    after: histogram(normalized.data, -1, 1, 51),
    means: channelStats(normalized).mean,
    blackPercent: maskImage ? (100 * black) / (maskImage.width * maskImage.height) : 0,
  };
}
