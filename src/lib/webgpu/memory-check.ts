/**
 * Before a WebGPU run starts: do its largest buffers fit the adapter's limits? (issue 31.) The
 * GPU input pipeline (augment.ts uploadImages) keeps the training and the validation images as
 * bytes, split into chunks of at most chunkBytesLimit; when it would need more chunks than a
 * shader binds, demo-data.ts placeImages falls back to an int32 tensor of all the images (four
 * bytes per byte, one buffer). fc1's weights are one buffer too. WebGPU exposes no total memory,
 * so only per-buffer limits are checked; the total is reported for the message. Pure.
 */
import { fc1WeightBytes } from '../model/spec';
import { resizeFor } from '../transforms/sizes';
import { chunkBytesLimit } from './augment';

/**
 * Storage buffers a shader of the training device binds: TensorFlow.js requests the adapter's
 * buffer sizes but not maxStorageBuffersPerShaderStage, so the device has WebGPU's default, 8.
 */
export const DEVICE_STORAGE_BUFFERS = 8;
/** Bindings of the augmentation shader besides the image chunks (augment.ts OTHER_BUFFERS; that file is hashed into run records, so it is not edited to export it). */
const AUGMENT_OTHER_BUFFERS = 3;

/** The adapter limits the check reads (GPUAdapter.limits). */
export interface BufferLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** A run's shape as far as memory goes: crop size and how many training and validation images. */
export interface MemoryPlan {
  cropSize: number;
  train: number;
  val: number;
}

/**
 * The verdict: fits, or names the buffer that does not. For the images `limit` is what the
 * resident upload can hold (chunks × chunk size); its fallback, one int32 buffer of four times
 * the bytes, never fits where the chunks do not (four times more than several chunks' worth).
 */
export type MemoryVerdict =
  | { fits: true; largestBytes: number; limit: number }
  | { fits: false; what: 'fc1' | 'images'; bytes: number; limit: number };

/** Bytes of `count` images stored at the resize size for `cropSize` (size² × 3 each). */
export const storedImageBytes = (cropSize: number, count: number): number => count * resizeFor(cropSize) ** 2 * 3;

/** Checks fc1's weights against min(maxBufferSize, maxStorageBufferBindingSize) and each image set against what the resident upload holds. */
export function checkGpuMemory(plan: MemoryPlan, limits: BufferLimits): MemoryVerdict {
  const limit = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  const fc1 = fc1WeightBytes(plan.cropSize);
  if (fc1 > limit) return { fits: false, what: 'fc1', bytes: fc1, limit };
  // augment.ts uploadImages: whole images per chunk, at most DEVICE_STORAGE_BUFFERS - 3 chunks per set.
  const perImage = storedImageBytes(plan.cropSize, 1);
  const chunk = chunkBytesLimit(limits);
  const capacity = Math.floor(chunk / perImage) * perImage * (DEVICE_STORAGE_BUFFERS - AUGMENT_OTHER_BUFFERS);
  const images = storedImageBytes(plan.cropSize, Math.max(plan.train, plan.val));
  if (images > capacity) return { fits: false, what: 'images', bytes: images, limit: capacity };
  return { fits: true, largestBytes: Math.max(fc1, Math.min(images, Math.floor(chunk / perImage) * perImage)), limit };
}
