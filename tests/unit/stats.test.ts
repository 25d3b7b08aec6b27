/** One median for the whole project (src/lib/stats.ts), defined as numpy.median and statistics.median. */
import { describe, expect, it } from 'vitest';
import { median } from '../../src/lib/stats';

describe('median', () => {
  it('takes the middle value of an odd count, in any order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([7])).toBe(7);
    expect(median([2, -4, 9, 9, 0])).toBe(2);
  });

  it('takes the mean of the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('sorts numerically, not as text, and leaves its input alone', () => {
    const values = [100, 9, 20];
    expect(median(values)).toBe(20);
    expect(values).toEqual([100, 9, 20]);
  });

  it('is NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});
