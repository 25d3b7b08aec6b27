/**
 * What our three convolution kernels (conv2d_webgpu.ts, conv-backprop-filter.ts,
 * conv-backprop-input.ts) share: the geometry they read from tfjs's Conv2DInfo, the uniforms
 * that carry it into WGSL, the WGSL that turns indices into filter taps and input windows, and
 * which convolutions they handle.
 */
import type { Conv2DInfo } from './kernel';
import type { Uniform } from './program';

/** Geometry uniforms of the convolution (WGSL struct fields) and their values, in order. */
export const CONV_UNIFORMS = 'pads : vec2<i32>, strides : vec2<i32>, inSize : vec2<i32>, outSize : vec2<i32>, filterW : i32, ci : i32, co : i32,';
/** The values of CONV_UNIFORMS for one convolution, in the same order. */
export function convUniforms(info: Conv2DInfo): Uniform[] {
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
export function supportsConv(info: Conv2DInfo): boolean {
  return info.dataFormat === 'channelsLast' && info.dilationHeight === 1 && info.dilationWidth === 1;
}

/** WGSL: filter tap k over (filter row, filter column, channel), with `channels` channels per column. */
export const TAP_WGSL = /* wgsl */ `
  struct Tap { fh : i32, fw : i32, c : i32 }
  fn tapOf(k : i32, channels : i32) -> Tap {
    let fwc = uniforms.filterW * channels;
    let fh = k / fwc;
    let r = k - fh * fwc;
    let fw = r / channels;
    return Tap(fh, fw, r - fw * channels);
  }`;

/**
 * WGSL (needs the input `x`): the input window of output position k = (b, oy, ox) — first row
 * b · H, top and left corner — and the pixel a tap sees in it (0 in the padding).
 */
export const WINDOW_WGSL = /* wgsl */ `
  struct Window { row : i32, top : i32, left : i32 }
  fn windowOf(k : i32) -> Window {
    let outHW = uniforms.outSize.x * uniforms.outSize.y;
    let b = k / outHW;
    let r = k - b * outHW;
    let oy = r / uniforms.outSize.y;
    let ox = r - oy * uniforms.outSize.y;
    return Window(b * uniforms.inSize.x, oy * uniforms.strides.x - uniforms.pads.x, ox * uniforms.strides.y - uniforms.pads.y);
  }
  fn inputAt(w : Window, t : Tap) -> f32 {
    let iy = w.top + t.fh;
    let ix = w.left + t.fw;
    if (iy < 0 || iy >= uniforms.inSize.x || ix < 0 || ix >= uniforms.inSize.y) {
      return 0.0;
    }
    return x[((w.row + iy) * uniforms.inSize.y + ix) * uniforms.ci + t.c];
  }`;

/** WGSL for B(k, n) = buffer[k · CO + n]: a [positions or taps, output channels] matrix. */
export const channelRows = (buffer: string) => /* wgsl */ `
  alias BOuter = i32;
  alias BInner = i32;
  fn bOuter(n : i32) -> i32 { return n; }
  fn bInner(k : i32) -> i32 { return k * uniforms.co; }
  fn bLoad(o : i32, i : i32) -> f32 { return ${buffer}[i + o]; }`;
