/**
 * `BatchMatMul` of one pair of large float32 matrices with few outputs and a long sum, as a
 * tiled matrix product whose sum is split into slices (gemm.ts) — SimpleCNN's `fc1` forward
 * pass, 64 × 200,704 times 200,704 × 512: 8.3 ms with the stock kernel on an H200. Products
 * with enough output tiles to fill the GPU stay with the stock kernel, which is fast there
 * (fc1's two gradients: 0.6 and 1.0 ms).
 */
import { gemm, gemmPlan, type GemmSpec } from './gemm';
import type { Backend, TensorInfo } from './program';

/** Below this many multiply-adds the stock kernel is fast enough. */
export const MATMUL_MIN_WORK = 1 << 24;

function spec(transposeA: boolean, transposeB: boolean): GemmSpec {
  return {
    key: `matmul_${transposeA ? 't' : 'n'}${transposeB ? 't' : 'n'}`,
    variableNames: ['a', 'b'],
    uniforms: '',
    a: /* wgsl */ `
      alias AOuter = i32;
      alias AInner = i32;
      fn aOuter(m : i32) -> i32 { return ${transposeA ? 'm' : 'm * uniforms.dimK'}; }
      fn aInner(k : i32) -> i32 { return ${transposeA ? 'k * uniforms.dimM' : 'k'}; }
      fn aLoad(o : i32, i : i32) -> f32 { return a[o + i]; }`,
    b: /* wgsl */ `
      alias BOuter = i32;
      alias BInner = i32;
      fn bOuter(n : i32) -> i32 { return ${transposeB ? 'n * uniforms.dimK' : 'n'}; }
      fn bInner(k : i32) -> i32 { return ${transposeB ? 'k' : 'k * uniforms.dimN'}; }
      fn bLoad(o : i32, i : i32) -> f32 { return b[o + i]; }`,
    aContiguous: transposeA ? 'm' : 'k',
    bContiguous: transposeB ? 'k' : 'n',
  };
}

const batchOf = (t: TensorInfo) => t.shape.slice(0, -2).reduce((a, b) => a * b, 1);

/** Whether this kernel handles the product: one matrix on each side, float32, enough work, a sum worth splitting. */
export function supportsMatMul(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): boolean {
  if (a.shape.length < 2 || b.shape.length < 2 || batchOf(a) !== 1 || batchOf(b) !== 1) return false;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return false;
  const { m, n, k } = dims(a, b, transposeA, transposeB);
  return m * n * k >= MATMUL_MIN_WORK && gemmPlan(m, n, k).slices > 1;
}

function dims(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean) {
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  return { m: transposeA ? ac : ar, k: transposeA ? ar : ac, n: transposeB ? br : bc };
}

/**
 * op(a) · op(b) for a [M, K] (or [K, M]) and b [K, N] (or [N, K]), each possibly with leading
 * dimensions of size 1 (tfjs passes rank 2 or 3); the result keeps the longer set of them.
 */
export function matMul(backend: Backend, a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): TensorInfo {
  const { m, n, k } = dims(a, b, transposeA, transposeB);
  const lead = (a.shape.length >= b.shape.length ? a.shape : b.shape).slice(0, -2);
  return gemm(backend, spec(transposeA, transposeB), [a, b], { m, n, k }, [...lead, m, n], []);
}
