/**
 * Adam in three passes per variable instead of fourteen. tfjs's AdamOptimizer builds each
 * update from separate element-wise ops (mul, add, square, div, sqrt, …), each reading and
 * writing the whole variable: for SimpleCNN's 103 M parameters that is about 13 GB of memory
 * traffic per step. Here one kernel (`CaltechAdamStep`) computes the new first moment, the new
 * second moment and the new value with tfjs's formula and operation order, reading the
 * variable, its gradient and both moments once each.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { ceilDiv, flatLayout, type Backend, type KernelArgs, type Program, type TensorInfo } from './program';

/** The kernel name our fused Adam step is registered under (it has no stock twin). */
export const ADAM_KERNEL = 'CaltechAdamStep';

type Pass = 'm' | 'v' | 'value';

class AdamPassProgram implements Program {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [256, 1, 1];
  uniforms = 'beta : f32, oneMinusBeta : f32, lr : f32, eps : f32, bc1 : f32, bc2 : f32, total : i32,';
  private pass: Pass;

  constructor(pass: Pass, shape: number[]) {
    this.pass = pass;
    this.variableNames = pass === 'value' ? ['p', 'm', 'v'] : ['s', 'g'];
    this.outputShape = shape;
    this.dispatchLayout = flatLayout(shape);
    this.dispatch = [ceilDiv(Math.max(1, shape.reduce((a, b) => a * b, 1)), 256), 1, 1];
    this.shaderKey = `caltech_adam_${pass}`;
  }

  getUserCode(): string {
    // Same order of operations as tfjs's AdamOptimizer.applyGradients.
    const body = {
      m: 's[index] * uniforms.beta + g[index] * uniforms.oneMinusBeta',
      v: 's[index] * uniforms.beta + (g[index] * g[index]) * uniforms.oneMinusBeta',
      value: '((m[index] / uniforms.bc1) / (sqrt(v[index] / uniforms.bc2) + uniforms.eps)) * (-uniforms.lr) + p[index]',
    }[this.pass];
    return /* wgsl */ `
      fn main(index : i32) {
        if (index < uniforms.total) {
          result[index] = ${body};
        }
      }`;
  }
}

/** The Adam step's hyperparameters, passed to the kernel as attributes. */
export interface AdamAttrs {
  beta1: number;
  beta2: number;
  learningRate: number;
  epsilon: number;
  /** 1 − β₁ᵗ and 1 − β₂ᵗ for this step t. */
  biasCorrection1: number;
  biasCorrection2: number;
}

/** Kernel function: inputs value, gradient, m, v → [new m, new v, new value]. */
export function adamStep({ inputs, backend, attrs }: KernelArgs<{ value: TensorInfo; gradient: TensorInfo; m: TensorInfo; v: TensorInfo }, AdamAttrs>): TensorInfo[] {
  const { value, gradient, m, v } = inputs;
  const total = value.shape.reduce((a, b) => a * b, 1);
  const uniforms = (beta: number) => [
    { type: 'float32' as const, data: [beta] },
    { type: 'float32' as const, data: [1 - beta] },
    { type: 'float32' as const, data: [attrs.learningRate] },
    { type: 'float32' as const, data: [attrs.epsilon] },
    { type: 'float32' as const, data: [attrs.biasCorrection1] },
    { type: 'float32' as const, data: [attrs.biasCorrection2] },
    { type: 'int32' as const, data: [total] },
  ];
  const run = (pass: Pass, ins: TensorInfo[], beta: number) => (backend as Backend).runWebGPUProgram(new AdamPassProgram(pass, value.shape), ins, 'float32', uniforms(beta));
  const newM = run('m', [m, gradient], attrs.beta1);
  const newV = run('v', [v, gradient], attrs.beta2);
  const newValue = run('value', [value, newM, newV], 0);
  return [newM, newV, newValue];
}

type Named = { name: string; tensor: tfjs.Tensor };

/**
 * An Adam optimizer whose update runs as `CaltechAdamStep` (WebGPU backend with our kernels
 * registered). Same state as tfjs's AdamOptimizer (m and v variables, β powers), so weights
 * saved from one load into the other.
 */
export function createFusedAdam(tf: typeof tfjs, learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8): tfjs.AdamOptimizer {
  class FusedAdam extends tf.AdamOptimizer {
    applyGradients(variableGradients: tfjs.NamedTensorMap | Named[]): void {
      const self = this as unknown as {
        accumulatedFirstMoment: { originalName: string; variable: tfjs.Variable }[];
        accumulatedSecondMoment: { originalName: string; variable: tfjs.Variable }[];
        iterations: number;
        accBeta1: tfjs.Variable;
        accBeta2: tfjs.Variable;
        incrementIterations(): void;
      };
      const list = Array.isArray(variableGradients) ? variableGradients : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
      const t = self.iterations + 1; // the getter: iterations_ starts undefined
      const attrs: AdamAttrs = {
        beta1,
        beta2,
        learningRate,
        epsilon,
        biasCorrection1: 1 - Math.pow(beta1, t),
        biasCorrection2: 1 - Math.pow(beta2, t),
      };
      tf.tidy(() => {
        list.forEach(({ name, tensor: gradient }, i) => {
          const value = tf.engine().registeredVariables[name];
          self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
          self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
          if (gradient == null) return;
          const m = self.accumulatedFirstMoment[i].variable;
          const v = self.accumulatedSecondMoment[i].variable;
          const [newM, newV, newValue] = tf.engine().runKernel(ADAM_KERNEL, { value, gradient, m, v }, attrs as unknown as tfjs.NamedAttrMap) as tfjs.Tensor[];
          m.assign(newM);
          v.assign(newV);
          value.assign(newValue);
        });
        self.accBeta1.assign(tf.mul(self.accBeta1, beta1));
        self.accBeta2.assign(tf.mul(self.accBeta2, beta2));
      });
      self.incrementIterations();
    }
  }
  return new FusedAdam(learningRate, beta1, beta2, epsilon);
}
