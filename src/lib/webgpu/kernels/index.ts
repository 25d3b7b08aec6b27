/**
 * Our own WGSL kernels for SimpleCNN's training step, as one array of `{ kernelName, supports,
 * run }` registered over TensorFlow.js's stock WebGPU kernels (tfjs-backend-webgpu's layout: one
 * file per op, `<OpName>.ts`, and one list):
 *
 * - `Conv2D`, `Conv2DBackpropInput`, `Conv2DBackpropFilter`: tiled matrix products; the weight
 *   gradient's long sum is split into slices (conv2d_webgpu.ts, conv-backprop-*.ts, gemm.ts),
 * - large single `BatchMatMul`s with few outputs and a long sum (fc1's forward pass:
 *   64 × 200,704 times 200,704 × 512) on the same split product (matmul.ts),
 * - `MaxPoolGrad` for non-overlapping windows: one pass instead of two (max-pool-grad.ts),
 * - `Sum` over all leading axes of large tensors, i.e. bias gradients (sum-columns.ts),
 * - Adam as one kernel per variable (`CaltechAdamStep`, adam.ts; used by `createAdam`).
 *
 * Calls our kernels do not support go to the stock kernel. tfjs's kernel registry is global by
 * design, so which set is active is read from it (`registeredKernels`), never kept in a variable
 * of ours; `train` and `createAdam` take the set they expect and check it against the registry.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { createFusedAdam } from './adam';
import { batchMatMulKernel } from './BatchMatMul';
import { adamStepKernel } from './CaltechAdamStep';
import { conv2DKernel } from './Conv2D';
import { conv2DBackpropFilterKernel } from './Conv2DBackpropFilter';
import { conv2DBackpropInputKernel } from './Conv2DBackpropInput';
import type { CustomKernel, TF } from './kernel';
import { maxPoolGradKernel } from './MaxPoolGrad';
import type { Backend, KernelArgs, TensorInfo } from './program';
import { sumKernel } from './Sum';

export type { CustomKernel } from './kernel';

/** `fast`: our kernels where they support a call; `stock`: TensorFlow.js's own throughout. */
export type KernelSet = 'fast' | 'stock';
/** Both sets, for option checks and tests. */
export const KERNEL_SETS: readonly KernelSet[] = ['fast', 'stock'];

/** All our custom WebGPU kernels (not the convolution example filters of model/convolve.ts), registered together. `CaltechAdamStep` has no stock twin; the others replace one. */
export const CUSTOM_KERNELS: readonly CustomKernel[] = [
  conv2DKernel,
  conv2DBackpropFilterKernel,
  conv2DBackpropInputKernel,
  batchMatMulKernel,
  maxPoolGradKernel,
  sumKernel,
  adamStepKernel,
];

/** Kernels without a stock twin (they exist only while ours are registered). */
const OWN = new Set([adamStepKernel.kernelName]);

type KernelParams = Parameters<tfjs.KernelFunc>[0];
/** What we register: tfjs's kernel function, plus the stock one it falls back to (kept on the function itself). */
type OurKernelFunc = tfjs.KernelFunc & { caltechStock: tfjs.KernelFunc | null };

const isOurs = (f: tfjs.KernelFunc | undefined): f is OurKernelFunc => typeof f === 'function' && 'caltechStock' in f;

/** The kernel function the WebGPU backend has registered under `name`, if any. */
function registeredFunc(tf: TF, name: string): tfjs.KernelFunc | undefined {
  const config: tfjs.KernelConfig | undefined = tf.getKernel(name, 'webgpu'); // undefined when none is registered
  return config?.kernelFunc;
}

/** The WebGPU kernel function for `kernel`: ours where it supports the call, else `stock`. */
function wrap(tf: TF, kernel: CustomKernel, stock: tfjs.KernelFunc | null): OurKernelFunc {
  const func = (params: KernelParams) => {
    const args: KernelArgs<Record<string, TensorInfo>, unknown> = { inputs: params.inputs as Record<string, TensorInfo>, backend: params.backend as Backend, attrs: params.attrs };
    if (kernel.supports(args, tf)) return kernel.run(args, tf);
    if (!stock) throw new Error(`${kernel.kernelName}: this call is not supported and there is no stock kernel`);
    return stock(params);
  };
  return Object.assign(func, { caltechStock: stock });
}

/**
 * Which set the WebGPU backend has registered, read from tfjs's kernel registry. Throws where
 * only some of ours are registered (someone registered kernels over ours by hand).
 */
export function registeredKernels(tf: TF): KernelSet {
  const ours = CUSTOM_KERNELS.filter((k) => isOurs(registeredFunc(tf, k.kernelName)));
  if (ours.length === CUSTOM_KERNELS.length) return 'fast';
  if (ours.length === 0) return 'stock';
  throw new Error(`only some of our WebGPU kernels are registered (${ours.map((k) => k.kernelName).join(', ')}): call useKernels(tf, 'fast') or useKernels(tf, 'stock')`);
}

/**
 * Registers our kernels over the stock ones (`fast`) or puts the stock ones back (`stock`) on
 * the WebGPU backend. Call after `@tensorflow/tfjs-backend-webgpu` has been imported; asking for
 * the set already registered does nothing.
 */
export function useKernels(tf: TF, set: KernelSet): void {
  if (!KERNEL_SETS.includes(set)) throw new RangeError(`unknown kernel set ${set} (choose ${KERNEL_SETS.join(' or ')})`);
  for (const kernel of CUSTOM_KERNELS) {
    const registered = registeredFunc(tf, kernel.kernelName);
    if (!registered && !OWN.has(kernel.kernelName)) throw new Error(`TensorFlow.js has no WebGPU kernel ${kernel.kernelName}: import @tensorflow/tfjs-backend-webgpu first`);
    if (isOurs(registered) === (set === 'fast')) continue;
    if (registered) tf.unregisterKernel(kernel.kernelName, 'webgpu');
    const func = set === 'fast' ? wrap(tf, kernel, registered ?? null) : isOurs(registered) ? registered.caltechStock : null;
    if (func) tf.registerKernel({ kernelName: kernel.kernelName, backendName: 'webgpu', kernelFunc: func });
  }
}

/**
 * Checks that `set` is what the active backend will run: on WebGPU the registered set must be
 * `set`; other backends have only their stock kernels, so there `set` must be `stock`.
 */
export function checkKernels(tf: TF, set: KernelSet): void {
  if (!KERNEL_SETS.includes(set)) throw new RangeError(`unknown kernel set ${set} (choose ${KERNEL_SETS.join(' or ')})`);
  const backend = tf.getBackend();
  if (backend !== 'webgpu') {
    if (set === 'fast') throw new Error(`kernel set fast needs the WebGPU backend, but the active backend is ${backend}: use the stock kernels there`);
    return;
  }
  const registered = registeredKernels(tf);
  if (registered !== set) throw new Error(`kernel set ${set} expected, but the WebGPU backend has the ${registered} kernels registered: call useKernels(tf, '${set}') first`);
}

/**
 * Adam with PyTorch's defaults (β 0.9 / 0.999, ε 1e-8) for kernel set `set` (checked against the
 * registry): the fused one (`CaltechAdamStep`) with our kernels, tfjs's own with the stock ones.
 */
export function createAdam(tf: TF, learningRate: number, set: KernelSet): tfjs.Optimizer {
  checkKernels(tf, set);
  if (set === 'fast') return createFusedAdam(tf, learningRate, 0.9, 0.999, 1e-8);
  return tf.train.adam(learningRate, 0.9, 0.999, 1e-8);
}
