/** `Conv2D` (the forward convolution) as our tiled product (conv2d_webgpu.ts), for NHWC float32 without dilation. */
import { supportsConv } from './conv';
import { conv2d } from './conv2d_webgpu';
import { convInfoOf, type ConvAttrs, type CustomKernel, type Shape4, type TF } from './kernel';
import type { KernelArgs, TensorInfo } from './program';

type Args = KernelArgs<{ x: TensorInfo; filter: TensorInfo }, ConvAttrs>;
const infoOf = ({ inputs, attrs }: Args, tf: TF) => convInfoOf(tf, inputs.x.shape as Shape4, inputs.filter.shape as Shape4, attrs);

/** The `Conv2D` entry of the kernel list (index.ts). */
export const conv2DKernel: CustomKernel<Args['inputs'], Args['attrs']> = {
  kernelName: 'Conv2D',
  supports: (args, tf) => args.inputs.x.dtype === 'float32' && supportsConv(infoOf(args, tf)),
  run: (args, tf) => conv2d(args.backend, args.inputs.x, args.inputs.filter, infoOf(args, tf)),
};
