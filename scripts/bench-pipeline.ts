/**
 * npm run bench -- pipeline [options]: the GPU input pipeline's cost on the main thread.
 * For each size: a few hundred random images resident on the GPU as bytes (webgpu/augment.ts),
 * then per batch `performance.now()` around exactly the input pipeline's CPU work — drawing the
 * parameters, writing the per-batch buffer, issuing the augmentation dispatch — and the median
 * over the batches (`cpuMsPerBatch`). For comparison it also times the gather path the WebGL
 * and CPU backends keep (planBatch + gatherIndices + the int32 copy, console only).
 * On a real GPU it adds the time to issue one training step's dispatches (`stepDispatchMs`),
 * one epoch of train() over the resident images with validation (`epochSeconds`) and the sum
 * of that epoch's step times (`stepSecondsSum`, GPU timestamp queries where the adapter has
 * them, else synchronised wall clock). On a software adapter it runs no training step.
 *
 *   --sizes 224,64  --batch 64  --recipe original  --images 320  --batches 40  --json FILE  (--help)
 *
 * `--json FILE` writes { device, results: [{ size, batch, recipe, cpuMsPerBatch, stepDispatchMs,
 * epochSeconds?, stepSecondsSum? }] } (stepDispatchMs is null on a software adapter).
 */
import { resolve } from 'node:path';
import { checkOutput, writeOutput } from '../src/lib/runs/output-node';
import type * as tfjs from '@tensorflow/tfjs';
import { createRng, type Rng } from '../src/lib/data/rng';
import { createSimpleCNN } from '../src/lib/model/simplecnn';
import { train } from '../src/lib/train/loop';
import { gatherIndices, planBatch } from '../src/lib/transforms/batch';
import type { ChainName } from '../src/lib/transforms/chain';
import { median } from '../src/lib/stats';
import { CROP_SIZES, resizeFor } from '../src/lib/transforms/sizes';
import { augmentResident, uploadImages, type ResidentImages } from '../src/lib/webgpu/augment';
import { createAdam, useKernels } from '../src/lib/webgpu/kernels/index';
import { startTfjsWebGPU } from '../src/lib/webgpu/dawn-node';
import { failUsage, parseCommandLine, type CommandSpec } from './cli';

type TF = typeof tfjs;

const SPEC = {
  command: 'npm run bench -- pipeline',
  summary: "Times the GPU input pipeline's CPU work per batch (and, on a real GPU, a training epoch over resident images).",
  options: {
    sizes: { kind: 'choices', choices: CROP_SIZES, default: [224, 64], help: 'input sizes' },
    batch: { kind: 'int', min: 1, max: 4096, default: 64, help: 'batch size' },
    recipe: { kind: 'choice', choices: ['original', 'train', 'val'], default: 'original', help: 'augmentation chain' },
    images: { kind: 'int', min: 1, max: 100000, default: 320, help: 'random images resident on the GPU (at least --batch)' },
    batches: { kind: 'int', min: 3, max: 100000, default: 40, help: 'batches timed' },
    json: { kind: 'string', placeholder: 'FILE', help: 'write the results as JSON' },
  },
} as const satisfies CommandSpec;

/** The configuration from the command line; a mistake ends the script with exit code 2. */
function readConfig() {
  const o = parseCommandLine('bench pipeline', SPEC);
  if (o.images < o.batch) failUsage('bench pipeline', SPEC, `invalid --images ${o.images} (at least --batch, ${o.batch})`);
  return { sizes: o.sizes, batch: o.batch, recipe: o.recipe as ChainName, images: o.images, batches: o.batches, json: o.json ?? null };
}

/** `count` random images of `size` px as RGB bytes. */
function randomBytes(count: number, size: number, rng: Rng): Uint8Array {
  const bytes = new Uint8Array(count * size * size * 3);
  for (let i = 0; i < bytes.length; i += 4) {
    const v = (rng.next() * 2 ** 32) >>> 0;
    bytes[i] = v;
    bytes[i + 1] = v >>> 8;
    bytes[i + 2] = v >>> 16;
    bytes[i + 3] = v >>> 24;
  }
  return bytes;
}

/** Waits until the GPU has run everything queued so far (one tiny read-back). */
async function drain(tf: TF, t: tfjs.Tensor): Promise<void> {
  const probe = tf.tidy(() => tf.slice(t.reshape([-1]), [0], [1]));
  await probe.data();
  probe.dispose();
}

/** CPU milliseconds this thread has used so far (user + system), where Node can tell (≥ 23.9). */
const threadCpuMs = () => {
  const usage = (process as NodeJS.Process & { threadCpuUsage?: () => { user: number; system: number } }).threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1000 : Number.NaN;
};

/**
 * Median milliseconds per batch of the GPU pipeline on the main thread: draw, write the
 * parameters, issue the dispatch. `wall`: performance.now() (what the goal is stated in);
 * `cpu`: the thread's own CPU time over the same code, which other processes on a busy machine
 * do not inflate (but which Linux may account only coarsely: a rough figure).
 */
async function timeKernelPath(tf: TF, images: ResidentImages, cfg: { batch: number; recipe: ChainName; size: number; batches: number }, rng: Rng): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = -3; k < cfg.batches; k++) {
    const indices = Int32Array.from({ length: cfg.batch }, () => rng.int(images.count));
    const c0 = threadCpuMs();
    const t0 = performance.now();
    const x = augmentResident(tf, images, indices, cfg.recipe, cfg.size, rng);
    const t1 = performance.now();
    const c1 = threadCpuMs();
    if (k >= 0) {
      // the first three compile the shader
      wall.push(t1 - t0);
      cpu.push(c1 - c0);
    }
    await drain(tf, x); // let the GPU finish, so it does not compete with the next measurement
    x.dispose();
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/** Median CPU milliseconds per batch of the gather path (planBatch, gatherIndices, int32 copy): what WebGL/CPU still pay. */
function timeGatherPath(bytes: Uint8Array, count: number, cfg: { batch: number; recipe: ChainName; size: number }, rng: Rng, batches: number): number {
  const R = resizeFor(cfg.size);
  const perImage = R * R * 3;
  const times: number[] = [];
  for (let k = 0; k < batches; k++) {
    const indices = Int32Array.from({ length: cfg.batch }, () => rng.int(count));
    const t0 = performance.now();
    const copy = new Int32Array(cfg.batch * perImage);
    indices.forEach((i, j) => copy.set(bytes.subarray(i * perImage, (i + 1) * perImage), j * perImage));
    const { maps } = planBatch(cfg.recipe, cfg.batch, R, cfg.size, rng);
    gatherIndices(maps, cfg.batch, R);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** On a real GPU: time to issue one training step's dispatches, one epoch's wall time and the sum of its step times. */
async function timeTraining(tf: TF, images: ResidentImages, val: ResidentImages, cfg: { batch: number; recipe: ChainName; size: number }, rng: Rng) {
  const classes = 101;
  const labels = (n: number) => Int32Array.from({ length: n }, () => rng.int(classes));
  const net = createSimpleCNN(tf, { inputSize: cfg.size, numClasses: classes, seed: 1 });
  const optimizer = createAdam(tf, 0.001, 'fast'); // main() registered our kernels
  const step = (indices: Int32Array, y: Int32Array, training: boolean) =>
    tf.tidy(() => {
      const x = augmentResident(tf, training ? images : val, indices, cfg.recipe, cfg.size, rng);
      const onehot = tf.oneHot(tf.tensor1d(y, 'int32'), classes);
      const loss = () => tf.losses.softmaxCrossEntropy(onehot, net.model.apply(x, { training }) as tfjs.Tensor2D) as tfjs.Scalar;
      return training ? optimizer.minimize(loss, true)! : loss();
    });
  // Issuing: wall clock of the step's tfjs calls (the augmentation issued before, untimed).
  const issue: number[] = [];
  for (let k = -3; k < 20; k++) {
    const indices = Int32Array.from({ length: cfg.batch }, () => rng.int(images.count));
    const y = labels(cfg.batch);
    const loss = tf.tidy(() => {
      const x = augmentResident(tf, images, indices, cfg.recipe, cfg.size, rng);
      const onehot = tf.oneHot(tf.tensor1d(y, 'int32'), classes);
      const t0 = performance.now();
      const l = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(onehot, net.model.apply(x, { training: true }) as tfjs.Tensor2D) as tfjs.Scalar, true)!;
      if (k >= 0) issue.push(performance.now() - t0);
      return l;
    });
    await loss.data();
    loss.dispose();
  }
  // One epoch through the real loop (validation included).
  const trainLabels = labels(images.count);
  const valLabels = labels(val.count);
  const [epoch] = await train(tf, net.model, { trainImages: images, trainLabels, valImages: val, valLabels, numClasses: classes }, { epochs: 1, batchSize: cfg.batch, learningRate: 0.001, cropSize: cfg.size, recipe: 'original', seed: 1 }, { kernels: 'fast', yieldNow: async () => {} });
  // The same epoch's steps one at a time: GPU kernel time where timestamp queries exist.
  const backend = tf.backend() as unknown as { supportTimestampQuery?: boolean };
  let stepSeconds = 0;
  const order = Int32Array.from({ length: images.count }, (_, i) => i);
  for (const [set, n, training] of [[images, images.count, true], [val, val.count, false]] as const) {
    for (let start = 0; start < n; start += cfg.batch) {
      const indices = (set === images ? order : Int32Array.from({ length: n }, (_, i) => i)).slice(start, Math.min(n, start + cfg.batch));
      const y = labels(indices.length);
      if (backend.supportTimestampQuery) {
        let out: tfjs.Tensor | null = null;
        const info = await tf.time(() => {
          out = step(indices, y, training);
        });
        stepSeconds += (info.kernelMs as number) / 1000;
        (out as tfjs.Tensor | null)?.dispose();
      } else {
        const t0 = performance.now();
        const out = step(indices, y, training);
        await out.data();
        stepSeconds += (performance.now() - t0) / 1000;
        out.dispose();
      }
    }
  }
  optimizer.dispose();
  net.model.dispose();
  return { stepDispatchMs: median(issue), epochSeconds: epoch.seconds, stepSecondsSum: stepSeconds, timestamps: !!backend.supportTimestampQuery };
}

const cfg = readConfig(); // before WebGPU starts

async function main(): Promise<number> {
  if (cfg.json) await checkOutput(resolve(cfg.json), { option: '--json' }); // before WebGPU and the measurement
  const { tf, gpu } = await startTfjsWebGPU();
  useKernels(tf, 'fast');
  console.log(`bench pipeline: WebGPU adapter ${gpu.adapter}, TensorFlow.js ${tf.version.tfjs}; batch ${cfg.batch}, recipe ${cfg.recipe}, ${cfg.images} resident images, ${cfg.batches} timed batches`);
  const results = [];
  for (const size of cfg.sizes) {
    const rng = createRng(size);
    const R = resizeFor(size);
    const bytes = randomBytes(cfg.images, R, rng);
    const images = uploadImages(tf, bytes, cfg.images, R);
    const val = uploadImages(tf, bytes.subarray(0, Math.ceil(cfg.images / 4) * R * R * 3), Math.ceil(cfg.images / 4), R);
    try {
      const run = { batch: cfg.batch, recipe: cfg.recipe, size, batches: cfg.batches };
      const kernel = await timeKernelPath(tf, images, run, rng);
      const cpuMsPerBatch = kernel.wall;
      const gatherMs = timeGatherPath(bytes, cfg.images, run, rng, Math.min(cfg.batches, size >= 128 ? 5 : 20));
      const line = [
        `size ${size}: cpuMsPerBatch ${cpuMsPerBatch.toFixed(3)} ms (main thread's own CPU time ${kernel.cpu.toFixed(3)} ms; gather path, WebGL/CPU: ${gatherMs.toFixed(1)} ms)`,
      ];
      let training: Awaited<ReturnType<typeof timeTraining>> | null = null;
      if (!gpu.isSoftware) {
        training = await timeTraining(tf, images, val, run, rng);
        line.push(
          `stepDispatchMs ${training.stepDispatchMs.toFixed(2)} ms`,
          `epoch ${training.epochSeconds.toFixed(2)} s vs. Σ steps ${training.stepSecondsSum.toFixed(2)} s (${training.timestamps ? 'GPU timestamps' : 'synchronised wall clock'}; ${images.count} + ${val.count} images)`,
        );
      } else line.push('software adapter: no training step');
      console.log(line.join(' · '));
      results.push({
        size,
        batch: cfg.batch,
        recipe: cfg.recipe,
        cpuMsPerBatch,
        stepDispatchMs: training?.stepDispatchMs ?? null,
        ...(training ? { epochSeconds: training.epochSeconds, stepSecondsSum: training.stepSecondsSum } : {}),
      });
    } finally {
      images.dispose();
      val.dispose();
    }
  }
  if (cfg.json) {
    const out = resolve(cfg.json);
    await writeOutput(out, `${JSON.stringify({ device: gpu.adapter, results }, null, 2)}\n`, { option: '--json' });
    console.log(`bench pipeline: wrote ${out}`);
  }
  return 0;
}

main()
  .then((code) => process.exit(code)) // Dawn keeps the process alive otherwise
  .catch((error) => {
    console.error(error?.name === 'OutputError' ? `bench pipeline: ${error.message}` : error);
    process.exit(1);
  });
