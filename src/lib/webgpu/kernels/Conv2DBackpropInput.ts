/** `Conv2DBackpropInput` (a convolution's input gradient) as our tiled product (conv-backprop-input.ts), NHWC float32, no dilation. */
import { supportsConv } from './conv';
import { conv2dInputGrad } from './conv-backprop-input';
import { convInfoOf, type ConvAttrs, type CustomKernel, type Shape4, type TF } from './kernel';
import type { KernelArgs, TensorInfo } from './program';

type Args = KernelArgs<{ dy: TensorInfo; filter: TensorInfo }, ConvAttrs & { inputShape: Shape4 }>;
const infoOf = ({ inputs, attrs }: Args, tf: TF) => convInfoOf(tf, attrs.inputShape, inputs.filter.shape as Shape4, attrs);

/** The `Conv2DBackpropInput` entry of the kernel list (index.ts). */
export const conv2DBackpropInputKernel: CustomKernel<Args['inputs'], Args['attrs']> = {
  kernelName: 'Conv2DBackpropInput',
  supports: (args, tf) => args.inputs.dy.dtype === 'float32' && supportsConv(infoOf(args, tf)),
  run: (args, tf) => conv2dInputGrad(args.backend, args.inputs.dy, args.inputs.filter, infoOf(args, tf)),
};
