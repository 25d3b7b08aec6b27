/**
 * One tiled matrix product for all our kernels that are matrix products in disguise:
 * C[M, N] = Σ_k A(m, k) · B(k, n), where A and B are WGSL functions that read their inputs in
 * any layout (plain, transposed, or a convolution's input seen through the filter).
 *
 * A workgroup computes a TM × TN tile of C (up to 64 × 64, 4 × 4 values per thread), walking
 * the sum 16 steps at a time through shared memory; tiles are loaded so that neighbouring
 * threads read neighbouring addresses. When C has few tiles and the sum is long (the first
 * convolution's weight gradient: 864 outputs, 3.2 M terms), the sum is split into slices whose
 * partial tiles a second pass adds up (`sumPartials`).
 */
import { ceilDiv, flatLayout, type Backend, type Program, type TensorInfo, type Uniform } from './program';
import { planSplit, sumPartials } from './reduce';

/** Sum steps per shared-memory load. */
const TK = 16;

/** What one tiled matrix product reads and writes: its shader key, inputs, uniforms and load/store code. */
export interface GemmSpec {
  /** Part of the shader key: one per distinct WGSL code of the spec. */
  key: string;
  variableNames: string[];
  /** Extra uniforms the load functions read (WGSL struct fields, each followed by a comma). */
  uniforms: string;
  /**
   * WGSL for A(m, k), split so that what depends on the row m is worked out once per thread
   * and only what depends on k once per step: types `AOuter` and `AInner` (structs or aliases)
   * and `fn aOuter(m : i32) -> AOuter`, `fn aInner(k : i32) -> AInner`,
   * `fn aLoad(o : AOuter, i : AInner) -> f32`. Only called with 0 ≤ m < M, 0 ≤ k < K.
   */
  a: string;
  /** The same for B(k, n): `BOuter`, `BInner`, `bOuter(n)`, `bInner(k)`, `bLoad(o, i)`. */
  b: string;
  /** Which index of A, and of B, walks through consecutive addresses (it varies fastest across threads). */
  aContiguous: 'm' | 'k';
  bContiguous: 'k' | 'n';
}

const tileFor = (n: number) => (n <= 16 ? 16 : n <= 32 ? 32 : 64);

/**
 * WGSL that fills one shared tile (As or Bs) per step. `before` runs once per thread, `step`
 * once per step with k0 set. side 'a': outer index m, tile TM; side 'b': outer index n, tile TN.
 */
function tileLoads(side: 'a' | 'b', outerFastest: boolean, tile: number, threads: number): { before: string; step: string } {
  const S = side.toUpperCase();
  const shared = `${S}s`;
  const dim = side === 'a' ? 'uniforms.dimM' : 'uniforms.dimN';
  const origin = side === 'a' ? 'mTile' : 'nTile';
  const count = (tile * TK) / threads; // elements per thread and step
  const before: string[] = [];
  const step: string[] = [];
  // Loops, not unrolled copies: SwiftShader's compiler runs out of memory on the unrolled form
  // of some of these shaders; GPU drivers unroll constant-count loops themselves.
  if (outerFastest) {
    // Each thread keeps one row (outer index) and takes `count` values of k per step.
    before.push(`let ${side}Row = lid % ${tile};`);
    before.push(`let ${side}O = ${side}Outer(min(${origin} + ${side}Row, ${dim} - 1));`);
    before.push(`let ${side}Ok = ${origin} + ${side}Row < ${dim};`);
    step.push(`for (var t = 0; t < ${count}; t++) {
            let kk = lid / ${tile} + t * ${threads / tile};
            let k = k0 + kk;
            ${shared}[kk * ${tile / 4} + ${side}Row / 4][${side}Row % 4] = select(0.0, ${side}Load(${side}O, ${side}Inner(min(k, uniforms.dimK - 1))), ${side}Ok && k < kEnd);
          }`);
  } else {
    // Each thread keeps `count` rows and one k per step: one ${side}Inner per step.
    before.push(`let ${side}K = lid % ${TK};`);
    before.push(`var ${side}O : array<${S}Outer, ${count}>;`);
    before.push(`var ${side}Ok : array<bool, ${count}>;`);
    before.push(`for (var t = 0; t < ${count}; t++) {
          let row = ${origin} + lid / ${TK} + t * ${threads / TK};
          ${side}O[t] = ${side}Outer(min(row, ${dim} - 1));
          ${side}Ok[t] = row < ${dim};
        }`);
    step.push(`let ${side}k = k0 + ${side}K;`);
    step.push(`let ${side}KOk = ${side}k < kEnd;`);
    step.push(`let ${side}I = ${side}Inner(min(${side}k, uniforms.dimK - 1));`);
    step.push(`for (var t = 0; t < ${count}; t++) {
            let row = lid / ${TK} + t * ${threads / TK};
            ${shared}[${side}K * ${tile / 4} + row / 4][row % 4] = select(0.0, ${side}Load(${side}O[t], ${side}I), ${side}KOk && ${side}Ok[t]);
          }`);
  }
  return { before: before.join('\n        '), step: step.join('\n          ') };
}

class GemmProgram implements Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms: string;
  private tm: number;
  private tn: number;
  private tilesN: number;
  private tilesM: number;

  constructor(
    private spec: GemmSpec,
    outputShape: number[],
    m: number,
    n: number,
    slices: number,
  ) {
    this.tm = tileFor(m);
    this.tn = tileFor(n);
    this.variableNames = spec.variableNames;
    this.outputShape = outputShape;
    this.dispatchLayout = flatLayout(outputShape);
    this.workgroupSize = [(this.tm / 4) * (this.tn / 4), 1, 1];
    this.tilesN = ceilDiv(n, this.tn);
    this.tilesM = ceilDiv(m, this.tm);
    // One flat dispatch, which tfjs folds into two or three dimensions when it exceeds the
    // per-dimension limit (65,535); the shader recovers tile and slice from the linear index.
    this.dispatch = [this.tilesN * this.tilesM * slices, 1, 1];
    this.uniforms = `dimM : i32, dimN : i32, dimK : i32, chunk : i32, tilesN : i32, tilesM : i32, slices : i32, ${spec.uniforms}`;
    this.shaderKey = `caltech_gemm_${spec.key}_${this.tm}_${this.tn}_${spec.aContiguous}${spec.bContiguous}`;
  }

  getUserCode(): string {
    const { tm, tn, spec } = this;
    const tx = tn / 4;
    const nt = (tm / 4) * tx;
    const loadA = tileLoads('a', spec.aContiguous === 'm', tm, nt);
    const loadB = tileLoads('b', spec.bContiguous === 'n', tn, nt);
    const store: string[] = [];
    for (let i = 0; i < 4; i++) {
      store.push(`if (m0 + ${i} < uniforms.dimM) {`);
      for (let j = 0; j < 4; j++) store.push(`  if (n0 + ${j} < uniforms.dimN) { result[base + (m0 + ${i}) * uniforms.dimN + n0 + ${j}] = acc${i}[${j}]; }`);
      store.push('}');
    }
    return /* wgsl */ `
      var<workgroup> As : array<vec4<f32>, ${(TK * tm) / 4}>;
      var<workgroup> Bs : array<vec4<f32>, ${(TK * tn) / 4}>;

      ${spec.a}
      ${spec.b}

      fn main(index : i32) {
        let lid = i32(localIndex);
        let tx = lid % ${tx};
        let ty = lid / ${tx};
        let linear = i32(workgroupId.x + numWorkgroups.x * (workgroupId.y + numWorkgroups.y * workgroupId.z));
        let nTile = (linear % uniforms.tilesN) * ${tn};
        let rest = linear / uniforms.tilesN;
        let mTile = (rest % uniforms.tilesM) * ${tm};
        let slice = rest / uniforms.tilesM;
        // Surplus workgroups of a folded dispatch load nothing and store nothing, but still
        // meet every barrier.
        let live = slice < uniforms.slices;
        let kBegin = slice * uniforms.chunk;
        let kEnd = select(0, min(kBegin + uniforms.chunk, uniforms.dimK), live);
        ${loadA.before}
        ${loadB.before}
        var acc0 = vec4<f32>(0.0);
        var acc1 = vec4<f32>(0.0);
        var acc2 = vec4<f32>(0.0);
        var acc3 = vec4<f32>(0.0);
        // The step count comes from uniforms only, so the barriers stay in uniform control flow.
        let steps = uniforms.chunk / ${TK};
        for (var step = 0; step < steps; step++) {
          let k0 = kBegin + step * ${TK};
          ${loadA.step}
          ${loadB.step}
          workgroupBarrier();
          for (var kk = 0; kk < ${TK}; kk++) {
            let a = As[kk * ${tm / 4} + ty];
            let b = Bs[kk * ${tn / 4} + tx];
            acc0 = fma(vec4<f32>(a.x), b, acc0);
            acc1 = fma(vec4<f32>(a.y), b, acc1);
            acc2 = fma(vec4<f32>(a.z), b, acc2);
            acc3 = fma(vec4<f32>(a.w), b, acc3);
          }
          workgroupBarrier();
        }
        if (!live) {
          return;
        }
        let base = slice * uniforms.dimM * uniforms.dimN;
        let m0 = mTile + ty * 4;
        let n0 = nTile + tx * 4;
        ${store.join('\n        ')}
      }`;
  }
}

/** Largest partial-sum buffer we allocate for a split sum (bytes). */
const MAX_PARTIAL_BYTES = 256 * 1024 * 1024;

/** How gemm would split the sum of an M × N × K product: slice length and count (1 = no split). */
export function gemmPlan(m: number, n: number, k: number, maxPerDimension = 65535): { chunk: number; slices: number } {
  const tiles = ceilDiv(m, tileFor(m)) * ceilDiv(n, tileFor(n));
  const maxSlices = Math.max(1, Math.min(maxPerDimension, Math.floor(MAX_PARTIAL_BYTES / (4 * m * n))));
  return planSplit(k, tiles, TK, 2048, maxSlices);
}

/**
 * C = A · B as a float32 tensor of `outputShape` (M · N values, row-major [M, N]). `uniforms`
 * are the values of `spec.uniforms`, in order.
 */
export function gemm(backend: Backend, spec: GemmSpec, inputs: TensorInfo[], dims: { m: number; n: number; k: number }, outputShape: number[], uniforms: Uniform[]): TensorInfo {
  const { m, n, k } = dims;
  const { chunk, slices } = gemmPlan(m, n, k, backend.device.limits.maxComputeWorkgroupsPerDimension);
  const all: Uniform[] = [
    { type: 'int32', data: [m] },
    { type: 'int32', data: [n] },
    { type: 'int32', data: [k] },
    { type: 'int32', data: [chunk] },
    { type: 'int32', data: [ceilDiv(n, tileFor(n))] },
    { type: 'int32', data: [ceilDiv(m, tileFor(m))] },
    { type: 'int32', data: [slices] },
    ...uniforms,
  ];
  // One slice: the tile results are C itself.
  const partialShape = slices === 1 ? outputShape : [slices, m * n];
  const partials = backend.runWebGPUProgram(new GemmProgram(spec, partialShape, m, n, slices), inputs, 'float32', all);
  return slices === 1 ? partials : sumPartials(backend, partials, outputShape);
}
