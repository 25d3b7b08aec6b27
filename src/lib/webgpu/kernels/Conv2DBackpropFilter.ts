/** `Conv2DBackpropFilter` (a convolution's weight gradient) as our split tiled product (conv-backprop-filter.ts), NHWC float32, no dilation. */
import { supportsConv } from './conv';
import { conv2dFilterGrad } from './conv-backprop-filter';
import { convInfoOf, type ConvAttrs, type CustomKernel, type Shape4, type TF } from './kernel';
import type { KernelArgs, TensorInfo } from './program';

type Args = KernelArgs<{ x: TensorInfo; dy: TensorInfo }, ConvAttrs & { filterShape: Shape4 }>;
const infoOf = ({ inputs, attrs }: Args, tf: TF) => convInfoOf(tf, inputs.x.shape as Shape4, attrs.filterShape, attrs);

/** The `Conv2DBackpropFilter` entry of the kernel list (index.ts). */
export const conv2DBackpropFilterKernel: CustomKernel<Args['inputs'], Args['attrs']> = {
  kernelName: 'Conv2DBackpropFilter',
  supports: (args, tf) => args.inputs.x.dtype === 'float32' && supportsConv(infoOf(args, tf)),
  run: (args, tf) => conv2dFilterGrad(args.backend, args.inputs.x, args.inputs.dy, infoOf(args, tf)),
};
