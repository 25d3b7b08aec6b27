/**
 * The chain as CPU steps on images, with its random parts drawn from an injectable seeded
 * generator: RandomHorizontalFlip, RandomRotation, RandomApply and Compose, like torchvision.
 * The random steps are built from the chain table's entries (recipes.ts), which also draws their
 * numbers; each step reports what it did as structured data (`StepDraw`), and only the islands
 * turn that into words.
 */
import type { Rng } from '../data/rng';
import { centerCrop, hflip, rotate } from './geometry';
import type { RGBAImage } from './image';
import { resize } from './resize';
import { toRGB } from './color';
import { applyStep, drawStep, flipStep, rotateStep, stepName, type Draw, type ChainStep } from './recipes';

/** What a step did: a random step's draw, or what a fixed step produced (sizes in px). */
export type StepDraw =
  | Draw
  | { kind: 'rgb' }
  | { kind: 'resize'; from: { width: number; height: number }; to: { width: number; height: number } }
  | { kind: 'crop'; size: number }
  | { kind: 'compose'; draws: StepDraw[] };

/** A step of the chain: a name as torchvision writes it, and what applying it did. */
export interface Step {
  /** e.g. "RandomRotation(10)" */
  name: string;
  /** The chain-table entry a random step was built from (absent for the fixed steps). */
  entry?: ChainStep;
  apply(img: RGBAImage, rng: Rng): { image: RGBAImage; draw: StepDraw };
}

/** Applies what a random step drew to an image: the flip, the rotation, or RandomApply's steps in order. */
export function applyDraw(img: RGBAImage, draw: Draw): RGBAImage {
  switch (draw.kind) {
    case 'flip':
      return draw.flipped ? hflip(img) : img;
    case 'rotate':
      return rotate(img, draw.angle);
    case 'apply':
      return draw.draws.reduce(applyDraw, img);
  }
}

/** The CPU step of a chain-table entry: draws its numbers (recipes.ts), then applies them. */
export function tableStep(entry: ChainStep): Step {
  return {
    name: stepName(entry),
    entry,
    apply: (img, rng) => {
      const draw = drawStep(entry, rng);
      return { image: applyDraw(img, draw), draw };
    },
  };
}

/** The original's `Lambda(lambda x: x.convert("RGB") if x.mode == 'L' else x)`. */
export const toRGBStep = (): Step => ({
  name: 'Lambda(→ RGB)',
  apply: (img) => ({ image: toRGB(img), draw: { kind: 'rgb' } }),
});

/** `Resize((h, w))`. */
export const resizeStep = (height: number, width = height): Step => ({
  name: `Resize((${height}, ${width}))`,
  apply: (img) => ({ image: resize(img, height, width), draw: { kind: 'resize', from: { width: img.width, height: img.height }, to: { width, height } } }),
});

/** `CenterCrop(size)`. */
export const centerCropStep = (size: number): Step => ({
  name: `CenterCrop(${size})`,
  apply: (img) => ({ image: centerCrop(img, size), draw: { kind: 'crop', size } }),
});

/** `RandomHorizontalFlip(p)`: mirrors with probability p. */
export const randomHorizontalFlip = (p = 0.5): Step => tableStep(flipStep(p));

/** `RandomRotation(degrees)`: a uniform angle in [−degrees, degrees] (or [lo, hi]), nearest neighbour, black corners. */
export const randomRotation = (degrees: number | [number, number]): Step => tableStep(rotateStep(degrees));

/** `RandomApply(steps, p)`: applies all steps in order with probability p, else none (random steps only). */
export function randomApply(steps: Step[], p = 0.5): Step {
  const entries = steps.map((s) => {
    if (!s.entry) throw new RangeError(`RandomApply takes random steps only (got ${s.name})`);
    return s.entry;
  });
  return tableStep(applyStep(entries, p));
}

/** `Compose(steps)`: applies the steps in order. */
export function compose(steps: Step[]): Step {
  return {
    name: `Compose([${steps.map((s) => s.name).join(', ')}])`,
    apply: (img, rng) => {
      const draws: StepDraw[] = [];
      for (const step of steps) {
        const r = step.apply(img, rng);
        img = r.image;
        draws.push(r.draw);
      }
      return { image: img, draw: { kind: 'compose', draws } };
    },
  };
}
