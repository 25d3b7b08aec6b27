/**
 * The weight gradient of a 2-D convolution (`Conv2DBackpropFilter`, NHWC, dilation 1).
 *
 * dW[k, co] = Σ_m X̂[m, k] · dY[m, co], with m = (batch, output row, output column) and
 * k = (filter row, filter column, input channel), X̂ the input seen through the filter (im2col,
 * never stored). tfjs's stock kernel gives each of the K·CO outputs one thread that loops over
 * all m (64 · 224 · 224 = 3.2 M for the first layer), so a few hundred threads keep the GPU
 * busy for 1.5 s. Here it is a tiled matrix product (gemm.ts) whose long sum over m is split
 * into slices: each workgroup multiplies its slice tile by tile in shared memory and writes
 * partial sums, and a second pass adds the slices up.
 */
import { channelRows, CONV_UNIFORMS, convUniforms, TAP_WGSL, WINDOW_WGSL } from './conv';
import type { Conv2DInfo } from './kernel';
import { gemm, type GemmSpec } from './gemm';
import type { Backend, TensorInfo } from './program';

/**
 * As a matrix product: rows m = filter taps (fh, fw, ci), columns n = output channels, sum over
 * k = output positions (b, oy, ox). A(m, k) is the input pixel tap m sees at position k (0 in
 * the padding), B(k, n) = dY. A thread keeps its taps' offsets and works out one position per
 * step.
 */
const FILTER_GRAD: GemmSpec = {
  key: 'conv2dFilterGrad',
  variableNames: ['x', 'dy'],
  uniforms: CONV_UNIFORMS,
  a: /* wgsl */ `
    ${TAP_WGSL}
    ${WINDOW_WGSL}
    alias AOuter = Tap;
    alias AInner = Window;
    fn aOuter(m : i32) -> Tap { return tapOf(m, uniforms.ci); }
    fn aInner(k : i32) -> Window { return windowOf(k); }
    fn aLoad(o : Tap, i : Window) -> f32 { return inputAt(i, o); }`,
  b: channelRows('dy'),
  aContiguous: 'k',
  bContiguous: 'n',
};

/** dW for `x` [B, H, W, CI] and `dy` [B, OH, OW, CO] as a [FH, FW, CI, CO] tensor. */
export function conv2dFilterGrad(backend: Backend, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const taps = info.filterHeight * info.filterWidth * info.inChannels;
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const filterShape = [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels];
  return gemm(backend, FILTER_GRAD, [x, dy], { m: taps, n: info.outChannels, k: positions }, filterShape, convUniforms(info));
}
