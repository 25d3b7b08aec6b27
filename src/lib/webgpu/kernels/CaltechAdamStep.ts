/** `CaltechAdamStep`: our own kernel (no stock one to replace) for the fused Adam update (adam.ts). */
import { ADAM_KERNEL, adamStep, type AdamAttrs } from './adam';
import type { CustomKernel } from './kernel';
import type { TensorInfo } from './program';

/** The `CaltechAdamStep` entry of the kernel list (index.ts). */
export const adamStepKernel: CustomKernel<{ value: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo }, AdamAttrs> = {
  kernelName: ADAM_KERNEL,
  supports: () => true,
  run: (args) => adamStep(args),
};
