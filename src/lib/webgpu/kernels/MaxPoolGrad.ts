/** `MaxPoolGrad` for windows that do not overlap (SimpleCNN's 2 × 2 pools), in one pass (max-pool-grad.ts). */
import type { Conv2DInfo, CustomKernel, Shape4, TF } from './kernel';
import { maxPoolGrad, supportsMaxPoolGrad } from './max-pool-grad';
import type { KernelArgs, TensorInfo } from './program';

interface PoolAttrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}
type Args = KernelArgs<{ dy: TensorInfo; input: TensorInfo; output: TensorInfo }, PoolAttrs>;
const infoOf = ({ inputs, attrs }: Args, tf: TF): Conv2DInfo =>
  tf.backend_util.computePool2DInfo(inputs.input.shape as Shape4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);

/** The `MaxPoolGrad` entry of the kernel list (index.ts). */
export const maxPoolGradKernel: CustomKernel<Args['inputs'], Args['attrs']> = {
  kernelName: 'MaxPoolGrad',
  supports: (args, tf) => args.inputs.input.dtype === 'float32' && supportsMaxPoolGrad(infoOf(args, tf)),
  run: (args, tf) => maxPoolGrad(args.backend, args.inputs.dy, args.inputs.input, infoOf(args, tf)),
};
