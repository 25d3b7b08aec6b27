/**
 * The chain table (src/lib/transforms/recipes.ts) and what is derived from it: the draws follow
 * torchvision's order of random numbers, the CPU chain and the playground's steps come from the
 * table, and the draws are the same as at commit 25b7456 (before the table existed).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { planBatch } from '../../src/lib/transforms/batch';
import { augmentationSteps } from '../../src/lib/transforms/chain';
import {
  applyStep,
  drawChain,
  drawStep,
  flipStep,
  leafDraws,
  leafSteps,
  maxOps,
  drawOps,
  operationsOf,
  CHAIN_NAMES,
  CHAIN_STEPS,
  rotateStep,
  stepName,
  type ChainName,
} from '../../src/lib/transforms/recipes';
import { describeDraw } from '../../src/components/islands/draw-notes';
import { computeRun } from '../../src/lib/transforms/playground';
import { buildChain } from '../../src/lib/transforms/chain';
import type { RGBAImage } from '../../src/lib/transforms/image';

/** A generator that hands out the given numbers in order and fails when asked for more. */
function scripted(values: number[]) {
  let i = 0;
  return {
    next: () => {
      if (i >= values.length) throw new Error(`asked for random number ${i + 1}, only ${values.length} scripted`);
      return values[i++];
    },
    int: () => {
      throw new Error('int() is not used by the recipes');
    },
    used: () => i,
  };
}

describe('the chain table', () => {
  it("holds the original's RandomApply(p=1) of two flips and three rotations, the tutorial's flip + rotation, and nothing for val", () => {
    expect(CHAIN_NAMES).toEqual(['original', 'train', 'val']);
    expect(CHAIN_STEPS.original.map(stepName)).toEqual([
      'RandomApply([RandomHorizontalFlip(p=0.5), RandomHorizontalFlip(p=0.5), RandomRotation(10), RandomRotation(10), RandomRotation(10)], p=1)',
    ]);
    expect(CHAIN_STEPS.train.map(stepName)).toEqual(['RandomHorizontalFlip(p=0.5)', 'RandomRotation(10)']);
    expect(CHAIN_STEPS.val).toEqual([]);
    expect(CHAIN_NAMES.map(maxOps)).toEqual([5, 2, 0]);
  });

  it.each(CHAIN_NAMES)('gives the CPU chain of %s, step for step', (chain) => {
    expect(augmentationSteps(chain).map((s) => s.name)).toEqual(CHAIN_STEPS[chain].map(stepName));
    expect(augmentationSteps(chain).map((s) => s.entry)).toEqual(CHAIN_STEPS[chain]);
  });

  it('draws like torchvision: flip if u < p, angle lo + (hi − lo)·u, RandomApply skips if p < u and then draws nothing more', () => {
    expect(drawStep(flipStep(0.5), scripted([0.49]))).toEqual({ kind: 'flip', flipped: true });
    expect(drawStep(flipStep(0.5), scripted([0.5]))).toEqual({ kind: 'flip', flipped: false });
    expect(drawStep(rotateStep(10), scripted([0.25]))).toEqual({ kind: 'rotate', angle: -5 });
    expect(drawStep(rotateStep([2, 6]), scripted([0.5]))).toEqual({ kind: 'rotate', angle: 4 });
    const rng = scripted([0.8, 0.1]);
    expect(drawStep(applyStep([flipStep(), rotateStep(10)], 0.7), rng)).toEqual({ kind: 'apply', skipped: true, draws: [] });
    expect(rng.used()).toBe(1);
    expect(drawStep(applyStep([flipStep(), rotateStep(10)], 0.7), scripted([0.7, 0.9, 0.75]))).toEqual({
      kind: 'apply',
      skipped: false,
      draws: [
        { kind: 'flip', flipped: false },
        { kind: 'rotate', angle: 5 },
      ],
    });
  });

  it('draws the original chain from six numbers in order: the coin, two flips, three angles', () => {
    const rng = scripted([0.99, 0.2, 0.7, 0, 0.5, 1]);
    const draws = drawChain('original', rng);
    expect(rng.used()).toBe(6);
    expect(operationsOf(draws)).toEqual([{ kind: 'flip' }, { kind: 'rotate', degrees: -10 }, { kind: 'rotate', degrees: 0 }, { kind: 'rotate', degrees: 10 }]);
    expect(leafDraws(draws, 'original')).toEqual([
      { kind: 'flip', flipped: true },
      { kind: 'flip', flipped: false },
      { kind: 'rotate', angle: -10 },
      { kind: 'rotate', angle: 0 },
      { kind: 'rotate', angle: 10 },
    ]);
    expect(leafSteps('original').map((l) => l.path)).toEqual([[0, 0], [0, 1], [0, 2], [0, 3], [0, 4]]);
    // drawOps (what the GPU pipeline's kernel gets) draws the same and lists the same operations.
    expect(drawOps('original', scripted([0.99, 0.2, 0.7, 0, 0.5, 1]))).toEqual({ ops: operationsOf(draws), draws });
  });

  it('gives null leaf draws where a RandomApply skipped', () => {
    expect(leafDraws([{ kind: 'apply', skipped: true, draws: [] }], 'original')).toEqual([null, null, null, null, null]);
  });

  it('validates its entries and names', () => {
    expect(() => flipStep(1.5)).toThrow('invalid probability: 1.5 (choose 0 … 1)');
    expect(() => rotateStep([5, 1])).toThrow('invalid degrees: [5,1] (a number ≥ 0 or [low, high])');
    expect(() => drawChain('test' as ChainName, createRng(1))).toThrow("invalid chain: 'test' (choose original, train or val)");
  });
});

describe('the playground, derived from the table', () => {
  it.each(CHAIN_NAMES)('shows the CPU chain of %s step for step, with the same draws and the same final image', (name) => {
    const rng = createRng(4);
    const source: RGBAImage = { width: 90, height: 70, data: Uint8ClampedArray.from({ length: 90 * 70 * 4 }, () => rng.int(256)) };
    for (const seed of [1, 2, 3]) {
      const shown = computeRun(source, { recipe: name, cropSize: 32, disabled: [], seed }).steps;
      const chain = createRng(seed);
      let image = source;
      const notes = buildChain(name, 32).flatMap((step) => {
        const r = step.apply(image, chain);
        image = r.image;
        return r.draw.kind === 'apply' && !r.draw.skipped ? r.draw.draws.map(describeDraw) : [describeDraw(r.draw)];
      });
      expect(shown.map((s) => describeDraw(s.draw!))).toEqual(notes);
      expect(Array.from(shown.at(-1)!.image!.data)).toEqual(Array.from(image.data));
    }
  });
});

describe('draws as the islands word them', () => {
  it('says in German what a step did', () => {
    expect(describeDraw({ kind: 'flip', flipped: true })).toBe('gespiegelt');
    expect(describeDraw({ kind: 'flip', flipped: false })).toBe('nicht gespiegelt');
    expect(describeDraw({ kind: 'rotate', angle: -3.74 })).toBe('−3,7°');
    expect(describeDraw({ kind: 'apply', skipped: true, draws: [] })).toBe('übersprungen');
    expect(describeDraw({ kind: 'apply', skipped: false, draws: [{ kind: 'flip', flipped: true }, { kind: 'rotate', angle: 5.25 }] })).toBe('gespiegelt · 5,3°');
  });
});

// For a batch of 8 at a few recipes, sizes and seeds: SHA-256 of planBatch's pixel maps and the
// generator's next number afterwards, computed with the code of commit 25b7456 (before the recipe
// table). The table must not change a single draw, nor how many numbers are drawn.
const MAPS_AT_25B7456: [ChainName, number, number, string, number][] = [
  ['original', 32, 3, '2cc35e4df7390dd5dd8df1ac0fc957117821b001de43b0662fba52afbc4132ca', 0.6590698773507029],
  ['original', 64, 11, 'f0cbd587ae4f88011493e26fbef548ffe5b98dd1ba4c4d5e9024e99935066761', 0.8684078543446958],
  ['original', 224, 0, '25c7c3078a33eeda619997deb4ce162b5771ca6f7151f0bcc176705ba88677e1', 0.8931359753478318],
  ['train', 32, 3, 'f0ab0cae345f6e2c83bb3a41b7ab747075c23f8f456ebc05567d3958d256d796', 0.3403249536640942],
  ['train', 64, 11, '0adf0341d6a068ef60ffab95cf8c101b6d47ffdb6a8b6d4073323d160a90d0b5', 0.9577921309974045],
  ['train', 224, 0, '9895c81abfefbef7c3749b7b3e16993928dad98f8b02a46d3dfcfe1aff0b2980', 0.5447050053626299],
  ['val', 32, 3, 'ac04880eb88e8db0eb8f2187254f8d117e4aa2a1fe86a8ec5343e804349cef90', 0.4118875162675977],
  ['val', 64, 11, '123db745ece96e5c53c025c436448554c6486001112343b52cd3bb68138c6d70', 0.5008064857684076],
  ['val', 224, 0, '656efc127b301fb2d925a921290ba7cbaab17cd781ec3a1385bdfb30a68b115f', 0.9791452463250607],
];

describe('the draws of commit 25b7456', () => {
  it.each(MAPS_AT_25B7456)('%s at crop %i, seed %i: the same pixel maps and the same count of draws', (chain, cropSize, seed, hash, after) => {
    const rng = createRng(seed);
    const { maps } = planBatch(chain, 8, Math.round((cropSize * 256) / 224), cropSize, rng);
    expect(createHash('sha256').update(new Uint8Array(maps.buffer)).digest('hex')).toBe(hash);
    expect(rng.next()).toBe(after);
  });
});
