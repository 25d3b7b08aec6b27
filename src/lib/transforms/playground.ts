/**
 * What the transforms playground computes, without the DOM: the chain as the page shows it,
 * one run of it with every intermediate image (a memo keeps the leading pure steps, so re-rolling
 * a 12-megapixel photo does not resize it again), the black-fill mask of the rotations, and the
 * histograms before and after Normalize. The playground's worker calls `computeRun`; the page
 * imports `displaySteps` for the toggles. Steps report their draws as data; the page words them.
 */
import { createRng, type Rng } from '../data/rng';
import {
  applyDraw,
  centerCropStep,
  channelStats,
  drawChain,
  histogram,
  leafDraws,
  leafSteps,
  MEAN,
  normalize,
  resizeFor,
  resizeStep,
  STD,
  tableStep,
  toRGBStep,
  toTensor,
  type RGBAImage,
  type ChainName,
  type Draw,
  type Step,
  type StepDraw,
} from './index';

/** One step as the playground lists it. */
export interface DisplayStep {
  key: string;
  step: Step;
  /** Steps the reader can switch off; Lambda(→ RGB) always runs. */
  optional: boolean;
  /** Draws no random numbers and depends only on its input: its result can be kept for the next run. */
  pure?: boolean;
  /** For a random step: its index among the recipe's flips and rotations (recipes.ts `leafSteps`). */
  leaf?: number;
}

/** The chain as the playground shows it, from the recipe table; RandomApply is opened up into its steps. */
export function displaySteps(recipe: ChainName, cropSize: number): DisplayStep[] {
  const size = resizeFor(cropSize);
  const leaves = leafSteps(recipe);
  const seen = { flip: 0, rotate: 0 };
  const random = leaves.map(({ step }, leaf): DisplayStep => {
    // "flip", "rot" where the recipe has one of a kind, else "flip1", "flip2", "rot1", …
    const base = step.kind === 'flip' ? 'flip' : 'rot';
    const n = ++seen[step.kind];
    const single = leaves.filter((l) => l.step.kind === step.kind).length === 1;
    return { key: single ? base : `${base}${n}`, step: tableStep(step), optional: true, leaf };
  });
  return [
    { key: 'rgb', step: toRGBStep(), optional: false, pure: true },
    { key: 'resize', step: resizeStep(size, size), optional: true, pure: true },
    ...random,
    { key: 'crop', step: centerCropStep(cropSize), optional: true },
  ];
}

/** One step's outcome; `image` and `draw` are null when the reader switched the step off. */
export interface StepResult {
  key: string;
  name: string;
  image: RGBAImage | null;
  /** What the step did (flipped or not, the angle, the sizes), for the page to put in words. */
  draw: StepDraw | null;
}

/**
 * Keeps the results of the chain's leading pure steps (Lambda(→ RGB), Resize) for one source
 * image, so re-rolling a 12-megapixel photo does not resize it again. Clear it when the source changes.
 */
export type StepMemo = Map<string, { image: RGBAImage; draw: StepDraw }>;

/**
 * Runs the enabled steps. The recipe's draws come first, all of them, so toggling one step never
 * changes the others. With `memo`, leading pure steps reuse their earlier results.
 */
export function runChain(source: RGBAImage, recipe: ChainName, steps: DisplayStep[], enabled: Set<string>, seed: number, memo?: StepMemo): StepResult[] {
  const rng = createRng(seed);
  const draws = leafDraws(drawChain(recipe, rng), recipe);
  let image = source;
  let prefix = ''; // the steps run so far, as a memo key
  let leading = true; // no random step has run yet
  return steps.map(({ key, step, pure, leaf }) => {
    if (!enabled.has(key)) {
      prefix += `|${key}:off`;
      return { key, name: step.name, image: null, draw: null };
    }
    leading &&= !!pure;
    const memoKey = `${prefix}|${step.name}`;
    const kept = leading ? memo?.get(memoKey) : undefined;
    const result = kept ?? runStep(step, leaf === undefined ? null : (draws[leaf] ?? SKIPPED), image, rng);
    if (leading && memo && !kept) memo.set(memoKey, result);
    prefix = memoKey;
    image = result.image;
    return { key, name: step.name, image, draw: result.draw };
  });
}

/** What a random step shows where its RandomApply skipped. */
const SKIPPED: Draw = { kind: 'apply', skipped: true, draws: [] };

/** One step on `image`: a fixed step as it is, a random one with its draw from the recipe. */
function runStep(step: Step, draw: Draw | null, image: RGBAImage, rng: Rng): { image: RGBAImage; draw: StepDraw } {
  if (!draw) return step.apply(image, rng);
  return { image: applyDraw(image, draw), draw };
}

/** What the reader asked for: recipe, input size, switched-off steps, and the seed of "Neu würfeln". */
export interface RunRequest {
  recipe: ChainName;
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

/** What a worker keeps between runs on the same source: pure steps' results for it and for its all-white twin. */
export interface RunMemo {
  source: StepMemo;
  white: StepMemo;
  whiteImage?: RGBAImage;
}

/** Runs the chain on `source`, then ToTensor → Normalize, and measures the black fill of the rotations. */
export function computeRun(source: RGBAImage, request: RunRequest, memo?: RunMemo): RunResult {
  const steps = displaySteps(request.recipe, request.cropSize);
  const enabled = new Set(steps.map((s) => s.key).filter((k) => !request.disabled.includes(k)));
  const results = runChain(source, request.recipe, steps, enabled, request.seed, memo?.source);
  const final = [...results].reverse().find((r) => r.image)?.image ?? source;
  // Replaying the same draws on an all-white image marks every pixel the rotations filled black.
  const white = memo?.whiteImage ?? { width: source.width, height: source.height, data: new Uint8ClampedArray(source.data.length).fill(255) };
  if (memo) memo.whiteImage = white;
  const mask = runChain(white, request.recipe, steps, enabled, request.seed, memo?.white);
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
