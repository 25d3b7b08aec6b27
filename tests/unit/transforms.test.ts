/**
 * The transforms against torchvision: the reference outputs of the original PyTorch code,
 * and torchvision itself (Debian's python3-torchvision) on images no one has seen before.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import {
  buildChain,
  centerCrop,
  channelStats,
  createImage,
  hflip,
  histogram,
  MEAN,
  normalize,
  randomApply,
  randomHorizontalFlip,
  randomRotation,
  resize,
  rotate,
  roundHalfEven,
  STD,
  toTensor,
  type RGBAImage,
} from '../../src/lib/transforms';
import { referenceFolder } from '../helpers/fixtures';
import { countDifferences, readPng } from '../helpers/png';
import { runPython, torchSkipReason } from '../helpers/python';

const ref = (name: string) => readPng(join(referenceFolder!, name));
const names = referenceFolder ? readdirSync(referenceFolder).filter((f) => f.endsWith('.jpg')).map((f) => f.slice(0, -4)) : [];
const info = referenceFolder ? JSON.parse(readFileSync(join(referenceFolder, 'info.json'), 'utf8')) : null;

describe.skipIf(!referenceFolder)('transforms against the reference outputs of the original code', () => {
  it.each(names)('%s: CenterCrop(224) and horizontal flip are exact', (name) => {
    const resized = ref(`${name}.resize256.png`);
    expect(countDifferences(centerCrop(resized, 224), ref(`${name}.crop224.png`))).toBe(0);
    expect(countDifferences(hflip(resized), ref(`${name}.hflip.png`))).toBe(0);
  });

  it.each(names)('%s: rotations by −10, −3.7, 5.2, 10 and 7.5 degrees are exact', (name) => {
    const resized = ref(`${name}.resize256.png`);
    for (const angle of ['-10.0', '-3.7', '5.2', '10.0']) {
      expect(countDifferences(rotate(resized, Number(angle)), ref(`${name}.rot${angle}.png`)), angle).toBe(0);
    }
    expect(countDifferences(rotate(ref(`${name}.decoded.png`), 7.5), ref(`${name}.decodedrot7.5.png`))).toBe(0);
  });

  it.each(names)('%s: ToTensor + Normalize gives the reference channel means (±1e-3), min and max', (name) => {
    const t = normalize(toTensor(ref(`${name}.crop224.png`)), MEAN, STD);
    const stats = channelStats(t);
    const expected = info.stats[name];
    stats.mean.forEach((m, c) => expect(Math.abs(m - expected.mean[c])).toBeLessThan(1e-3));
    expect(Math.min(...stats.min)).toBeCloseTo(expected.min, 6);
    expect(Math.max(...stats.max)).toBeCloseTo(expected.max, 6);
  });

  it('the validation chain at 224 is the original Resize(256) → CenterCrop(224)', () => {
    const name = names[0];
    const steps = buildChain('val', 224);
    let img = ref(`${name}.decoded.png`);
    for (const step of steps) img = step.apply(img, createRng(0)).image;
    expect(countDifferences(img, ref(`${name}.crop224.png`))).toBe(0);
  });
});

/** Random test images: noise, gradients and hard edges, grey or colour, of random size. */
function makeImage(rng: ReturnType<typeof createRng>, width: number, height: number, kind: number, grey: boolean): RGBAImage {
  const img = createImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const v = kind === 0 ? rng.int(256) : kind === 1 ? Math.round((255 * (x + y * (c + 1))) / (width + height * 3)) % 256 : ((x >> 3) + (y >> 3)) % 2 ? 255 : 0;
        img.data[i + c] = grey ? (c === 0 ? v : img.data[i]) : v;
      }
    }
  }
  return img;
}

const writePng = (path: string, img: RGBAImage) => {
  const png = new PNG({ width: img.width, height: img.height });
  png.data.set(img.data);
  writeFileSync(path, PNG.sync.write(png, { colorType: 2, inputHasAlpha: true }));
};

/** How many random images the torchvision property test draws (ORACLE_CASES=n to change, ORACLE_CASE=i to replay one). */
const CASE_COUNT = Number(process.env.ORACLE_CASES || 300);
const ONLY = process.env.ORACLE_CASE ? Number(process.env.ORACLE_CASE) : null;

describe.skipIf(!!torchSkipReason)('transforms against torchvision on images it has never seen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rng = createRng(2024);
  const cases = Array.from({ length: CASE_COUNT }, (_, i) => ({
    i,
    width: 1 + rng.int(i < 8 ? 4 : 600),
    height: 1 + rng.int(i < 8 ? 4 : 600),
    kind: i % 3, // noise, gradient, hard edges
    grey: i % 4 === 1,
    angle: Number((rng.next() * 40 - 20).toFixed(2)),
  })).filter((c) => ONLY === null || c.i === ONLY);

  it(`resize, crop and flip are exact and rotation ≥ 99.5 % equal on ${cases.length} random images (1 … 600 px, grey and colour)`, () => {
    const jobs: object[] = [];
    const images = cases.map((c) => {
      const img = makeImage(createRng(c.i), c.width, c.height, c.kind, c.grey);
      writePng(join(dir, `${c.i}.png`), img);
      const resized = resize(img, 256, 256);
      writePng(join(dir, `${c.i}.r.png`), resized);
      for (const [op, input] of [['resize256', `${c.i}.png`], ['crop:224', `${c.i}.r.png`], ['crop:100', `${c.i}.png`], ['hflip', `${c.i}.png`], [`rot:${c.angle}`, `${c.i}.r.png`]]) {
        jobs.push({ input: join(dir, input), output: join(dir, `${c.i}.${op.replace(':', '_')}.out.png`), op });
      }
      return { img, resized };
    });
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    expect(runPython('tests/python/torchvision_oracle.py', [join(dir, 'jobs.json')])).toMatch(/jobs done/);
    const failures: string[] = [];
    for (const [k, c] of cases.entries()) {
      const { img, resized } = images[k];
      const out = (op: string) => readPng(join(dir, `${c.i}.${op}.out.png`));
      const checks: [string, RGBAImage, RGBAImage, number][] = [
        ['resize256', resize(img, 256, 256), out('resize256'), 1],
        ['crop_224', centerCrop(resized, 224), out('crop_224'), 1],
        ['crop_100', centerCrop(img, 100), out('crop_100'), 1],
        ['hflip', hflip(img), out('hflip'), 1],
        [`rot_${c.angle}`, rotate(resized, c.angle), out(`rot_${c.angle}`), 0.995],
      ];
      for (const [op, ours, theirs, needed] of checks) {
        const equal = 1 - countDifferences(ours, theirs) / (ours.width * ours.height * 3);
        if (equal < needed) {
          // Keep the case so it can be replayed (ORACLE_CASE=i) and looked at.
          const keep = join('test-results', 'oracle-failures', `case-${c.i}`);
          mkdirSync(keep, { recursive: true });
          copyFileSync(join(dir, `${c.i}.png`), join(keep, 'input.png'));
          writePng(join(keep, `${op}.ours.png`), ours);
          writePng(join(keep, `${op}.torchvision.png`), theirs);
          writeFileSync(join(keep, 'case.json'), JSON.stringify({ ...c, op, equal }, null, 2));
          failures.push(`case ${c.i} (${c.width}×${c.height}) ${op}: ${(100 * equal).toFixed(3)} % equal → ${keep} (replay: ORACLE_CASE=${c.i})`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

describe('random steps', () => {
  const img = makeImage(createRng(1), 40, 30, 0, false);

  it('draw from the injected generator: the same seed gives the same result', () => {
    const step = randomApply([randomHorizontalFlip(), randomRotation(10)], 0.7);
    const a = step.apply(img, createRng(5));
    const b = step.apply(img, createRng(5));
    expect(a.draw).toEqual(b.draw);
    expect(countDifferences(a.image, b.image)).toBe(0);
  });

  it('flip with the requested probability and rotate within ±degrees', () => {
    const rng = createRng(9);
    const flip = randomHorizontalFlip(0.5);
    let flipped = 0;
    for (let i = 0; i < 2000; i++) {
      const r = flip.apply(img, rng);
      if (r.draw.kind !== 'flip') throw new Error(`a flip reported ${r.draw.kind}`);
      if (r.draw.flipped) flipped++;
      expect(countDifferences(r.image, r.draw.flipped ? hflip(img) : img)).toBe(0);
    }
    expect(Math.abs(flipped - 1000)).toBeLessThan(100);
    const rot = randomRotation(10);
    const angles: number[] = [];
    for (let i = 0; i < 200; i++) {
      const r = rot.apply(img, rng);
      if (r.draw.kind !== 'rotate') throw new Error(`a rotation reported ${r.draw.kind}`);
      angles.push(r.draw.angle);
      if (i < 5) expect(countDifferences(r.image, rotate(img, r.draw.angle))).toBe(0);
    }
    expect(Math.max(...angles.map(Math.abs))).toBeLessThanOrEqual(10);
    expect(Math.min(...angles)).toBeLessThan(-9); // the whole range is drawn, not a part of it
    expect(Math.max(...angles)).toBeGreaterThan(9);
  });

  it("shows what the original's RandomApply(p=1) of two flips and three rotations does", () => {
    const [step] = buildChain('original', 64).slice(2, 3);
    const r = step.apply(img, createRng(3));
    expect(r.draw).toMatchObject({ kind: 'apply', skipped: false });
    expect(r.draw.kind === 'apply' && r.draw.draws.map((d) => d.kind)).toEqual(['flip', 'flip', 'rotate', 'rotate', 'rotate']);
  });

  it.each([
    [() => randomHorizontalFlip(1.5), 'invalid probability: 1.5 (choose 0 … 1)'],
    [() => centerCrop(img, 0), 'invalid crop size: 0 (expected a positive integer)'],
    [() => normalize(toTensor(img), [0.5], [0.5]), 'mean and std need 3 values each (got 1 and 1)'],
  ])('validates its options (%#)', (call, message) => {
    expect(call).toThrow(message);
  });
});

describe('helpers', () => {
  it('rounds halves to even like Python', () => {
    expect([0.5, 1.5, 2.5, 4.5, -0.5, 3.2].map((v) => roundHalfEven(v) + 0)).toEqual([0, 2, 2, 4, 0, 3]);
  });

  it('counts a histogram over a range', () => {
    expect(histogram([-1, -0.5, 0, 0.5, 1], -1, 1, 4)).toEqual([1, 1, 1, 2]);
  });
});
