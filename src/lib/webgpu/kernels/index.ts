/**
 * Our own WGSL kernels for SimpleCNN's training step, registered over TensorFlow.js's stock
 * WebGPU kernels (and switchable back, for comparison and for the tests):
 *
 * - `Conv2DBackpropFilter`: a tiled matrix product whose sum over batch × space is split into
 *   slices (conv-backprop-filter.ts, gemm.ts),
 * - large single `BatchMatMul`s with few outputs and a long sum (fc1's forward pass:
 *   64 × 200,704 times 200,704 × 512) on the same split product (matmul.ts),
 * - `MaxPoolGrad` for non-overlapping windows: one pass instead of two (max-pool-grad.ts),
 * - `Sum` over all leading axes of large tensors, i.e. bias gradients (sum-columns.ts),
 * - Adam as one kernel per variable (`createAdam`, adam.ts).
 *
 * Shapes our kernels do not cover go to the stock kernel. The browser worker and the Node full
 * run both call `useKernels(tf, 'fast')` after loading the WebGPU backend.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { adamStep, ADAM_KERNEL, createFusedAdam } from './adam';
import { supportsConv, type ConvInfo } from './conv';
import { conv2dFilterGrad } from './conv-backprop-filter';
import { conv2dInputGrad } from './conv-backprop-input';
import { conv2d } from './conv2d';
import { matMul, supportsMatMul } from './matmul';
import { maxPoolGrad, supportsMaxPoolGrad, type PoolInfo } from './max-pool-grad';
import type { Backend, TensorInfo } from './program';
import { isColumnSum, sumColumns } from './sum-columns';

export type KernelSet = 'fast' | 'stock';
export const KERNEL_SETS: readonly KernelSet[] = ['fast', 'stock'];

type TF = typeof tfjs;
type Shape4 = [number, number, number, number];
interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
type KernelFunc = (args: { inputs: Record<string, TensorInfo>; backend: Backend; attrs: unknown }) => TensorInfo | TensorInfo[];

/** Stock kernels we replaced, to restore them. */
const stockKernels = new Map<string, KernelFunc>();
let current: KernelSet = 'stock';

/** The kernels we register: name → our function, given the stock one to fall back to. */
function ourKernels(tf: TF): Record<string, (stock: KernelFunc) => KernelFunc> {
  const bu = tf.backend_util;
  /** tfjs's own geometry for a convolution kernel's attributes (the gradients carry no dilations). */
  const convInfo = (xShape: Shape4, filterShape: Shape4, a: ConvAttrs) =>
    bu.computeConv2DInfo(xShape, filterShape, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false, bu.convertConv2DDataFormat(a.dataFormat)) as unknown as ConvInfo;
  return {
    Conv2DBackpropFilter: (stock) => (args) => {
      const { x, dy } = args.inputs;
      const a = args.attrs as ConvAttrs & { filterShape: Shape4 };
      const info = convInfo(x.shape as Shape4, a.filterShape, a);
      return supportsConv(info) && x.dtype === 'float32' ? conv2dFilterGrad(args.backend, x, dy, info) : stock(args);
    },
    Conv2DBackpropInput: (stock) => (args) => {
      const { dy, filter } = args.inputs;
      const a = args.attrs as ConvAttrs & { inputShape: Shape4 };
      const info = convInfo(a.inputShape, filter.shape as Shape4, a);
      return supportsConv(info) && dy.dtype === 'float32' ? conv2dInputGrad(args.backend, dy, filter, info) : stock(args);
    },
    Conv2D: (stock) => (args) => {
      const { x, filter } = args.inputs;
      const info = convInfo(x.shape as Shape4, filter.shape as Shape4, args.attrs as ConvAttrs);
      return supportsConv(info) && x.dtype === 'float32' ? conv2d(args.backend, x, filter, info) : stock(args);
    },
    BatchMatMul: (stock) => (args) => {
      const { a, b } = args.inputs;
      const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
      return supportsMatMul(a, b, transposeA, transposeB) ? matMul(args.backend, a, b, transposeA, transposeB) : stock(args);
    },
    MaxPoolGrad: (stock) => (args) => {
      const { dy, input } = args.inputs;
      const a = args.attrs as { filterSize: [number, number] | number; strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
      const info = bu.computePool2DInfo(input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode) as unknown as PoolInfo;
      return supportsMaxPoolGrad(info) && input.dtype === 'float32' ? maxPoolGrad(args.backend, dy, input, info) : stock(args);
    },
    Sum: (stock) => (args) => {
      const { x } = args.inputs;
      const a = args.attrs as { axis: number | number[]; keepDims: boolean };
      const axes = tf.util.parseAxisParam(a.axis, x.shape);
      if (!isColumnSum(x.shape, axes, x.dtype)) return stock(args);
      const out = a.keepDims ? x.shape.map((d, i) => (i === x.shape.length - 1 ? d : 1)) : [x.shape[x.shape.length - 1]];
      return sumColumns(args.backend, x, out);
    },
  };
}

/**
 * Switches the WebGPU backend between TensorFlow.js's stock kernels and ours. Call after
 * `@tensorflow/tfjs-backend-webgpu` has been imported; switching to the active set does nothing.
 */
export function useKernels(tf: TF, set: KernelSet): void {
  if (!KERNEL_SETS.includes(set)) throw new RangeError(`unknown kernel set ${set} (choose ${KERNEL_SETS.join(' or ')})`);
  if (set === current) return;
  const ours = ourKernels(tf);
  for (const name of Object.keys(ours)) {
    const registered = tf.getKernel(name, 'webgpu');
    if (!registered) throw new Error(`TensorFlow.js has no WebGPU kernel ${name}: import @tensorflow/tfjs-backend-webgpu first`);
    tf.unregisterKernel(name, 'webgpu');
    if (set === 'fast') {
      const stock = registered.kernelFunc as unknown as KernelFunc;
      stockKernels.set(name, stock);
      tf.registerKernel({ kernelName: name, backendName: 'webgpu', kernelFunc: ours[name](stock) as unknown as tfjs.KernelFunc });
    } else {
      tf.registerKernel({ kernelName: name, backendName: 'webgpu', kernelFunc: stockKernels.get(name)! as unknown as tfjs.KernelFunc });
    }
  }
  if (set === 'fast') {
    tf.registerKernel({ kernelName: ADAM_KERNEL, backendName: 'webgpu', kernelFunc: adamStep as unknown as tfjs.KernelFunc });
  } else {
    tf.unregisterKernel(ADAM_KERNEL, 'webgpu');
  }
  current = set;
}

/** Which set is active. */
export function kernelSet(): KernelSet {
  return current;
}

/**
 * Adam with PyTorch's defaults (β 0.9 / 0.999, ε 1e-8): the fused one on WebGPU with our
 * kernels, tfjs's own otherwise.
 */
export function createAdam(tf: TF, learningRate: number): tfjs.Optimizer {
  if (current === 'fast' && tf.getBackend() === 'webgpu') return createFusedAdam(tf, learningRate, 0.9, 0.999, 1e-8);
  return tf.train.adam(learningRate, 0.9, 0.999, 1e-8);
}
