/**
 * The weight gradient of a 2-D convolution (`Conv2DBackpropFilter`, NHWC, dilation 1).
 *
 * dW[k, co] = Σ_m X̂[m, k] · dY[m, co], with m = (batch, output row, output column) and
 * k = (filter row, filter column, input channel), X̂ the input seen through the filter (im2col,
 * never stored). tfjs's stock kernel gives each of the K·CO outputs one thread that loops over
 * all m (64 · 224 · 224 = 3.2 M for the first layer), so a few hundred threads keep the GPU
 * busy for 1.5 s. Here the sum over m is split into slices: each workgroup multiplies a
 * 16-row strip of X̂ and dY tile by tile in shared memory for one slice and one K × CO tile,
 * writes its partial sums, and a second pass adds the slices up (`sumPartials`).
 */
import { ceilDiv, flatLayout, type Backend, type KernelArgs, type Program, type TensorInfo, type Uniform } from './program';
import { planSplit, sumPartials } from './reduce';

/** Rows of m per shared-memory step. */
const TM = 16;

/** The part of tfjs's Conv2DInfo this kernel reads. */
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

const tileFor = (n: number) => (n <= 16 ? 16 : n <= 32 ? 32 : 64);

class FilterGradProgram implements Program {
  variableNames = ['x', 'dy'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms = 'pads : vec2<i32>, strides : vec2<i32>, inSize : vec2<i32>, outW : i32, outHW : i32, filterW : i32, ci : i32, co : i32, kTotal : i32, m : i32, chunk : i32,';
  private tk: number;
  private tc: number;

  constructor(outputShape: number[], k: number, co: number, slices: number) {
    this.tk = tileFor(k);
    this.tc = tileFor(co);
    this.outputShape = outputShape;
    this.dispatchLayout = flatLayout(outputShape);
    this.workgroupSize = [(this.tk / 4) * (this.tc / 4), 1, 1];
    this.dispatch = [ceilDiv(co, this.tc), ceilDiv(k, this.tk), slices];
    this.shaderKey = `caltech_conv2dFilterGrad_${this.tk}_${this.tc}`;
  }

  getUserCode(): string {
    const { tk, tc } = this;
    const tx = tc / 4;
    const ty = tk / 4;
    const nt = tx * ty;
    const accumulate: string[] = [];
    for (let i = 0; i < 4; i++) accumulate.push(`acc${i} = fma(vec4<f32>(As[mm * ${tk} + ty + ${i * ty}]), b, acc${i});`);
    const store: string[] = [];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        store.push(`if (k0 + ${i * ty} < uniforms.kTotal && c0 + ${j * tx} < uniforms.co) { result[base + (k0 + ${i * ty}) * uniforms.co + c0 + ${j * tx}] = acc${i}[${j}]; }`);
      }
    }
    return /* wgsl */ `
      var<workgroup> As : array<f32, ${TM * tk}>;
      var<workgroup> Bs : array<f32, ${TM * tc}>;

      // X̂[m, k]: the input pixel that filter tap k sees at output position m (0 in the padding).
      fn loadX(m : i32, k : i32) -> f32 {
        let b = m / uniforms.outHW;
        let r = m - b * uniforms.outHW;
        let oy = r / uniforms.outW;
        let ox = r - oy * uniforms.outW;
        let fwci = uniforms.filterW * uniforms.ci;
        let fh = k / fwci;
        let r2 = k - fh * fwci;
        let fw = r2 / uniforms.ci;
        let c = r2 - fw * uniforms.ci;
        let iy = oy * uniforms.strides.x - uniforms.pads.x + fh;
        let ix = ox * uniforms.strides.y - uniforms.pads.y + fw;
        if (iy < 0 || iy >= uniforms.inSize.x || ix < 0 || ix >= uniforms.inSize.y) {
          return 0.0;
        }
        return x[((b * uniforms.inSize.x + iy) * uniforms.inSize.y + ix) * uniforms.ci + c];
      }

      fn main(index : i32) {
        let lid = i32(localIndex);
        let tx = lid % ${tx};
        let ty = lid / ${tx};
        let cTile = i32(workgroupId.x) * ${tc};
        let kTile = i32(workgroupId.y) * ${tk};
        let slice = i32(workgroupId.z);
        let mBegin = slice * uniforms.chunk;
        let mEnd = min(mBegin + uniforms.chunk, uniforms.m);
        var acc0 = vec4<f32>(0.0);
        var acc1 = vec4<f32>(0.0);
        var acc2 = vec4<f32>(0.0);
        var acc3 = vec4<f32>(0.0);
        // The step count comes from uniforms only, so the barriers stay in uniform control flow.
        let steps = uniforms.chunk / ${TM};
        for (var step = 0; step < steps; step++) {
          let m0 = mBegin + step * ${TM};
          for (var i = lid; i < ${TM * tk}; i += ${nt}) {
            let m = m0 + i / ${tk};
            let k = kTile + i % ${tk};
            var v = 0.0;
            if (m < mEnd && k < uniforms.kTotal) {
              v = loadX(m, k);
            }
            As[i] = v;
          }
          for (var i = lid; i < ${TM * tc}; i += ${nt}) {
            let m = m0 + i / ${tc};
            let c = cTile + i % ${tc};
            var v = 0.0;
            if (m < mEnd && c < uniforms.co) {
              v = dy[m * uniforms.co + c];
            }
            Bs[i] = v;
          }
          workgroupBarrier();
          for (var mm = 0; mm < ${TM}; mm++) {
            let b = vec4<f32>(Bs[mm * ${tc} + tx], Bs[mm * ${tc} + tx + ${tx}], Bs[mm * ${tc} + tx + ${2 * tx}], Bs[mm * ${tc} + tx + ${3 * tx}]);
            ${accumulate.join('\n            ')}
          }
          workgroupBarrier();
        }
        let base = slice * uniforms.kTotal * uniforms.co;
        let k0 = kTile + ty;
        let c0 = cTile + tx;
        ${store.join('\n        ')}
      }`;
  }
}

/** Whether this kernel handles the convolution (else the stock kernel does). */
export function supportsFilterGrad(info: ConvInfo): boolean {
  return info.dataFormat === 'channelsLast' && info.dilationHeight === 1 && info.dilationWidth === 1;
}

/** dW for `x` [B, H, W, CI] and `dy` [B, OH, OW, CO] as a [FH, FW, CI, CO] tensor. */
export function conv2dFilterGrad(backend: Backend, x: TensorInfo, dy: TensorInfo, info: ConvInfo): TensorInfo {
  const k = info.filterHeight * info.filterWidth * info.inChannels;
  const co = info.outChannels;
  const m = info.batchSize * info.outHeight * info.outWidth;
  const filterShape = [info.filterHeight, info.filterWidth, info.inChannels, co];
  const tiles = ceilDiv(k, tileFor(k)) * ceilDiv(co, tileFor(co));
  const { chunk, slices } = planSplit(m, tiles, TM, 2048, backend.device.limits.maxComputeWorkgroupsPerDimension);
  const uniforms: Uniform[] = [
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.inHeight, info.inWidth] },
    { type: 'int32', data: [info.outWidth] },
    { type: 'int32', data: [info.outHeight * info.outWidth] },
    { type: 'int32', data: [info.filterWidth] },
    { type: 'int32', data: [info.inChannels] },
    { type: 'int32', data: [co] },
    { type: 'int32', data: [k] },
    { type: 'int32', data: [m] },
    { type: 'int32', data: [chunk] },
  ];
  // One slice: the partial sums are the result, in the filter's own layout.
  const partialShape = slices === 1 ? filterShape : [slices, k * co];
  const partials = backend.runWebGPUProgram(new FilterGradProgram(partialShape, k, co, slices), [x, dy], 'float32', uniforms);
  return slices === 1 ? partials : sumPartials(backend, partials, filterShape);
}

export type { KernelArgs };
