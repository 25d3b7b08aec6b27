/**
 * Which source files a run record's code hash covers, file by file (paths relative to src/lib).
 * A change to a RESULT file can change a run's numbers: it makes every record of our engine stale.
 * SPEED files decide only how fast a step runs (our WebGPU kernels: their tests hold them to
 * TensorFlow.js's stock kernels within fp32 rounding, and the record names the set it used);
 * IO files only move bytes, report or set up (download, lock, progress, Dawn, the record itself).
 * tests/unit/code-files.test.ts fails when a file that scripts/train-full.ts imports, directly or
 * not, is in neither list — so a new file is classified when it is added.
 */

/** Files whose change can change a run's numbers: split, subset, order, rng, decode, transforms, model, loop. */
export const RESULT_FILES: readonly string[] = [
  'data/assets-node.ts',
  'data/caltech101.ts',
  'data/rng.ts',
  'data/split-node.ts',
  'data/split.ts',
  'data/subset.ts',
  'model/simplecnn.ts',
  'model/spec.ts',
  'runs/full-run-node.ts',
  'runs/run-data-node.ts',
  'train/decode-node.ts',
  'train/draw-order.ts',
  'train/images-node.ts',
  'train/index.ts',
  'train/loop.ts',
  'train/metrics.ts',
  'train/recipes.ts',
  'transforms/batch.ts',
  'transforms/chain.ts',
  'transforms/color.ts',
  'transforms/geometry.ts',
  'transforms/header.ts',
  'transforms/image.ts',
  'transforms/random.ts',
  'transforms/recipes.ts',
  'transforms/resize.ts',
  'transforms/sizes.ts',
  'transforms/tensor.ts',
  'webgpu/augment-params.ts',
  'webgpu/augment.ts',
];

/** Files that decide only the speed of a step (our WebGPU kernels, checked against the stock ones). */
export const SPEED_FILES: readonly string[] = [
  'webgpu/kernels/BatchMatMul.ts',
  'webgpu/kernels/CaltechAdamStep.ts',
  'webgpu/kernels/Conv2D.ts',
  'webgpu/kernels/Conv2DBackpropFilter.ts',
  'webgpu/kernels/Conv2DBackpropInput.ts',
  'webgpu/kernels/MaxPoolGrad.ts',
  'webgpu/kernels/Sum.ts',
  'webgpu/kernels/adam.ts',
  'webgpu/kernels/conv-backprop-filter.ts',
  'webgpu/kernels/conv-backprop-input.ts',
  'webgpu/kernels/conv.ts',
  'webgpu/kernels/conv2d_webgpu.ts',
  'webgpu/kernels/gemm.ts',
  'webgpu/kernels/index.ts',
  'webgpu/kernels/kernel.ts',
  'webgpu/kernels/matmul.ts',
  'webgpu/kernels/max-pool-grad.ts',
  'webgpu/kernels/program.ts',
  'webgpu/kernels/reduce.ts',
  'webgpu/kernels/sum-columns.ts',
];

/** Files that only move bytes, report progress or set things up. */
export const IO_FILES: readonly string[] = [
  'data/assets.ts',
  'data/assets-shards-node.ts',
  'data/caltech101-node.ts',
  'data/chapters-val.ts',
  'data/dataset-error.ts',
  'data/download-node.ts',
  'data/lock-node.ts',
  'data/manifest.ts',
  'data/process-node.ts',
  'data/progress-node.ts',
  'data/seed.ts',
  'runs/build-record.ts',
  'runs/check-numbers.ts',
  'runs/code-files.ts',
  'runs/output-node.ts',
  'runs/record-node.ts',
  'runs/record.ts',
  'train/decode-worker-node.ts',
  'train/image-cache-node.ts',
  'webgpu/dawn-node.ts',
];
