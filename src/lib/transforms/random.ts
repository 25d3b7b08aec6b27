/**
 * The augmentation pipeline as steps, with its random parts drawn from an injectable seeded
 * generator: RandomHorizontalFlip, RandomRotation, RandomApply and Compose, like torchvision.
 * Each step reports what it did (flipped or not, which angle), so the playground can show it.
 */
import type { Rng } from '../data/rng';
import { centerCrop, hflip, rotate } from './geometry';
import type { RGBAImage } from './image';
import { resize } from './resize';
import { toRGB } from './color';

/** A step of the chain: a name as torchvision writes it, and what applying it did. */
export interface Step {
  /** e.g. "RandomRotation(10)" */
  name: string;
  apply(img: RGBAImage, rng: Rng): { image: RGBAImage; note: string };
}

const uniform = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng.next();

/** The original's `Lambda(lambda x: x.convert("RGB") if x.mode == 'L' else x)`. */
export const toRGBStep = (): Step => ({
  name: 'Lambda(→ RGB)',
  apply: (img) => ({ image: toRGB(img), note: 'RGB' }),
});

/** `Resize((h, w))`. */
export const resizeStep = (height: number, width = height): Step => ({
  name: `Resize((${height}, ${width}))`,
  apply: (img) => ({ image: resize(img, height, width), note: `${img.width}×${img.height} → ${width}×${height}` }),
});

/** `CenterCrop(size)`. */
export const centerCropStep = (size: number): Step => ({
  name: `CenterCrop(${size})`,
  apply: (img) => ({ image: centerCrop(img, size), note: `${size}×${size}` }),
});

/** `RandomHorizontalFlip(p)`: mirrors with probability p. */
export function randomHorizontalFlip(p = 0.5): Step {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (choose 0 … 1)`);
  return {
    name: `RandomHorizontalFlip(p=${p})`,
    apply: (img, rng) => (rng.next() < p ? { image: hflip(img), note: 'gespiegelt' } : { image: img, note: 'nicht gespiegelt' }),
  };
}

/** `RandomRotation(degrees)`: a uniform angle in [−degrees, degrees] (or [lo, hi]), nearest neighbour, black corners. */
export function randomRotation(degrees: number | [number, number]): Step {
  const [lo, hi] = typeof degrees === 'number' ? [-degrees, degrees] : degrees;
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError(`invalid degrees: ${JSON.stringify(degrees)} (a number ≥ 0 or [low, high])`);
  return {
    name: `RandomRotation(${typeof degrees === 'number' ? degrees : `(${lo}, ${hi})`})`,
    apply: (img, rng) => {
      const angle = uniform(rng, lo, hi);
      return { image: rotate(img, angle), note: `${angle.toFixed(1).replace('.', ',')}°` };
    },
  };
}

/** Applies `steps` one after the other; the notes are joined with `separator`. */
function applyInOrder(steps: Step[], img: RGBAImage, rng: Rng, separator: string): { image: RGBAImage; note: string } {
  const notes: string[] = [];
  for (const step of steps) {
    const r = step.apply(img, rng);
    img = r.image;
    notes.push(r.note);
  }
  return { image: img, note: notes.join(separator) };
}

/** `RandomApply(steps, p)`: applies all steps in order with probability p, else none. */
export function randomApply(steps: Step[], p = 0.5): Step {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`invalid probability: ${p} (choose 0 … 1)`);
  return {
    name: `RandomApply([${steps.map((s) => s.name).join(', ')}], p=${p})`,
    apply: (img, rng) => {
      if (p < rng.next()) return { image: img, note: 'übersprungen' }; // torchvision: `if self.p < torch.rand(1)`
      return applyInOrder(steps, img, rng, ' · ');
    },
  };
}

/** `Compose(steps)`: applies the steps in order. */
export function compose(steps: Step[]): Step {
  return {
    name: `Compose([${steps.map((s) => s.name).join(', ')}])`,
    apply: (img, rng) => {
      return applyInOrder(steps, img, rng, ' → ');
    },
  };
}
