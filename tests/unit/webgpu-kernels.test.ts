/**
 * Our WGSL kernels against TensorFlow.js's stock WebGPU kernels and its CPU backend, on
 * SwiftShader's WebGPU (Dawn in Node): random data over many shapes — batch 1, odd sizes, both
 * paddings, strides, channel counts 1 … 64 — within fp32 tolerance; then a few SimpleCNN training
 * steps give the same losses with and without them. Every case also states which of our programs
 * must run for it (their shader keys, or "stock" where our kernel must leave the call to tfjs),
 * checked against the programs dispatched during that case alone: a case that silently falls
 * through to the stock kernel fails.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfjs from '@tensorflow/tfjs';
import { createRng } from '../../src/lib/data/rng';
import { createSimpleCNN } from '../../src/lib/model/simplecnn';
import { startTfjsWebGPU } from '../../src/lib/webgpu/dawn-node';
import { checkKernels, createAdam, CUSTOM_KERNELS, registeredKernels, useKernels, type KernelSet } from '../../src/lib/webgpu/kernels';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const missing = existsSync(SWIFTSHADER) || process.env.VK_DRIVER_FILES || process.env.VK_ICD_FILENAMES ? null : `${SWIFTSHADER} missing (apt-get install -y chromium)`;
if (missing && process.env.CI) throw new Error(`CI=true: ${missing}`);
if (missing) console.warn(`SKIP: ${missing}`);

let tf: typeof tfjs;

/** Random values in [-1, 1) from a seeded generator, optionally with a share of exact zeros (ties). */
function random(n: number, seed: number, zeros = 0): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => (rng.next() < zeros ? 0 : rng.next() * 2 - 1));
}

/** Runs `f` on the WebGPU backend with the given kernel set, or on the CPU backend; returns plain values. */
async function on(where: KernelSet | 'cpu', f: () => tfjs.Tensor): Promise<Float32Array> {
  await tf.setBackend(where === 'cpu' ? 'cpu' : 'webgpu');
  if (where !== 'cpu') useKernels(tf, where);
  const t = f();
  const values = (await t.data()) as Float32Array;
  t.dispose();
  return values;
}

/**
 * Runs `f` and returns, besides its result, which of our programs it dispatched: their shader
 * keys (all ours start with `caltech_`), unique, in order of first dispatch, joined by " + ", or
 * "stock" where none of ours ran. Watches `runWebGPUProgram`, which every WebGPU kernel (ours and
 * tfjs's) calls once per dispatch, only while `f` runs.
 */
async function watchPrograms<T>(f: () => Promise<T>): Promise<{ result: T; programs: string }> {
  const backend = tf.backend() as unknown as { runWebGPUProgram: (program: { shaderKey: string }, ...rest: unknown[]) => unknown };
  const keys: string[] = [];
  const original = backend.runWebGPUProgram;
  backend.runWebGPUProgram = function (program, ...rest) {
    if (program.shaderKey.startsWith('caltech_') && !keys.includes(program.shaderKey)) keys.push(program.shaderKey);
    return original.call(this, program, ...rest);
  };
  try {
    return { result: await f(), programs: keys.join(' + ') || 'stock' };
  } finally {
    backend.runWebGPUProgram = original;
  }
}

/** Runs `f` on WebGPU with our kernels: its values, and which of our programs ran (see `watchPrograms`). */
async function fast(f: () => tfjs.Tensor): Promise<{ values: Float32Array; programs: string }> {
  await tf.setBackend('webgpu');
  useKernels(tf, 'fast');
  const { result, programs } = await watchPrograms(async () => {
    const t = f();
    const values = (await t.data()) as Float32Array;
    t.dispose();
    return values;
  });
  return { values: result, programs };
}

function expectClose(actual: Float32Array, expected: Float32Array, what: string, tolerance = 1e-5) {
  expect(actual.length, what).toBe(expected.length);
  const scale = expected.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (!(d <= worst)) [worst, at] = [d, i];
  }
  expect(worst / scale, `${what}: largest difference ${worst} at ${at} (scale ${scale})`).toBeLessThanOrEqual(tolerance);
}

describe.skipIf(!!missing)('our WebGPU kernels (SwiftShader)', () => {
  beforeAll(async () => {
    ({ tf } = await startTfjsWebGPU()); // throws when the WebGPU backend does not start
    expect(tf.getBackend()).toBe('webgpu');
  }, 60_000);
  afterAll(async () => {
    if (tf) useKernels(tf, 'stock');
  });

  // [batch, height, width, inChannels, outChannels, filter h, filter w, stride, pad,
  //  then the programs of ours that must run for Conv2DBackpropFilter, Conv2DBackpropInput, Conv2D]
  type ConvCase = [number, number, number, number, number, number, number, number, 'same' | 'valid' | number, string, string, string];
  const convCases: ConvCase[] = [
    [1, 5, 7, 1, 1, 3, 3, 1, 'same',
      'caltech_gemm_conv2dFilterGrad_16_16_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_s1_64_16_kk',
      'caltech_gemm_conv2d_64_16_kn'],
    [2, 8, 8, 3, 32, 3, 3, 1, 1,
      'caltech_gemm_conv2dFilterGrad_32_32_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_s1_64_16_kk + caltech_sumRows',
      'caltech_gemm_conv2d_64_32_kn + caltech_sumRows'],
    [3, 13, 11, 3, 5, 3, 3, 2, 'same',
      'caltech_gemm_conv2dFilterGrad_32_16_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_64_16_kk + caltech_sumRows',
      'caltech_gemm_conv2d_64_16_kn + caltech_sumRows'],
    [1, 9, 9, 4, 64, 1, 1, 1, 'valid',
      'caltech_gemm_conv2dFilterGrad_16_64_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_s1_64_16_kk + caltech_sumRows',
      'caltech_gemm_conv2d_64_64_kn'],
    [2, 12, 10, 32, 64, 3, 3, 1, 'same',
      'caltech_gemm_conv2dFilterGrad_64_64_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_s1_64_32_kk + caltech_sumRows',
      'caltech_gemm_conv2d_64_64_kn + caltech_sumRows'],
    [1, 11, 14, 7, 17, 5, 5, 2, 'valid',
      'caltech_gemm_conv2dFilterGrad_64_32_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_64_16_kk + caltech_sumRows',
      'caltech_gemm_conv2d_32_32_kn + caltech_sumRows'],
    [2, 7, 9, 16, 33, 2, 3, 1, 'same',
      'caltech_gemm_conv2dFilterGrad_64_64_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_s1_64_16_kk + caltech_sumRows',
      'caltech_gemm_conv2d_64_64_kn + caltech_sumRows'],
    [4, 32, 32, 3, 32, 3, 3, 1, 1,
      'caltech_gemm_conv2dFilterGrad_32_32_kn + caltech_sumRows',
      'caltech_gemm_conv2dInputGrad_s1_64_16_kk + caltech_sumRows',
      'caltech_gemm_conv2d_64_32_kn + caltech_sumRows'], // many slices: exercises the second pass
    [1, 6, 6, 64, 8, 3, 3, 3, 0,
      'caltech_gemm_conv2dFilterGrad_64_16_kn',
      'caltech_gemm_conv2dInputGrad_64_64_kk + caltech_sumRows',
      'caltech_gemm_conv2d_16_16_kn + caltech_sumRows'],
  ];
  it.each(convCases)('Conv2DBackpropFilter: x [%i, %i, %i, %i], %i filters of %i × %i, stride %i, pad %s: runs %s', async (b, h, w, ci, co, fh, fw, s, pad, programs) => {
    const x = random(b * h * w * ci, 1);
    const xShape: [number, number, number, number] = [b, h, w, ci];
    const filterShape: [number, number, number, number] = [fh, fw, ci, co];
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, s, 1, pad);
    const dyShape = info.outShape;
    const dy = random(dyShape.reduce((a, c) => a * c, 1), 2);
    const run = () =>
      tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(x, xShape), dy: tf.tensor4d(dy, dyShape) }, { strides: s, pad, dataFormat: 'NHWC', filterShape }) as tfjs.Tensor;
    const ours = await fast(run);
    expect(ours.programs).toBe(programs);
    expectClose(ours.values, await on('stock', run), 'fast vs stock');
    expectClose(ours.values, await on('cpu', run), 'fast vs cpu');
  }, 120_000);

  it.each(convCases.map(([b, h, w, ci, co, fh, fw, s, pad, , programs]) => [b, h, w, ci, co, fh, fw, s, pad, programs] as const))(
    'Conv2DBackpropInput: x [%i, %i, %i, %i], %i filters of %i × %i, stride %i, pad %s: runs %s',
    async (b, h, w, ci, co, fh, fw, s, pad, programs) => {
      const inputShape: [number, number, number, number] = [b, h, w, ci];
      const filterShape: [number, number, number, number] = [fh, fw, ci, co];
      const info = tf.backend_util.computeConv2DInfo(inputShape, filterShape, s, 1, pad);
      const filter = random(fh * fw * ci * co, 8);
      const dy = random(info.outShape.reduce((a, c) => a * c, 1), 9);
      const run = () =>
        tf.engine().runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dy, info.outShape), filter: tf.tensor4d(filter, filterShape) }, { inputShape, strides: s, pad, dataFormat: 'NHWC' }) as tfjs.Tensor;
      const ours = await fast(run);
      expect(ours.programs).toBe(programs);
      expectClose(ours.values, await on('stock', run), 'fast vs stock');
      expectClose(ours.values, await on('cpu', run), 'fast vs cpu');
    },
    120_000,
  );

  it.each(convCases.map(([b, h, w, ci, co, fh, fw, s, pad, , , programs]) => [b, h, w, ci, co, fh, fw, s, pad, programs] as const))(
    'Conv2D: x [%i, %i, %i, %i], %i filters of %i × %i, stride %i, pad %s: runs %s',
    async (b, h, w, ci, co, fh, fw, s, pad, programs) => {
      const xShape: [number, number, number, number] = [b, h, w, ci];
      const filterShape: [number, number, number, number] = [fh, fw, ci, co];
      const x = random(b * h * w * ci, 18);
      const filter = random(fh * fw * ci * co, 19);
      const run = () => tf.conv2d(tf.tensor4d(x, xShape), tf.tensor4d(filter, filterShape), s, pad);
      const ours = await fast(run);
      expect(ours.programs).toBe(programs);
      expectClose(ours.values, await on('stock', run), 'fast vs stock');
      expectClose(ours.values, await on('cpu', run), 'fast vs cpu');
    },
    120_000,
  );

  it('leaves dilated convolutions to the stock kernel', async () => {
    const x = random(2 * 9 * 9 * 3, 20);
    const filter = random(3 * 3 * 3 * 4, 21);
    const dilated = () => tf.conv2d(tf.tensor4d(x, [2, 9, 9, 3]), tf.tensor4d(filter, [3, 3, 3, 4]), 1, 'same', 'NHWC', 2);
    const ours = await fast(dilated);
    expect(ours.programs).toBe('stock');
    expectClose(ours.values, await on('cpu', dilated), 'fast vs cpu');
  }, 60_000);

  // [M, K, N, transposeA, transposeB, programs of ours]: above the size where our kernel takes over
  const matMulCases: [number, number, number, boolean, boolean, string][] = [
    [64, 1024, 300, false, false, 'caltech_gemm_matmul_nn_64_64_kn + caltech_sumRows'],
    [64, 1024, 300, true, false, 'caltech_gemm_matmul_tn_64_64_mn + caltech_sumRows'],
    [37, 2000, 250, false, true, 'caltech_gemm_matmul_nt_64_64_kk + caltech_sumRows'],
    [33, 3001, 190, true, true, 'caltech_gemm_matmul_tt_64_64_mk + caltech_sumRows'],
    [8, 200000, 16, false, false, 'caltech_gemm_matmul_nn_16_16_kn + caltech_sumRows'], // few outputs, long sum: split into slices
    [4000, 64, 130, true, false, 'caltech_gemm_matmul_tn_64_64_mn + caltech_sumRows'], // fc1's weight gradient in small: x^T · dy
    [64, 200, 300, false, false, 'stock'], // below 2^24 multiply-adds: not worth it
  ];
  it.each(matMulCases)('BatchMatMul %i × %i · %i × …, transposeA %s, transposeB %s: runs %s', async (m, k, n, ta, tb, programs) => {
    const a = random(m * k, 10);
    const b = random(k * n, 11);
    const run = () => tf.matMul(tf.tensor2d(a, ta ? [k, m] : [m, k]), tf.tensor2d(b, tb ? [n, k] : [k, n]), ta, tb);
    const ours = await fast(run);
    expect(ours.programs).toBe(programs);
    expectClose(ours.values, await on('stock', run), 'fast vs stock', 1e-4);
    expectClose(ours.values, await on('cpu', run), 'fast vs cpu', 1e-4);
  }, 180_000);

  it('BatchMatMul with a batch dimension of 1 keeps it', async () => {
    const a = random(64 * 1024, 12);
    const b = random(1024 * 300, 13);
    const run = () => tf.matMul(tf.tensor3d(a, [1, 64, 1024]), tf.tensor3d(b, [1, 1024, 300]));
    const ours = await fast(run);
    expect(ours.programs).toBe('caltech_gemm_matmul_nn_64_64_kn + caltech_sumRows');
    expectClose(ours.values, await on('cpu', run), 'fast vs cpu', 1e-4);
    await tf.setBackend('webgpu');
    const t = run();
    expect(t.shape).toEqual([1, 64, 300]);
    t.dispose();
  }, 60_000);

  it('stays right when tfjs folds a dispatch beyond 65,535 workgroups into two dimensions', async () => {
    // 1,088 × 2,048 outputs in 544 tiles: the sum is split in two, and adding the two slices
    // takes 69,632 workgroups of 32 columns.
    const a = random(1088 * 32, 14);
    const b = random(32 * 2048, 15);
    const split = () => tf.matMul(tf.tensor2d(a, [1088, 32]), tf.tensor2d(b, [32, 2048]));
    const ours = await fast(split);
    expect(ours.programs).toBe('caltech_gemm_matmul_nn_64_64_kn + caltech_sumRows');
    expectClose(ours.values, await on('cpu', split), 'split sum', 1e-4);
  }, 300_000); // two large products on SwiftShader and the CPU: minutes on a busy machine

  // [batch, height, width, channels, window, stride, pad, share of zeros, programs of ours]
  const poolCases: [number, number, number, number, number, number, 'same' | 'valid', number, string][] = [
    [1, 4, 4, 1, 2, 2, 'valid', 0, 'caltech_maxPoolGradTiled'], // the windows tile the input: one thread per window
    [2, 8, 6, 32, 2, 2, 'valid', 0, 'caltech_maxPoolGradTiled'],
    [3, 7, 9, 5, 2, 2, 'same', 0, 'caltech_maxPoolGrad'], // padding: one thread per pixel
    [1, 7, 7, 3, 2, 2, 'valid', 0, 'caltech_maxPoolGrad'], // last row and column belong to no window
    [2, 9, 9, 4, 3, 3, 'valid', 0, 'caltech_maxPoolGradTiled'],
    [1, 10, 10, 2, 2, 3, 'valid', 0, 'caltech_maxPoolGrad'], // gaps between windows
    [2, 8, 8, 16, 2, 2, 'valid', 0.6, 'caltech_maxPoolGradTiled'], // ReLU-like zeros: ties
    [2, 9, 9, 3, 3, 2, 'valid', 0, 'stock'], // overlapping windows
  ];
  it.each(poolCases)('MaxPoolGrad: x [%i, %i, %i, %i], window %i, stride %i, pad %s, zeros %f: runs %s', async (b, h, w, c, win, s, pad, zeros, programs) => {
    const shape: [number, number, number, number] = [b, h, w, c];
    const x = random(b * h * w * c, 3, zeros);
    const info = tf.backend_util.computePool2DInfo(shape, win, s, 1, pad);
    const dy = random(info.outShape.reduce((a, v) => a * v, 1), 4);
    const run = () => {
      const input = tf.tensor4d(x, shape);
      const output = tf.maxPool(input, win, s, pad);
      return tf.engine().runKernel('MaxPoolGrad', { dy: tf.tensor4d(dy, info.outShape), input, output }, { filterSize: win, strides: s, pad }) as tfjs.Tensor;
    };
    const ours = await fast(run);
    expect(ours.programs).toBe(programs);
    // Exact where windows do not overlap; overlapping ones add gradients in a backend's own order.
    const tolerance = s >= win ? 0 : 1e-6;
    expectClose(ours.values, await on('stock', run), 'fast vs stock', tolerance);
    // The CPU kernel breaks ties the other way (first maximum), so compare it only without ties.
    if (zeros === 0) expectClose(ours.values, await on('cpu', run), 'fast vs cpu', tolerance);
  }, 120_000);

  it.each([
    [[4, 32, 32, 32], [0, 1, 2], false, 'caltech_sumColumnSlices + caltech_sumRows'],
    [[3, 33, 35, 20], [0, 1, 2], true, 'caltech_sumColumnSlices + caltech_sumRows'],
    [[70000, 3], [0], false, 'caltech_sumColumnSlices + caltech_sumRows'],
    [[2, 200, 170, 1], [2, 1, 0], false, 'caltech_sumColumnSlices + caltech_sumRows'],
    [[4, 64, 64], [1, 2], false, 'stock'], // not the leading axes
    [[4, 16, 16, 8], [0, 1, 2], false, 'stock'], // too small to be worth it
  ] as [number[], number[], boolean, string][])('Sum of %j over axes %j (keepDims %s): runs %s', async (shape, axes, keepDims, programs) => {
    const x = random(shape.reduce((a, v) => a * v, 1), 5);
    const run = () => tf.sum(tf.tensor(x, shape), axes, keepDims);
    const ours = await fast(run);
    expect(ours.programs).toBe(programs);
    expectClose(ours.values, await on('stock', run), 'fast vs stock', 1e-5);
    expectClose(ours.values, await on('cpu', run), 'fast vs cpu', 1e-5);
  }, 120_000);

  it('trains SimpleCNN with the same losses and weights as the stock kernels (fused Adam included)', async () => {
    const steps = 3;
    const run = async (set: KernelSet) => {
      await tf.setBackend('webgpu');
      useKernels(tf, set);
      const { model } = createSimpleCNN(tf, { inputSize: 16, numClasses: 5, seed: 3 });
      const optimizer = createAdam(tf, 0.001, set);
      expect(optimizer.constructor.name).toBe(set === 'fast' ? 'FusedAdam' : 'AdamOptimizer');
      const x = tf.tensor4d(random(6 * 16 * 16 * 3, 7), [6, 16, 16, 3]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 0], 'int32'), 5));
      const { result: losses, programs } = await watchPrograms(async () => {
        const values: number[] = [];
        for (let i = 0; i < steps; i++) {
          const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tfjs.Tensor) as tfjs.Scalar, true)!;
          values.push((await loss.data())[0]);
          loss.dispose();
        }
        return values;
      });
      // At 16 × 16 the bias sums and fc1's product are too small for ours; the rest must be ours.
      expect(programs).toBe(
        set === 'fast'
          ? 'caltech_gemm_conv2d_64_32_kn + caltech_sumRows + caltech_gemm_conv2d_64_64_kn + caltech_maxPoolGradTiled + caltech_gemm_conv2dInputGrad_s1_64_32_kk + ' +
              'caltech_gemm_conv2dFilterGrad_64_64_kn + caltech_gemm_conv2dFilterGrad_32_32_kn + caltech_adam_m + caltech_adam_v + caltech_adam_value'
          : 'stock',
      );
      const weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, y]);
      return { losses, weights };
    };
    const before = tf.memory().numTensors;
    const stock = await run('stock');
    const fast = await run('fast');
    expect(tf.memory().numTensors).toBe(before);
    expect(fast.losses[steps - 1]).toBeLessThan(fast.losses[0]);
    for (let i = 0; i < steps; i++) expect(Math.abs(fast.losses[i] - stock.losses[i]), `loss ${i}`).toBeLessThan(1e-5);
    // Adam divides by √v: where a gradient is nearly 0, fp32 rounding in a different summation
    // order can change an update by up to the learning rate (1e-3), so weights get 1e-4.
    fast.weights.forEach((w, i) => expectClose(w, stock.weights[i], `weights ${i}`, 1e-4));
  }, 240_000);

  it('switches back and forth, reads the set from the registry, and refuses a mismatch', async () => {
    await tf.setBackend('webgpu');
    useKernels(tf, 'fast');
    expect(registeredKernels(tf)).toBe('fast');
    expect(CUSTOM_KERNELS.every((k) => tf.getKernel(k.kernelName, 'webgpu') !== undefined)).toBe(true);
    expect(() => createAdam(tf, 0.001, 'stock')).toThrow("kernel set stock expected, but the WebGPU backend has the fast kernels registered: call useKernels(tf, 'stock') first");
    useKernels(tf, 'stock');
    expect(registeredKernels(tf)).toBe('stock');
    expect(tf.getKernel('CaltechAdamStep', 'webgpu')).toBeUndefined();
    expect(() => checkKernels(tf, 'fast')).toThrow("kernel set fast expected, but the WebGPU backend has the stock kernels registered: call useKernels(tf, 'fast') first");
    expect(() => useKernels(tf, 'quick' as KernelSet)).toThrow('unknown kernel set quick (choose fast or stock)');
    // Someone registers a kernel over one of ours by hand: the registry is neither set.
    useKernels(tf, 'fast');
    const sum = tf.getKernel('Sum', 'webgpu');
    tf.unregisterKernel('Sum', 'webgpu');
    tf.registerKernel({ ...sum, kernelFunc: (...args: Parameters<typeof sum.kernelFunc>) => sum.kernelFunc(...args) });
    expect(() => registeredKernels(tf)).toThrow('only some of our WebGPU kernels are registered');
    tf.unregisterKernel('Sum', 'webgpu');
    tf.registerKernel(sum);
    useKernels(tf, 'stock');
    expect(registeredKernels(tf)).toBe('stock');
  });
});
