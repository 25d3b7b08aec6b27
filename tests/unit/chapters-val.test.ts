/**
 * Validation images of the chapters' split in the assets (src/lib/data/chapters-val.ts), the loaded
 * model's scores on them (src/lib/train/val-evaluation.ts) and the memory budget checked before a
 * model file is read (src/lib/model/model-memory.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planChaptersValSets, selectChaptersVal } from '../../src/lib/data/chapters-val';
import type { DatasetIndex } from '../../src/lib/data/caltech101';
import type { AssetManifest, ImageSet } from '../../src/lib/data/manifest';
import { createRng } from '../../src/lib/data/rng';
import { createSimpleCNN } from '../../src/lib/model/simplecnn';
import { planModelLoad } from '../../src/lib/model/model-memory';
import { predictProbabilities } from '../../src/lib/train/loop';
import { scoreValImages, summarizeValPredictions } from '../../src/lib/train/val-evaluation';
import type { RGBAImage } from '../../src/lib/transforms/image';

// Three classes a, b, c with 4, 3, 2 images at positions 0-3, 4-6, 7-8.
const index: DatasetIndex = {
  classes: ['a', 'b', 'c'],
  counts: [4, 3, 2],
  images: [0, 0, 0, 0, 1, 1, 1, 2, 2].map((label, i) => ({ label, file: `image_${i}.jpg` })),
};

const set = (id: string, labels: number[], subset: ('train' | 'val')[]): ImageSet => ({
  id, cropSize: 16, size: 18, labels, subset, sources: labels.map((l, i) => `${index.classes[l]}/image_${i}.jpg`), shards: [], bytes: 0,
});
const manifestWith = (...sets: ImageSet[]) => ({ dataset: { classes: index.classes }, sets }) as unknown as AssetManifest;

describe('chapters-split validation images in the assets', () => {
  it('plans per crop size the first validation images of each class in the split file\'s order, grouped by class', () => {
    const sets = planChaptersValSets(index, [6, 3, 8, 1, 4, 0], [], { 16: 2, 224: 1 });
    expect(sets.map((s) => [s.id, s.cropSize, s.size])).toEqual([['chapters-val-16', 16, 18], ['chapters-val-224', 224, 256]]);
    expect(sets[0].positions).toEqual([3, 1, 6, 4, 8]);
    expect(sets[1].positions).toEqual([3, 6, 8]);
    expect(sets[0].subset).toEqual(['val', 'val', 'val', 'val', 'val']);
    const all32 = { id: 'all-32', cropSize: 32, size: 37, positions: [], subset: [] };
    expect(planChaptersValSets(index, [6, 3], [all32], { 16: 1, 32: 1 }).map((s) => s.id)).toEqual(['chapters-val-16']); // all-32 holds them already
  });

  it('skips the positions a planned demo set trains on and takes the next validation images of the class instead', () => {
    const demo = { id: 'demo-32', cropSize: 32, size: 37, positions: [3, 6, 4], subset: ['train' as const, 'train' as const, 'val' as const] };
    const [val16] = planChaptersValSets(index, [6, 3, 8, 1, 4, 0], [demo], { 16: 2 });
    expect(val16.positions).toEqual([1, 0, 4, 8]); // a: 3 skipped, 1 and 0; b: 6 skipped, 4 (a demo validation image) stays
  });

  it('picks only validation images of the model\'s classes, with the model\'s class indices, preferring all-<s>', () => {
    const small = set('chapters-val-16', [0, 1, 2], ['val', 'val', 'val']);
    const all = set('all-16', [0, 0, 1, 2], ['train', 'val', 'val', 'train']);
    const fromSmall = selectChaptersVal(manifestWith(small), 16, ['c', 'a', 'zebra'])!;
    expect(fromSmall.set.id).toBe('chapters-val-16');
    expect(fromSmall.images).toEqual([{ index: 0, label: 1, source: 'a/image_0.jpg' }, { index: 2, label: 0, source: 'c/image_2.jpg' }]);
    expect(fromSmall.missing).toEqual(['zebra']);
    const fromAll = selectChaptersVal(manifestWith(small, all), 16, ['a', 'b', 'c'])!;
    expect(fromAll.set.id).toBe('all-16');
    expect(fromAll.images.map((i) => i.index)).toEqual([1, 2]); // the training images 0 and 3 never count
    expect(fromAll.missing).toEqual(['c']);
    expect(selectChaptersVal(manifestWith(small), 32, ['a', 'b'])).toBeNull();
    const many = set('all-16', [0, 0, 0, 1], ['val', 'val', 'val', 'val']);
    expect(selectChaptersVal(manifestWith(many), 16, ['a', 'b'], 2)!.images.map((i) => i.index)).toEqual([0, 1, 3]); // at most 2 per class
  });

  it('leaves out every image a demo set trains on, matched by its source, and fills the class from the next ones', () => {
    const small = set('chapters-val-16', [0, 0, 0, 1, 2], ['val', 'val', 'val', 'val', 'val']);
    // The demo's set at another size: a/image_1.jpg and c/image_4.jpg are its training images, b/image_3.jpg its validation image.
    const demo = { ...set('demo-32', [0, 1, 2], ['train', 'val', 'train']), cropSize: 32, sources: ['a/image_1.jpg', 'b/image_3.jpg', 'c/image_4.jpg'] };
    const picked = selectChaptersVal(manifestWith(small, demo), 16, ['a', 'b', 'c'], 2)!;
    expect(picked.images.map((i) => i.source)).toEqual(['a/image_0.jpg', 'a/image_2.jpg', 'b/image_3.jpg']);
    expect(picked.excluded).toBe(2);
    expect(picked.missing).toEqual(['c']);
    expect(selectChaptersVal(manifestWith(small), 16, ['a', 'b', 'c'], 2)!.excluded).toBe(0);
  });
});

describe('scores of a loaded model on validation images', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const selection = { set: set('chapters-val-16', [0, 0, 1, 1, 2], ['val', 'val', 'val', 'val', 'val']), missing: [], excluded: 0, images: [0, 0, 1, 1, 2].map((label, index) => ({ index, label, source: `x/${index}.jpg` })) };

  it('counts the right ones, per class worst first, and the most confused pairs', () => {
    // Predicted: 0, 1, 1, 1, 0 (rows of probabilities over 3 classes).
    const probs = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.6, 0.3, 0.3, 0.4, 0.3, 0.5, 0.2, 0.3];
    const ev = summarizeValPredictions(selection, ['a', 'b', 'c'], probs);
    expect([ev.count, ev.correct, ev.accuracy]).toEqual([5, 3, 0.6]);
    expect(ev.images[1]).toEqual({ source: 'x/1.jpg', label: 0, predicted: 1, p: 0.7 });
    expect(ev.perClass.map((c) => [c.index, c.images, c.accuracy])).toEqual([[2, 1, 0], [0, 2, 0.5], [1, 2, 1]]);
    expect(ev.confused.map((c) => [c.trueClass, c.predicted, c.count, c.images])).toEqual([[0, 1, 1, 2], [2, 0, 1, 1]]);
  });

  it('runs the model batch by batch on the picked images exactly as on all at once', async () => {
    const { model } = createSimpleCNN(tf, { inputSize: 16, numClasses: 3, seed: 3 });
    const rng = createRng(7);
    const images: RGBAImage[] = Array.from({ length: 6 }, () => ({ width: 18, height: 18, data: Uint8ClampedArray.from({ length: 18 * 18 * 4 }, () => Math.floor(rng.next() * 256)) }));
    const picked = { ...selection, images: [5, 1, 2, 4, 0].map((index, k) => ({ index, label: k % 3, source: `x/${index}.jpg` })) };
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const { evaluation, examples, sources } = await scoreValImages(tf, model, images, picked, ['a', 'b', 'c'], 16, { batch: 2, shown: 3, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([2, 4, 5]);
    expect(tf.memory().numTensors).toBe(before);
    const x = tf.tensor4d(Int32Array.from(picked.images.flatMap((p) => [...images[p.index].data].filter((_, i) => i % 4 !== 3))), [5, 18, 18, 3], 'int32');
    const all = await predictProbabilities(tf, model, x, 16);
    x.dispose();
    expect(evaluation.images.map((v) => v.predicted)).toEqual(summarizeValPredictions(picked, ['a', 'b', 'c'], all).images.map((v) => v.predicted));
    expect(evaluation.images.map((v) => v.p)).toEqual(summarizeValPredictions(picked, ['a', 'b', 'c'], all).images.map((v) => v.p));
    expect(examples.map((e) => [e.width, e.label])).toEqual([[16, 0], [16, 1], [16, 0]]);
    expect(sources[1]).toBe(images[1]);
    model.dispose();
  });
});

describe('memory budget of a model file', () => {
  it('refuses before reading when the load would need more than half of the device\'s memory', () => {
    const big = planModelLoad(411_000_000, 4);
    expect(big.exceedsWebGpuDefaults).toBe(true);
    expect(big.refusal).toEqual({ code: 'device-memory', available: 4 * 2 ** 30 });
    expect(planModelLoad(411_000_000, 8).refusal).toBeNull();
    expect(planModelLoad(411_000_000).refusal).toBeNull(); // the browser does not say: try
    expect(planModelLoad(3e9).refusal).toEqual({ code: 'file-too-large', limit: 2 ** 31 - 1 });
    expect(planModelLoad(2_000_000, 0.25)).toMatchObject({ exceedsWebGpuDefaults: false, refusal: null });
  });
});
