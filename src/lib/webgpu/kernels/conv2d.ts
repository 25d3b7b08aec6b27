/**
 * The forward 2-D convolution (`Conv2D`, NHWC, dilation 1) as a tiled matrix product
 * (gemm.ts): rows m = output positions (b, oy, ox), columns n = output channels, sum over
 * k = filter taps (fh, fw, ci) of the input pixel the tap sees (0 in the padding) times
 * W[fh, fw, ci, n]. A thread keeps its positions' window corners and works out one tap per step.
 */
import { CONV_UNIFORMS, convUniforms, type ConvInfo } from './conv';
import { gemm, type GemmSpec } from './gemm';
import type { Backend, TensorInfo } from './program';

const CONV2D: GemmSpec = {
  key: 'conv2d',
  variableNames: ['x', 'w'],
  uniforms: CONV_UNIFORMS,
  a: /* wgsl */ `
    struct AOuter { row : i32, top : i32, left : i32 }
    struct AInner { fh : i32, fw : i32, c : i32 }
    fn aOuter(m : i32) -> AOuter {
      let outHW = uniforms.outSize.x * uniforms.outSize.y;
      let b = m / outHW;
      let r = m - b * outHW;
      let oy = r / uniforms.outSize.y;
      let ox = r - oy * uniforms.outSize.y;
      return AOuter(b * uniforms.inSize.x, oy * uniforms.strides.x - uniforms.pads.x, ox * uniforms.strides.y - uniforms.pads.y);
    }
    fn aInner(k : i32) -> AInner {
      let fwci = uniforms.filterW * uniforms.ci;
      let fh = k / fwci;
      let r = k - fh * fwci;
      let fw = r / uniforms.ci;
      return AInner(fh, fw, r - fw * uniforms.ci);
    }
    fn aLoad(o : AOuter, i : AInner) -> f32 {
      let iy = o.top + i.fh;
      let ix = o.left + i.fw;
      if (iy < 0 || iy >= uniforms.inSize.x || ix < 0 || ix >= uniforms.inSize.y) {
        return 0.0;
      }
      return x[((o.row + iy) * uniforms.inSize.y + ix) * uniforms.ci + i.c];
    }`,
  b: /* wgsl */ `
    alias BOuter = i32;
    alias BInner = i32;
    fn bOuter(n : i32) -> i32 { return n; }
    fn bInner(k : i32) -> i32 { return k * uniforms.co; }
    fn bLoad(o : i32, i : i32) -> f32 { return w[o + i]; }`,
  aContiguous: 'k',
  bContiguous: 'n',
};

/** Y [B, OH, OW, CO] for `x` [B, H, W, CI] and the filter `w` [FH, FW, CI, CO]. */
export function conv2d(backend: Backend, x: TensorInfo, w: TensorInfo, info: ConvInfo): TensorInfo {
  const positions = info.batchSize * info.outHeight * info.outWidth;
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const shape = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  return gemm(backend, CONV2D, [x, w], { m: positions, n: info.outChannels, k }, shape, convUniforms(info));
}
