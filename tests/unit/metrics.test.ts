import { describe, expect, it } from 'vitest';
import { EpochMeter, countCorrect } from '../../src/lib/train/metrics';

describe('EpochMeter', () => {
  it('weights each batch loss by its size, unlike the original last-batch loss', () => {
    const meter = new EpochMeter();
    meter.update({ meanLoss: 2.0, size: 64, correct: 16 });
    meter.update({ meanLoss: 1.0, size: 64, correct: 32 });
    meter.update({ meanLoss: 4.0, size: 29, correct: 1 });
    expect(meter.seen).toBe(157);
    expect(meter.meanLoss).toBeCloseTo((2 * 64 + 1 * 64 + 4 * 29) / 157, 12);
    expect(meter.accuracy).toBeCloseTo(49 / 157, 12);
    expect(meter.lastBatchLoss).toBe(4.0);
  });

  it('equals the mean over all images when every image loss is known', () => {
    const losses = Array.from({ length: 150 }, (_, i) => Math.sin(i) + 2);
    const meter = new EpochMeter();
    for (let start = 0; start < losses.length; start += 64) {
      const batch = losses.slice(start, start + 64);
      meter.update({ meanLoss: batch.reduce((a, b) => a + b) / batch.length, size: batch.length, correct: 0 });
    }
    expect(meter.meanLoss).toBeCloseTo(losses.reduce((a, b) => a + b) / losses.length, 12);
  });

  it('reports NaN before the first batch', () => {
    const meter = new EpochMeter();
    expect(meter.meanLoss).toBeNaN();
    expect(meter.accuracy).toBeNaN();
    expect(meter.lastBatchLoss).toBeNaN();
  });

  it.each([
    [{ meanLoss: 1, size: 0, correct: 0 }, 'invalid batch size: 0 (expected a positive integer)'],
    [{ meanLoss: 1, size: 2.5, correct: 0 }, 'invalid batch size: 2.5 (expected a positive integer)'],
    [{ meanLoss: 1, size: 8, correct: 9 }, 'invalid correct count: 9 (expected 0 … 8)'],
    [{ meanLoss: Number.NaN, size: 8, correct: 1 }, 'loss is NaN: training diverged (try a smaller learning rate)'],
    [{ meanLoss: Infinity, size: 8, correct: 1 }, 'loss is Infinity: training diverged (try a smaller learning rate)'],
  ])('rejects %o', (batch, message) => {
    const meter = new EpochMeter();
    expect(() => meter.update(batch)).toThrow(message);
    expect(meter.seen).toBe(0);
  });
});

describe('countCorrect', () => {
  it('counts equal class indices', () => {
    expect(countCorrect([1, 2, 3, 4], [1, 0, 3, 0])).toBe(2);
    expect(countCorrect(new Int32Array([5, 5]), [5, 5])).toBe(2);
  });
  it('rejects arrays of different length', () => {
    expect(() => countCorrect([1, 2], [1])).toThrow('length mismatch: 2 predictions, 1 labels');
  });
});
