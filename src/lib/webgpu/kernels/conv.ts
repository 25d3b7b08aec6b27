/**
 * What our three convolution kernels (conv2d.ts, conv-backprop-filter.ts,
 * conv-backprop-input.ts) share: the geometry they read from tfjs's Conv2DInfo, the uniforms
 * that carry it into WGSL, and which convolutions they handle.
 */
import type { Uniform } from './program';

/** The part of tfjs's Conv2DInfo our kernels read. */
export interface ConvInfo {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  padInfo: { top: number; left: number };
  dataFormat: string;
}

/** Geometry uniforms of the convolution (WGSL struct fields) and their values, in order. */
export const CONV_UNIFORMS = 'pads : vec2<i32>, strides : vec2<i32>, inSize : vec2<i32>, outSize : vec2<i32>, filterW : i32, ci : i32, co : i32,';
export function convUniforms(info: ConvInfo): Uniform[] {
  return [
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.inHeight, info.inWidth] },
    { type: 'int32', data: [info.outHeight, info.outWidth] },
    { type: 'int32', data: [info.filterWidth] },
    { type: 'int32', data: [info.inChannels] },
    { type: 'int32', data: [info.outChannels] },
  ];
}

/** Whether our kernels handle the convolution (else the stock kernel does): NHWC, no dilation. */
export function supportsConv(info: ConvInfo): boolean {
  return info.dataFormat === 'channelsLast' && info.dilationHeight === 1 && info.dilationWidth === 1;
}
