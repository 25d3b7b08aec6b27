/**
 * The browser demo's data in src/lib (train/demo-data.ts, train/demo-run.ts) on tfjs's CPU
 * backend: the subset of the chosen demo classes, the images as a tensor (the GPU path's
 * fallback), the evaluation's example crops, and a pause gate that keeps pauses out of the times.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssetManifest, ImageSet } from '../../src/lib/data/manifest';
import { demoImageSet, evaluationExamples, imagesTensor, placeImages, selectDemoSubset } from '../../src/lib/train/demo-data';
import { createPauseGate } from '../../src/lib/train/demo-run';
import type { RGBAImage } from '../../src/lib/transforms/image';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** An image of side `size` whose every pixel is (v, v + 1, v + 2) and whose top-left pixel is (0, 0, 0). */
function image(size: number, v: number): RGBAImage {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let p = 0; p < size * size; p++) data.set([v, v + 1, v + 2, 255], p * 4);
  data.set([0, 0, 0, 255], 0);
  return { width: size, height: size, data };
}

// Three demo classes (data-set classes 7, 2, 9), each 3 training and 2 validation images, class by class.
const labels = [7, 7, 7, 7, 7, 2, 2, 2, 2, 2, 9, 9, 9, 9, 9];
const subsetOf = labels.map((_, i) => (i % 5 < 3 ? 'train' : 'val') as 'train' | 'val');
const set = { id: 'demo-4', cropSize: 4, size: 5, labels, subset: subsetOf, sources: [], shards: [], bytes: 0 } as ImageSet;
const classes = Array.from({ length: 10 }, (_, i) => `class${i}`);
const manifest = { sets: [set], demoClasses: [7, 2, 9], dataset: { classes } } as unknown as AssetManifest;
const images = labels.map((_, i) => image(5, 10 * i));

describe('demo data', () => {
  it('finds the set for a size, and says which sets exist when it is missing', () => {
    expect(demoImageSet(manifest, 4)).toBe(set);
    expect(() => demoImageSet(manifest, 32)).toThrow('no demo image set for 32 × 32 in the asset manifest (wanted demo-32; sets: demo-4)');
  });

  it('takes the first demo classes with their run labels and counts what each got', () => {
    const { subset, classes: names, counts } = selectDemoSubset(manifest, set, 2, 2);
    expect(names).toEqual(['class7', 'class2']);
    expect(subset.train).toEqual([
      { index: 0, label: 0 },
      { index: 1, label: 0 },
      { index: 5, label: 1 },
      { index: 6, label: 1 },
    ]);
    expect(subset.val).toEqual([
      { index: 3, label: 0 },
      { index: 8, label: 1 },
    ]);
    expect(counts).toEqual({ classes: ['class7', 'class2'], train: 4, val: 2, trainCounts: [2, 2], valCounts: [1, 1] });
    expect(selectDemoSubset(manifest, set, 3, 40).counts.trainCounts).toEqual([3, 3, 3]);
    expect(() => selectDemoSubset(manifest, set, 4, 2)).toThrow('invalid class count: 4 (the demo set has 3)');
  });

  it('packs the picked images as [n, R, R, 3] int32, and takes that path off WebGPU', () => {
    const picks = [{ index: 2, label: 0 }, { index: 10, label: 1 }];
    const t = imagesTensor(tf, images, picks, 5);
    expect(t.shape).toEqual([2, 5, 5, 3]);
    expect(t.dtype).toBe('int32');
    const values = t.dataSync();
    expect(Array.from(values.slice(0, 6))).toEqual([0, 0, 0, 20, 21, 22]);
    expect(Array.from(values.slice(75, 81))).toEqual([0, 0, 0, 100, 101, 102]);
    t.dispose();
    let fallback = '';
    const placed = placeImages(tf, images, picks, 5, (m) => (fallback = m));
    expect('shape' in placed && placed.shape).toEqual([2, 5, 5, 3]);
    expect(fallback).toBe(''); // on the CPU the gather path is the plan, not a fallback
    placed.dispose();
  });

  it('shows up to eight validation images spread over the set, center-cropped as the model saw them', () => {
    const val = Array.from({ length: 10 }, (_, k) => ({ index: k, label: k % 2 }));
    const ranked = val.map((_, k) => [{ label: k % 2, p: 0.9 }]);
    const { examples, sources } = evaluationExamples(images, val, ranked, 4, 4);
    expect(examples.map((e) => e.label)).toEqual([0, 0, 1, 1]); // positions 0, 2, 5, 7
    expect(sources).toEqual([images[0], images[2], images[5], images[7]]);
    expect(examples[1].ranked).toBe(ranked[2]);
    // Center crop 4 of 5: torchvision's offset round(0.5) = 0, so the black top-left pixel stays.
    expect([examples[0].width, examples[0].height]).toEqual([4, 4]);
    expect(Array.from(examples[1].data.slice(0, 8))).toEqual([0, 0, 0, 255, 20, 21, 22, 255]);
    expect(() => evaluationExamples(images, val, ranked.slice(1), 4)).toThrow('ranked holds 9 images, the validation set 10');
  });
});

describe('pause gate', () => {
  it('lets the loop through while running, holds it while paused, and counts only the time held', async () => {
    let now = 0;
    let held = 0;
    const gate = createPauseGate(() => held++, () => now);
    await gate.wait();
    expect(held).toBe(0);
    gate.pause();
    let through = false;
    const waiting = gate.wait().then(() => (through = true));
    await Promise.resolve();
    expect([held, through]).toEqual([1, false]);
    now = 15_000; // the reader pauses for 15 s
    gate.resume();
    await waiting;
    expect(through).toBe(true);
    expect(gate.heldWithin(0, 15_000)).toBe(15_000);
    expect(gate.heldWithin(15_000, 20_000)).toBe(0); // a later batch overlaps none of it
  });

  it('subtracts only the part of a pause inside a batch: a batch that finished during the pause keeps its own time', async () => {
    let now = 0;
    const gate = createPauseGate(() => {}, () => now);
    now = 1_000;
    gate.pause();
    const waiting = gate.wait(); // the loop is held from t = 1 s
    await Promise.resolve();
    now = 4_000; // a batch already in flight finishes at t = 4 s: it ran 0…4 s, held 1…4 s of that
    expect(gate.heldWithin(0, 4_000)).toBe(3_000);
    now = 11_000; // resumed at t = 11 s
    gate.resume();
    await waiting;
    // the next batch ran 4…17 s: 7 s of it were the rest of the pause, 6 s were work
    expect(17_000 - 4_000 - gate.heldWithin(4_000, 17_000)).toBe(6_000);
  });
});
