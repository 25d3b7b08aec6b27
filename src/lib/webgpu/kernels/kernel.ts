/**
 * What one of our kernels is: the TensorFlow.js kernel it takes over, which calls it takes
 * (`supports`) and how it runs them (`run`); the stock kernel keeps the rest. Geometry comes from
 * tfjs's own `backend_util` (Conv2DInfo), read by the one attribute parser below.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { KernelArgs, TensorInfo } from './program';

/** The tfjs namespace (`import * as tf from '@tensorflow/tfjs'`), passed in by the caller. */
export type TF = typeof tfjs;

/** tfjs's geometry of a convolution or a pooling (`computeConv2DInfo`, `computePool2DInfo`). */
export type Conv2DInfo = tfjs.backend_util.Conv2DInfo;

/** A 4-D shape: NHWC images or an HWIO filter. */
export type Shape4 = [number, number, number, number];

/** The attributes tfjs gives the convolution kernels (`Conv2D`, `Conv2DBackpropFilter`, `Conv2DBackpropInput`). */
export interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dilations?: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** One of our WebGPU kernels (one file per op, `<OpName>.ts`, as in tfjs-backend-webgpu). */
export interface CustomKernel<I = Record<string, TensorInfo>, A = unknown> {
  /** The tfjs kernel name it registers under, e.g. `Conv2DBackpropFilter`. */
  kernelName: string;
  /** Whether our program takes this call; where not, the stock kernel runs it. */
  supports(args: KernelArgs<I, A>, tf: TF): boolean;
  /** Runs our program(s); only called where `supports` said yes. */
  run(args: KernelArgs<I, A>, tf: TF): TensorInfo | TensorInfo[];
}

/** tfjs's own geometry for a convolution kernel's attributes (the gradients carry no dilations). */
export function convInfoOf(tf: TF, xShape: Shape4, filterShape: Shape4, a: ConvAttrs): Conv2DInfo {
  const bu = tf.backend_util;
  return bu.computeConv2DInfo(xShape, filterShape, a.strides, a.dilations ?? 1, a.pad, a.dimRoundingMode, false, bu.convertConv2DDataFormat(a.dataFormat));
}
