/** Shared by the convolution figure's build-time HTML and its script: the input size and the kernels' German names. */
import type { KERNELS } from '../../lib/model/convolve';

/** Side length of the figure's greyscale input. */
export const CONV_SIDE = 96;

/** The offered kernels, in menu order, with their names. */
export const KERNEL_NAMES: Record<keyof typeof KERNELS, string> = {
  edgeVertical: 'senkrechte Kanten',
  edgeHorizontal: 'waagrechte Kanten',
  blur: 'weichzeichnen',
  sharpen: 'schärfen',
};
