/**
 * `Sum` over all leading axes of a large float32 tensor, keeping the last one: the bias
 * gradients of the convolutions (dy [64, 224, 224, 32] → [32]). tfjs transposes such a tensor
 * so that the reduced axes come last and then gives each of the 32 outputs one workgroup; here
 * each thread sums a slice of rows for one column and a second pass adds the slices.
 */
import { ceilDiv, flatLayout, type Backend, type Program, type TensorInfo } from './program';
import { planSplit, sumPartials } from './reduce';

/** Below this many values the stock kernel is fast enough. */
export const SUM_COLUMNS_MIN_SIZE = 1 << 16;

class ColumnSlicesProgram implements Program {
  variableNames = ['x'];
  outputShape: number[];
  shaderKey = 'caltech_sumColumnSlices';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'rows : i32, columns : i32, chunk : i32, total : i32,';

  constructor(slices: number, columns: number) {
    this.outputShape = [slices, columns];
    this.dispatchLayout = flatLayout(this.outputShape);
    this.dispatch = [ceilDiv(slices * columns, 256), 1, 1];
  }

  getUserCode(): string {
    return /* wgsl */ `
      fn main(index : i32) {
        if (index >= uniforms.total) {
          return;
        }
        let slice = index / uniforms.columns;
        let col = index - slice * uniforms.columns;
        let begin = slice * uniforms.chunk;
        let end = min(begin + uniforms.chunk, uniforms.rows);
        var sum = 0.0;
        for (var r = begin; r < end; r++) {
          sum += x[r * uniforms.columns + col];
        }
        result[index] = sum;
      }`;
  }
}

/** Whether `axes` are exactly the leading axes of `shape` (the last axis kept) and the tensor is large. */
export function isColumnSum(shape: number[], axes: number[], dtype: string): boolean {
  const rank = shape.length;
  if (dtype !== 'float32' || rank < 2 || axes.length !== rank - 1) return false;
  const sorted = axes.map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
  return sorted.every((a, i) => a === i) && shape.reduce((a, b) => a * b, 1) >= SUM_COLUMNS_MIN_SIZE;
}

/** Sums `x` over all axes but the last; the result has `outputShape` (C or [1, …, 1, C]). */
export function sumColumns(backend: Backend, x: TensorInfo, outputShape: number[]): TensorInfo {
  const columns = x.shape[x.shape.length - 1];
  const rows = x.shape.reduce((a, b) => a * b, 1) / columns;
  // Aim for about 256 K threads, each summing at least 64 rows.
  const { chunk, slices } = planSplit(rows, 1, 64, Math.max(1, Math.floor((256 * 1024) / columns)));
  const partials = backend.runWebGPUProgram(new ColumnSlicesProgram(slices, columns), [x], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [columns] },
    { type: 'int32', data: [chunk] },
    { type: 'int32', data: [slices * columns] },
  ]);
  return sumPartials(backend, partials, outputShape);
}
