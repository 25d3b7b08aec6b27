/** `BatchMatMul` of one pair of large float32 matrices with a long sum (fc1's forward pass) as our split tiled product (matmul.ts). */
import type { CustomKernel } from './kernel';
import { matMul, supportsMatMul } from './matmul';
import type { TensorInfo } from './program';

/** The `BatchMatMul` entry of the kernel list (index.ts). */
export const batchMatMulKernel: CustomKernel<{ a: TensorInfo; b: TensorInfo }, { transposeA: boolean; transposeB: boolean }> = {
  kernelName: 'BatchMatMul',
  supports: ({ inputs, attrs }) => supportsMatMul(inputs.a, inputs.b, attrs.transposeA, attrs.transposeB),
  run: ({ inputs, backend, attrs }) => matMul(backend, inputs.a, inputs.b, attrs.transposeA, attrs.transposeB),
};
