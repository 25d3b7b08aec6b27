/**
 * The input gradient of a 2-D convolution (`Conv2DBackpropInput`, NHWC, dilation 1) as a tiled
 * matrix product (gemm.ts): rows m = input pixels (b, iy, ix), columns n = input channels, sum
 * over k = (filter row, filter column, output channel) of dY at the output position that sees
 * pixel m through tap (fh, fw) — if there is one — times W[fh, fw, n, co]. A thread keeps its
 * pixels' coordinates and works out one tap per step; stride 1 (SimpleCNN) needs no division.
 */
import { CONV_UNIFORMS, convUniforms, TAP_WGSL } from './conv';
import type { Conv2DInfo } from './kernel';
import { gemm, type GemmSpec } from './gemm';
import type { Backend, TensorInfo } from './program';

function spec(strideOne: boolean): GemmSpec {
  // Output position seen by tap (fh, fw) from pixel o: (o.ty − fh, o.tx − fw) / stride.
  const position = strideOne
    ? /* wgsl */ `
      let oy = o.ty - i.fh;
      let ox = o.tx - i.fw;
      if (oy < 0 || ox < 0 || oy >= uniforms.outSize.x || ox >= uniforms.outSize.y) {
        return 0.0;
      }`
    : /* wgsl */ `
      let ty = o.ty - i.fh;
      let tx = o.tx - i.fw;
      if (ty < 0 || tx < 0) {
        return 0.0;
      }
      let oy = ty / uniforms.strides.x;
      let ox = tx / uniforms.strides.y;
      if (oy * uniforms.strides.x != ty || ox * uniforms.strides.y != tx || oy >= uniforms.outSize.x || ox >= uniforms.outSize.y) {
        return 0.0;
      }`;
  return {
    key: `conv2dInputGrad${strideOne ? '_s1' : ''}`,
    variableNames: ['dy', 'w'],
    uniforms: CONV_UNIFORMS,
    a: /* wgsl */ `
      ${TAP_WGSL}
      struct Pixel { row : i32, ty : i32, tx : i32 }
      alias AOuter = Pixel;
      alias AInner = Tap;
      // Input pixel m = (b, iy, ix): first output row b · OH, and iy, ix shifted by the padding.
      fn aOuter(m : i32) -> Pixel {
        let inHW = uniforms.inSize.x * uniforms.inSize.y;
        let b = m / inHW;
        let r = m - b * inHW;
        let iy = r / uniforms.inSize.y;
        return Pixel(b * uniforms.outSize.x, iy + uniforms.pads.x, r - iy * uniforms.inSize.y + uniforms.pads.y);
      }
      fn aInner(k : i32) -> Tap { return tapOf(k, uniforms.co); }
      fn aLoad(o : Pixel, i : Tap) -> f32 {
        ${position}
        return dy[((o.row + oy) * uniforms.outSize.y + ox) * uniforms.co + i.c];
      }`,
    b: /* wgsl */ `
      alias BOuter = i32;
      alias BInner = i32;
      fn bOuter(n : i32) -> i32 { return n * uniforms.co; }
      fn bInner(k : i32) -> i32 {
        let t = tapOf(k, uniforms.co);
        return (t.fh * uniforms.filterW + t.fw) * uniforms.ci * uniforms.co + t.c;
      }
      fn bLoad(o : i32, i : i32) -> f32 { return w[o + i]; }`,
    aContiguous: 'k',
    bContiguous: 'k',
  };
}

/** dX [B, H, W, CI] for `dy` [B, OH, OW, CO] and the filter `w` [FH, FW, CI, CO]. */
export function conv2dInputGrad(backend: Backend, dy: TensorInfo, w: TensorInfo, info: Conv2DInfo): TensorInfo {
  const pixels = info.batchSize * info.inHeight * info.inWidth;
  const k = info.filterHeight * info.filterWidth * info.outChannels;
  const shape = [info.batchSize, info.inHeight, info.inWidth, info.inChannels];
  const strideOne = info.strideHeight === 1 && info.strideWidth === 1;
  return gemm(backend, spec(strideOne), [dy, w], { m: pixels, n: info.inChannels, k }, shape, convUniforms(info));
}
