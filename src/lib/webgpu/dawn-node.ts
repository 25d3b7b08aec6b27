/**
 * WebGPU in Node, the one way this project gets it (train:full, bench, tests that train):
 * Dawn's bindings from the `webgpu` npm package, with the browser-like globals TensorFlow.js
 * looks for. Picks a real NVIDIA GPU when its Vulkan driver is there, else SwiftShader (a CPU
 * implementation that ships with Debian's chromium), and says which adapter it got.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Vulkan ICD files of real GPUs we know how to use (NVIDIA, as on the lent H100/H200 machines). */
const GPU_ICDS = [
  '/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json',
  '/usr/share/vulkan/icd.d/nvidia_icd.json',
  '/etc/vulkan/icd.d/nvidia_icd.json',
];
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** WebGPU in Node (Dawn): the adapter's name, whether it is a software adapter, and the device. */
export interface NodeWebGPU {
  /** e.g. "nvidia (ampere)" or "google swiftshader (fallback)" */
  adapter: string;
  isSoftware: boolean;
}

/** Chooses the Vulkan driver by setting the environment Dawn reads (before Dawn starts). */
export function chooseVulkanDriver(env: NodeJS.ProcessEnv = process.env): 'preset' | 'gpu' | 'swiftshader' | 'none' {
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES) return 'preset';
  const gpu = GPU_ICDS.find((p) => existsSync(p));
  if (gpu) {
    env.VK_DRIVER_FILES = gpu;
    return 'gpu';
  }
  if (existsSync(SWIFTSHADER_ICD)) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    return 'swiftshader';
  }
  return 'none';
}

/**
 * Sets up `navigator.gpu` and the globals TensorFlow.js's WebGPU backend needs, then returns
 * the adapter it found. Call before importing TensorFlow.js. Throws when there is no adapter.
 */
export async function setupNodeWebGPU(): Promise<NodeWebGPU> {
  const driver = chooseVulkanDriver();
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = join(tmpdir(), 'xdg-runtime');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.env.XDG_RUNTIME_DIR = dir;
  }
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
  (globalThis as Record<string, unknown>).window ??= globalThis; // tfjs-backend-webgpu checks for a window
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    throw new Error(
      `no WebGPU adapter (Vulkan driver: ${driver}); install Debian's chromium for SwiftShader, or set VK_DRIVER_FILES to your GPU's Vulkan ICD`,
    );
  }
  const info = adapter.info;
  const software = /swiftshader/i.test(`${info.vendor} ${info.architecture} ${info.device} ${info.description}`);
  return { adapter: `${info.vendor} ${info.architecture}${software ? ' (software, on the CPU)' : ''}`.trim(), isSoftware: software };
}

/**
 * TensorFlow.js on WebGPU in Node, the start-up every script shares: Dawn (setupNodeWebGPU),
 * then TensorFlow.js and its WebGPU backend, imported only now. Throws when the backend does not start.
 */
export async function startTfjsWebGPU(): Promise<{ tf: typeof tfjs; gpu: NodeWebGPU }> {
  const gpu = await setupNodeWebGPU();
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu')) || tf.getBackend() !== 'webgpu') throw new Error(`TensorFlow.js could not start its WebGPU backend on ${gpu.adapter}`);
  return { tf, gpu };
}
