/** Shared by the convolution figure's build-time HTML and its script: the input size and the kernels' German names. */
import type { KERNELS } from '../../lib/model/convolve';
import { de } from './de';

/** Side length of the figure's greyscale input. */
export const CONV_SIDE = 96;

/** The offered kernels, in menu order, with their names (from the dictionary). */
export const KERNEL_NAMES: Record<keyof typeof KERNELS, string> = de.convolution.kernels;
