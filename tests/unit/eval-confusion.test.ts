/**
 * The shared confusion arithmetic (lib/eval/confusion.ts): the matrix from (true, predicted) pairs,
 * per-class accuracy, classes ranked by it and the most confused pairs — at 3 and at 101 classes.
 */
import { describe, expect, it } from 'vitest';
import { addMatrices, classAccuracy, confusionFromPairs, confusionMatrix, mostConfused, rankClasses } from '../../src/lib/eval/confusion';

// class 0: 3 images (2 right, 1 → 2); class 1: 2 images (0 right, 2 → 0); class 2: 1 image (right)
const PAIRS: [number, number][] = [
  [0, 0], [0, 0], [0, 2], [1, 0], [1, 0], [2, 2],
];

describe('confusion matrix', () => {
  it('counts true classes in rows and predicted classes in columns', () => {
    expect(confusionFromPairs(PAIRS, 3)).toEqual([
      [2, 0, 1],
      [2, 0, 0],
      [0, 0, 1],
    ]);
  });

  it('refuses classes out of range and mismatched lengths, naming the image', () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow('class out of range at image 1: true 3, predicted 0 (expected 0 … 2)');
    expect(() => confusionMatrix([0], [0, 1], 3)).toThrow('length mismatch: 1 labels, 2 predictions');
    expect(() => confusionMatrix([], [], 0)).toThrow('invalid number of classes: 0');
  });

  it('adds the matrices of several runs cell by cell and refuses different sizes', () => {
    const m = confusionFromPairs(PAIRS, 3);
    expect(addMatrices([m, m])[0]).toEqual([4, 0, 2]);
    expect(() => addMatrices([m, [[1]]])).toThrow('matrices differ in size');
  });
});

describe('per-class accuracy', () => {
  it('is the diagonal over the row sum, null for a class without images', () => {
    expect(classAccuracy(confusionFromPairs(PAIRS, 4))).toEqual([2 / 3, 0, 1, null]);
  });

  it('ranks the classes with images from worst to best, ties by name when names are given', () => {
    const m = confusionFromPairs([[0, 1], [1, 0], [2, 2], [3, 3]], 5);
    expect(rankClasses(m).map((c) => c.index)).toEqual([0, 1, 2, 3]);
    expect(rankClasses(m, ['b', 'a', 'd', 'c', 'e']).map((c) => c.index)).toEqual([1, 0, 3, 2]);
    expect(rankClasses(m)[0]).toEqual({ index: 0, images: 1, accuracy: 0 });
  });
});

describe('most confused pairs', () => {
  it('lists off-diagonal cells largest first with the true class size, never a right answer', () => {
    expect(mostConfused(confusionFromPairs(PAIRS, 3), 5)).toEqual([
      { trueClass: 1, predicted: 0, count: 2, images: 2 },
      { trueClass: 0, predicted: 2, count: 1, images: 3 },
    ]);
  });

  it('keeps the k largest at 101 classes, ties by true then predicted class', () => {
    const pairs: [number, number][] = [];
    for (let t = 0; t < 101; t++) for (let i = 0; i < 10; i++) pairs.push([t, t]);
    for (let i = 0; i < 7; i++) pairs.push([100, 3]); // the largest confusion
    for (let i = 0; i < 4; i++) pairs.push([50, 51], [20, 21]); // a tie: 20 before 50
    pairs.push([5, 6]);
    const top = mostConfused(confusionFromPairs(pairs, 101), 3);
    expect(top.map((c) => [c.trueClass, c.predicted, c.count])).toEqual([
      [100, 3, 7],
      [20, 21, 4],
      [50, 51, 4],
    ]);
    expect(top[0].images).toBe(17);
    // with names, a tie goes by the true class's name (as the chapter sorts): z-20 after a-50
    const names = Array.from({ length: 101 }, (_, i) => `${i === 20 ? 'z' : 'a'}-${i}`);
    expect(mostConfused(confusionFromPairs(pairs, 101), 3, names).map((c) => c.trueClass)).toEqual([100, 50, 20]);
  });
});
