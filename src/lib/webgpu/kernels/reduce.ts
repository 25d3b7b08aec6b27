/**
 * The second half of every split reduction here: `partials` holds S rows of N partial sums
 * (row s from the s-th slice of the reduced dimension); the result is their column sums.
 * One workgroup sums 32 columns with 8 lanes each, then combines the lanes in shared memory.
 */
import { ceilDiv, flatLayout, type Backend, type Program, type TensorInfo } from './program';

const COLUMNS = 32;
const LANES = 8;

class SumRowsProgram implements Program {
  variableNames = ['partials'];
  outputShape: number[];
  shaderKey = 'caltech_sumRows';
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [COLUMNS * LANES, 1, 1];
  uniforms = 'rows : i32, columns : i32,';

  constructor(outputShape: number[], columns: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = flatLayout(outputShape);
    this.dispatch = [ceilDiv(columns, COLUMNS), 1, 1];
  }

  getUserCode(): string {
    return /* wgsl */ `
      var<workgroup> lanes : array<f32, ${COLUMNS * LANES}>;
      fn main(index : i32) {
        let lid = i32(localIndex);
        // Linear workgroup index: tfjs reshapes dispatches beyond the per-dimension limit.
        let group = i32(workgroupId.x + numWorkgroups.x * (workgroupId.y + numWorkgroups.y * workgroupId.z));
        let col = group * ${COLUMNS} + lid % ${COLUMNS};
        let lane = lid / ${COLUMNS};
        var sum = 0.0;
        if (col < uniforms.columns) {
          for (var r = lane; r < uniforms.rows; r += ${LANES}) {
            sum += partials[r * uniforms.columns + col];
          }
        }
        lanes[lid] = sum;
        workgroupBarrier();
        if (lane == 0 && col < uniforms.columns) {
          var total = lanes[lid];
          for (var l = 1; l < ${LANES}; l++) {
            total += lanes[lid + l * ${COLUMNS}];
          }
          result[col] = total;
        }
      }`;
  }
}

/**
 * Column sums of `partials` ([rows, columns] float32) as a tensor of `outputShape`
 * (rows × … = columns). Disposes `partials`.
 */
export function sumPartials(backend: Backend, partials: TensorInfo, outputShape: number[]): TensorInfo {
  const [rows, columns] = partials.shape;
  const program = new SumRowsProgram(outputShape, columns);
  const out = backend.runWebGPUProgram(program, [partials], 'float32', [
    { type: 'int32', data: [rows] },
    { type: 'int32', data: [columns] },
  ]);
  backend.disposeData(partials.dataId);
  return out;
}

/**
 * How to split a reduction of length `length` into slices so that about `target` workgroups
 * run at once when each slice already has `tiles` workgroups: slice length (a multiple of
 * `step`) and slice count.
 */
export function planSplit(length: number, tiles: number, step: number, target = 2048, maxSlices = 65535): { chunk: number; slices: number } {
  const wanted = Math.max(1, Math.min(maxSlices, Math.ceil(target / tiles), Math.ceil(length / step)));
  const chunk = ceilDiv(ceilDiv(length, wanted), step) * step;
  return { chunk, slices: ceilDiv(length, chunk) };
}
