/**
 * Whether a model file can be loaded on this device, decided before a byte is read: the loader
 * computes on TensorFlow.js's CPU backend (the 224 × 224 model's fc1.weight, 411 MB, exceeds
 * WebGPU's default maxStorageBufferBindingSize of 128 MiB and maxBufferSize of 256 MiB), so what
 * limits it is the tab's memory. The estimate is the file size times the peak factor measured in
 * Chromium (the file's bytes, the parsed tensors, the weight buffer, the reordered fc1 and the
 * backend's copy live at once for a moment).
 */

/** WebGPU's default limits (the spec's), which a 224 × 224 model's fc1.weight exceeds. */
export const WEBGPU_DEFAULT_LIMITS = { maxStorageBufferBindingSize: 134_217_728, maxBufferSize: 268_435_456 } as const;

/**
 * Peak memory of a load as a multiple of the file size. Measured in headless Chromium for the 411 MB
 * 224 × 224 file: the renderer process peaked at 2,58 GB RSS, Chromium's processes together rose by
 * 2,44 GB (1,14 → 3,58 GB); 6,5 × 411 MB = 2,7 GB leaves a little headroom.
 */
export const LOAD_PEAK_FACTOR = 6.5;

/** Share of the device's memory (navigator.deviceMemory) one tab may plan to use. */
export const DEVICE_SHARE = 0.5;

/** Largest file the page reads into one ArrayBuffer (2 GiB, the limit of older browsers). */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

/** What the page expects a load of `fileBytes` to need, and whether the device can hold it. */
export interface LoadBudget {
  fileBytes: number;
  /** Estimated peak memory of the load, in bytes. */
  peakBytes: number;
  /** The largest tensor (fc1.weight, about the file size for large models) exceeds WebGPU's default binding limit. */
  exceedsWebGpuDefaults: boolean;
  /** null: fits (or the device does not say); otherwise why not. */
  refusal: null | { code: 'file-too-large'; limit: number } | { code: 'device-memory'; available: number };
}

/**
 * The budget for a file of `fileBytes`; `deviceMemoryGiB` is navigator.deviceMemory (Chromium:
 * 0.25 … 8, rounded; undefined elsewhere — then only the file-size limit applies).
 */
export function planModelLoad(fileBytes: number, deviceMemoryGiB?: number): LoadBudget {
  const peakBytes = Math.round(fileBytes * LOAD_PEAK_FACTOR);
  const exceedsWebGpuDefaults = fileBytes > WEBGPU_DEFAULT_LIMITS.maxStorageBufferBindingSize;
  let refusal: LoadBudget['refusal'] = null;
  if (fileBytes > MAX_FILE_BYTES) refusal = { code: 'file-too-large', limit: MAX_FILE_BYTES };
  else if (typeof deviceMemoryGiB === 'number' && deviceMemoryGiB > 0 && peakBytes > deviceMemoryGiB * 2 ** 30 * DEVICE_SHARE) {
    refusal = { code: 'device-memory', available: deviceMemoryGiB * 2 ** 30 };
  }
  return { fileBytes, peakBytes, exceedsWebGpuDefaults, refusal };
}
