/** The run-length projection that decides whether the demo asks before a long WebGL or CPU run. */
import { describe, expect, it } from 'vitest';
import { ASK_ABOVE_MS, measuredBatchOf, projectRunMs, projectedMinutes, shouldAskFirst } from '../../src/lib/train/projection';

describe('run projection', () => {
  it('multiplies the measured batch by batches per epoch and epochs, plus a known evaluation', () => {
    // 101 classes at 32 px: 6,941 training images / batch 32 = 217 batches; 10 epochs at 900 ms each.
    expect(projectRunMs({ msPerBatch: 900, batchesPerEpoch: 217, epochs: 10 })).toBe(1_953_000);
    expect(projectRunMs({ msPerBatch: 900, batchesPerEpoch: 217, epochs: 10, evaluationMs: 47_000 })).toBe(2_000_000);
    expect(projectRunMs({ msPerBatch: 10, batchesPerEpoch: 3, epochs: 2, evaluationMs: null })).toBe(60);
    expect(() => projectRunMs({ msPerBatch: Number.NaN, batchesPerEpoch: 3, epochs: 2 })).toThrow(RangeError);
  });

  it('times the second batch (the first compiles), the first only for a one-batch run', () => {
    expect(measuredBatchOf(20)).toBe(2);
    expect(measuredBatchOf(2)).toBe(2);
    expect(measuredBatchOf(1)).toBe(1);
  });

  it('asks only on WebGL or CPU and only above three minutes', () => {
    expect(ASK_ABOVE_MS).toBe(180_000);
    expect(shouldAskFirst('cpu', ASK_ABOVE_MS + 1)).toBe(true);
    expect(shouldAskFirst('webgl', ASK_ABOVE_MS + 1)).toBe(true);
    expect(shouldAskFirst('cpu', ASK_ABOVE_MS)).toBe(false);
    expect(shouldAskFirst('webgpu', 10 * ASK_ABOVE_MS)).toBe(false);
    expect(shouldAskFirst('webgpu', 10 * ASK_ABOVE_MS, { softwareAdapter: true })).toBe(true); // a software adapter
    expect(shouldAskFirst('webgpu', ASK_ABOVE_MS, { softwareAdapter: true })).toBe(false);
    expect(shouldAskFirst('cpu', 50, { aboveMs: 10 })).toBe(true);
  });

  it('rounds to whole minutes, never below one', () => {
    expect(projectedMinutes(1_953_000)).toBe(33);
    expect(projectedMinutes(10)).toBe(1);
  });
});
