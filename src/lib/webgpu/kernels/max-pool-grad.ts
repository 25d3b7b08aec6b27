/**
 * The gradient of max pooling (`MaxPoolGrad`) for windows that do not overlap (stride ≥ window,
 * as in SimpleCNN's 2 × 2 pools), in one pass; the stock kernel first writes the argmax of every
 * window to a buffer and then scans it in a second program. When the windows tile the input
 * exactly (224 → 112), one thread per window reads it once and writes all its gradients;
 * otherwise one thread per input pixel finds its window's maximum again (pixels in no window
 * get 0).
 *
 * Ties go where tfjs's WebGPU kernel sends them: to the last maximum in row-major order
 * (PyTorch and tfjs's CPU kernel pick the first). SimpleCNN pools ReLU outputs, where ties are
 * zeros whose gradient the ReLU drops anyway.
 */
import type { Conv2DInfo } from './kernel';
import { ceilDiv, flatLayout, type Backend, type Program, type TensorInfo } from './program';

class MaxPoolGradProgram implements Program {
  variableNames = ['dy', 'x'];
  outputShape: number[];
  shaderKey = 'caltech_maxPoolGrad';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'pads : vec2<i32>, strides : vec2<i32>, window : vec2<i32>, pooled : vec2<i32>, total : i32,';

  constructor(outputShape: number[]) {
    this.outputShape = outputShape;
    this.dispatchLayout = flatLayout(outputShape);
    this.dispatch = [ceilDiv(outputShape.reduce((a, b) => a * b, 1), 256), 1, 1];
  }

  getUserCode(): string {
    return /* wgsl */ `
      fn main(index : i32) {
        if (index >= uniforms.total) {
          return;
        }
        let c = index % uniforms.xShape[3];
        let pixel = index / uniforms.xShape[3];
        let ix = pixel % uniforms.xShape[2];
        let iy = (pixel / uniforms.xShape[2]) % uniforms.xShape[1];
        let b = pixel / (uniforms.xShape[2] * uniforms.xShape[1]);
        let ty = iy + uniforms.pads.x;
        let tx = ix + uniforms.pads.y;
        let oy = ty / uniforms.strides.x;
        let ox = tx / uniforms.strides.y;
        let wy = ty - oy * uniforms.strides.x;
        let wx = tx - ox * uniforms.strides.y;
        if (oy >= uniforms.pooled.x || ox >= uniforms.pooled.y || wy >= uniforms.window.x || wx >= uniforms.window.y) {
          result[index] = 0.0;
          return;
        }
        let y0 = oy * uniforms.strides.x - uniforms.pads.x;
        let x0 = ox * uniforms.strides.y - uniforms.pads.y;
        var best = 0.0;
        var found = false;
        var bestY = -1;
        var bestX = -1;
        for (var r = 0; r < uniforms.window.x; r++) {
          let y = y0 + r;
          if (y < 0 || y >= uniforms.xShape[1]) {
            continue;
          }
          for (var q = 0; q < uniforms.window.y; q++) {
            let xx = x0 + q;
            if (xx < 0 || xx >= uniforms.xShape[2]) {
              continue;
            }
            let v = x[((b * uniforms.xShape[1] + y) * uniforms.xShape[2] + xx) * uniforms.xShape[3] + c];
            if (!found || v >= best) {
              best = v;
              found = true;
              bestY = r;
              bestX = q;
            }
          }
        }
        var g = 0.0;
        if (bestY == wy && bestX == wx) {
          g = dy[((b * uniforms.pooled.x + oy) * uniforms.pooled.y + ox) * uniforms.xShape[3] + c];
        }
        result[index] = g;
      }`;
  }
}

/** One thread per window, for windows that tile the input exactly (stride = window, no padding). */
class MaxPoolGradTiledProgram implements Program {
  variableNames = ['dy', 'x'];
  outputShape: number[];
  shaderKey = 'caltech_maxPoolGradTiled';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'window : vec2<i32>, pooled : vec2<i32>, windows : i32,';

  constructor(outputShape: number[], windows: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = flatLayout(outputShape);
    this.dispatch = [ceilDiv(windows, 256), 1, 1];
  }

  getUserCode(): string {
    return /* wgsl */ `
      fn main(index : i32) {
        if (index >= uniforms.windows) {
          return;
        }
        let channels = uniforms.xShape[3];
        let c = index % channels;
        let w = index / channels;
        let ox = w % uniforms.pooled.y;
        let oy = (w / uniforms.pooled.y) % uniforms.pooled.x;
        let b = w / (uniforms.pooled.y * uniforms.pooled.x);
        let rowStride = uniforms.xShape[2] * channels;
        let corner = ((b * uniforms.xShape[1] + oy * uniforms.window.x) * uniforms.xShape[2] + ox * uniforms.window.y) * channels + c;
        var best = x[corner];
        var bestAt = corner;
        for (var r = 0; r < uniforms.window.x; r++) {
          for (var q = 0; q < uniforms.window.y; q++) {
            let at = corner + r * rowStride + q * channels;
            let v = x[at];
            if (v >= best) {
              best = v;
              bestAt = at;
            }
          }
        }
        let g = dy[index];
        for (var r = 0; r < uniforms.window.x; r++) {
          for (var q = 0; q < uniforms.window.y; q++) {
            let at = corner + r * rowStride + q * channels;
            result[at] = select(0.0, g, at == bestAt);
          }
        }
      }`;
  }
}

/** Whether this kernel handles the pooling (else the stock kernel does). */
export function supportsMaxPoolGrad(info: Conv2DInfo): boolean {
  return info.dilationHeight === 1 && info.dilationWidth === 1 && info.strideHeight >= info.filterHeight && info.strideWidth >= info.filterWidth;
}

/** dX [B, H, W, C] of a max pool with output gradient `dy` [B, OH, OW, C]. */
export function maxPoolGrad(backend: Backend, dy: TensorInfo, x: TensorInfo, info: Conv2DInfo): TensorInfo {
  const total = x.shape.reduce((a, b) => a * b, 1);
  const tiles =
    info.strideHeight === info.filterHeight &&
    info.strideWidth === info.filterWidth &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.outHeight * info.filterHeight === info.inHeight &&
    info.outWidth * info.filterWidth === info.inWidth;
  if (tiles) {
    const windows = info.batchSize * info.outHeight * info.outWidth * info.inChannels;
    return backend.runWebGPUProgram(new MaxPoolGradTiledProgram(x.shape, windows), [dy, x], 'float32', [
      { type: 'int32', data: [info.filterHeight, info.filterWidth] },
      { type: 'int32', data: [info.outHeight, info.outWidth] },
      { type: 'int32', data: [windows] },
    ]);
  }
  return backend.runWebGPUProgram(new MaxPoolGradProgram(x.shape), [dy, x], 'float32', [
    { type: 'int32', data: [info.padInfo.top, info.padInfo.left] },
    { type: 'int32', data: [info.strideHeight, info.strideWidth] },
    { type: 'int32', data: [info.filterHeight, info.filterWidth] },
    { type: 'int32', data: [info.outHeight, info.outWidth] },
    { type: 'int32', data: [total] },
  ]);
}
