/**
 * The little of TensorFlow.js's WebGPU backend that our kernels use: the shape of a program
 * (`runWebGPUProgram` compiles its WGSL once per shader key and records one dispatch) and the
 * backend methods we call. tfjs-backend-webgpu exports the backend class but not these helpers,
 * so they are restated here, typed only as far as we need them.
 */

/** A tensor as kernels see it (tfjs's own type). */
export type { TensorInfo } from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';

/** A uniform value appended after the shapes tfjs declares itself (order = the `uniforms` string). */
export interface Uniform {
  type: 'int32' | 'float32' | 'uint32';
  data: number[];
}

/**
 * What `runWebGPUProgram` needs. Our programs use a flat dispatch layout, so tfjs calls
 * `fn main(index : i32)` (the flattened invocation index); the shader reads its inputs from the
 * arrays named in `variableNames` and writes `result`.
 */
export interface Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms?: string;
  getUserCode(): string;
}

/** The WebGPU backend's methods our kernels call. */
export interface Backend {
  runWebGPUProgram(program: Program, inputs: TensorInfo[], outputDtype: string, uniforms?: Uniform[], output?: TensorInfo): TensorInfo;
  disposeData(dataId: object): boolean;
  device: { limits: { maxComputeWorkgroupsPerDimension: number } };
}

/** Arguments tfjs passes to a kernel function. */
export interface KernelArgs<I, A> {
  inputs: I;
  backend: Backend;
  attrs: A;
}

/** The flat layout over all output dimensions (tfjs then calls `main(index)`). */
export function flatLayout(shape: number[]): { x: number[] } {
  return { x: shape.map((_, i) => i) };
}

/** a / b rounded up (workgroup counts). */
export const ceilDiv = (a: number, b: number) => Math.ceil(a / b);
