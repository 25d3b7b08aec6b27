/** `Sum` over all leading axes of a large float32 tensor (the bias gradients) in sliced passes (sum-columns.ts). */
import type { CustomKernel, TF } from './kernel';
import type { KernelArgs, TensorInfo } from './program';
import { isColumnSum, sumColumns } from './sum-columns';

type Args = KernelArgs<{ x: TensorInfo }, { axis: number | number[]; keepDims: boolean }>;
const axesOf = ({ inputs, attrs }: Args, tf: TF) => tf.util.parseAxisParam(attrs.axis, inputs.x.shape);

/** The `Sum` entry of the kernel list (index.ts). */
export const sumKernel: CustomKernel<Args['inputs'], Args['attrs']> = {
  kernelName: 'Sum',
  supports: (args, tf) => isColumnSum(args.inputs.x.shape, axesOf(args, tf), args.inputs.x.dtype),
  run: ({ inputs, backend, attrs }) => {
    const { shape } = inputs.x;
    const out = attrs.keepDims ? shape.map((d, i) => (i === shape.length - 1 ? d : 1)) : [shape[shape.length - 1]];
    return sumColumns(backend, inputs.x, out);
  },
};
