/** The memory check before a WebGPU run: fc1's weights and the resident images against the adapter's buffer limits. */
import { describe, expect, it } from 'vitest';
import { fc1WeightBytes } from '../../src/lib/model/spec';
import { DEVICE_STORAGE_BUFFERS, checkGpuMemory, storedImageBytes } from '../../src/lib/webgpu/memory-check';

const MiB = 2 ** 20;
/** WebGPU's default limits (what most adapters offer at least). */
const DEFAULTS = { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB };
/** All 101 classes, the chapters' split. */
const ALL = { train: 6941, val: 1736 };

describe('GPU memory check', () => {
  it('stores images at 37 or 73 px, three bytes a pixel', () => {
    expect(storedImageBytes(32, 1)).toBe(37 * 37 * 3);
    expect(storedImageBytes(64, ALL.train)).toBe(6941 * 73 * 73 * 3); // 110,965,767 bytes
  });

  it('fits all 101 classes at 64 px in the default limits: one chunk of the training images is the largest buffer', () => {
    expect(checkGpuMemory({ cropSize: 64, ...ALL }, DEFAULTS)).toEqual({ fits: true, largestBytes: 110_965_767, limit: 128 * MiB });
    expect(checkGpuMemory({ cropSize: 32, ...ALL }, DEFAULTS)).toMatchObject({ fits: true, largestBytes: 6941 * 37 * 37 * 3 });
  });

  it('refuses when the training images need more chunks than a shader binds', () => {
    // 5 MiB per buffer (fc1 at 32 px, 8.4 MB, would not fit, so 16 px): 5 chunks of whole images bind, a sixth does not.
    const small = { maxStorageBufferBindingSize: 5 * MiB, maxBufferSize: 256 * MiB };
    expect(DEVICE_STORAGE_BUFFERS).toBe(8);
    const per16 = 18 * 18 * 3; // 16-px crops are stored at 18 px: 5,242,880 / 972 = 5,393 per chunk
    expect(checkGpuMemory({ cropSize: 16, train: 5393 * 5, val: 10 }, small)).toMatchObject({ fits: true });
    expect(checkGpuMemory({ cropSize: 16, train: 5393 * 5 + 1, val: 10 }, small)).toEqual({ fits: false, what: 'images', bytes: (5393 * 5 + 1) * per16, limit: 5393 * per16 * 5 });
    // The validation set counts as well (it is uploaded the same way).
    expect(checkGpuMemory({ cropSize: 16, train: 10, val: 5393 * 5 + 1 }, small)).toMatchObject({ fits: false, what: 'images' });
  });

  it("refuses when fc1's weights exceed the smaller of the two limits", () => {
    expect(fc1WeightBytes(224)).toBe(411_041_792);
    expect(checkGpuMemory({ cropSize: 224, train: 40, val: 10 }, DEFAULTS)).toEqual({ fits: false, what: 'fc1', bytes: 411_041_792, limit: 128 * MiB });
    expect(checkGpuMemory({ cropSize: 128, train: 40, val: 10 }, DEFAULTS).fits).toBe(true); // exactly 128 MiB fits
    expect(checkGpuMemory({ cropSize: 128, train: 40, val: 10 }, { maxStorageBufferBindingSize: 1024 * MiB, maxBufferSize: 128 * MiB - 4 })).toMatchObject({ fits: false, what: 'fc1' });
  });
});
