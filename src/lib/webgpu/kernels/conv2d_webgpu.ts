/**
 * The forward 2-D convolution (`Conv2D`, NHWC, dilation 1) as a tiled matrix product
 * (gemm.ts): rows m = output positions (b, oy, ox), columns n = output channels, sum over
 * k = filter taps (fh, fw, ci) of the input pixel the tap sees (0 in the padding) times
 * W[fh, fw, ci, n]. A thread keeps its positions' window corners and works out one tap per step.
 */
import { channelRows, CONV_UNIFORMS, convUniforms, TAP_WGSL, WINDOW_WGSL } from './conv';
import type { Conv2DInfo } from './kernel';
import { gemm, type GemmSpec } from './gemm';
import type { Backend, TensorInfo } from './program';

const CONV2D: GemmSpec = {
  key: 'conv2d',
  variableNames: ['x', 'w'],
  uniforms: CONV_UNIFORMS,
  a: /* wgsl */ `
    ${TAP_WGSL}
    ${WINDOW_WGSL}
    alias AOuter = Window;
    alias AInner = Tap;
    fn aOuter(m : i32) -> Window { return windowOf(m); }
    fn aInner(k : i32) -> Tap { return tapOf(k, uniforms.ci); }
    fn aLoad(o : Window, i : Tap) -> f32 { return inputAt(o, i); }`,
  b: channelRows('w'),
  aContiguous: 'k',
  bContiguous: 'n',
};

/** Y [B, OH, OW, CO] for `x` [B, H, W, CI] and the filter `w` [FH, FW, CI, CO]. */
export function conv2d(backend: Backend, x: TensorInfo, w: TensorInfo, info: Conv2DInfo): TensorInfo {
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const shape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  return gemm(backend, CONV2D, [x, w], { m: positions, n: info.outChannels, k }, shape, convUniforms(info));
}
