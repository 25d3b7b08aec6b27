/**
 * The backend choice's outside world in a browser or a worker (backend.ts's BackendEnvironment):
 * navigator.gpu's adapter, tf.setBackend with this tutorial's WebGPU kernels, and one timed
 * training step (train/measure.ts) for a software adapter.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingConfig } from '../train/loop';
import { measureTrainingStep } from '../train/measure';
import { adapterFacts, type BackendEnvironment, type BackendName } from './backend';
import { useKernels, type KernelSet } from './kernels';

/** The environment for `config` with `classes` classes; `onMeasure` hears which backend is being timed. */
export function browserBackendEnvironment(tf: typeof tfjs, config: Omit<TrainingConfig, 'epochs'>, classes: number, kernels: KernelSet, onMeasure: (name: BackendName) => void): BackendEnvironment {
  return {
    async webgpuAdapter() {
      const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
      if (!gpu) return 'no-api';
      const adapter = await gpu.requestAdapter();
      return adapter && adapterFacts(adapter);
    },
    async activate(name) {
      const ok = (await tf.setBackend(name)) && (await tf.ready(), tf.getBackend() === name);
      // Our WGSL kernels for the training step (webgpu/kernels); demo-kernels=stock compares.
      if (ok && name === 'webgpu') useKernels(tf, kernels);
      return ok;
    },
    measureStep(name) {
      onMeasure(name);
      return measureTrainingStep(tf, config, classes, name === 'webgpu' ? kernels : 'stock');
    },
  };
}
