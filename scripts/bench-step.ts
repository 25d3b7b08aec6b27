/**
 * npm run bench:step [-- options] (or `npm run bench -- step [options]`): times the training
 * loop's own step (`trainStep` in src/lib/train/loop.ts: forward, loss, backward, Adam update,
 * correct count) of SimpleCNN on TensorFlow.js's WebGPU backend in Node (Dawn), once with the
 * stock WebGPU kernels and once with ours (src/lib/webgpu/kernels), and prints ms per step,
 * images/s and the speed-up of ours. `--help` lists the options.
 *
 * Timing: after the warm-up, N consecutive steps run without any read-back and the clock stops
 * when the last step's loss has been read back (one synchronisation for all N, as the loop runs
 * when nobody waits for each batch); bench/pytorch_step.py times the same way
 * (torch.cuda.synchronize() once at the end).
 *
 * The defaults are meant for a real GPU. On a software adapter (SwiftShader) and without
 * --sizes, it uses --sizes 32 --batch 8 --steps 3 --warmup 1 instead (options given still win).
 */
import { resolve } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { parseCommandLine, type CommandSpec } from './cli';
import { startTfjsWebGPU } from '../src/lib/webgpu/dawn-node';
import { KERNEL_SETS, createAdam, useKernels, type KernelSet } from '../src/lib/webgpu/kernels/index';
import { createSimpleCNN } from '../src/lib/model/simplecnn';
import { createRng } from '../src/lib/data/rng';
import { trainStep } from '../src/lib/train/loop';
import { timeTrainSteps } from '../src/lib/train/measure';
import { checkOutput, writeOutput } from '../src/lib/runs/output-node';
import { CROP_SIZES } from '../src/lib/transforms/sizes';

type TF = typeof tfjs;

const OPTIONS = {
  sizes: { kind: 'choices', choices: CROP_SIZES, default: [224, 64], help: 'input sizes (on a software adapter: 32)' },
  batch: { kind: 'int', min: 1, max: 4096, default: 64, help: 'batch size (on a software adapter: 8)' },
  classes: { kind: 'int', min: 2, max: 101, default: 101, help: 'output classes' },
  kernels: { kind: 'choices', choices: KERNEL_SETS, default: ['stock', 'fast'], help: 'kernel sets to time: stock (TensorFlow.js) and/or fast (ours)' },
  warmup: { kind: 'int', min: 0, max: 1000, default: 3, help: 'untimed steps first (on a software adapter: 1)' },
  steps: { kind: 'int', min: 1, max: 10000, default: 10, help: 'timed consecutive steps, one synchronisation at the end (on a software adapter: 3)' },
  profile: { kind: 'flag', help: 'after the timed steps, profile one more step: the 12 costliest kernels' },
  json: { kind: 'string', placeholder: 'FILE', help: 'write all results (with adapter, date, Node version, config) as JSON' },
} as const satisfies CommandSpec['options'];

const ARGV = process.argv.slice(2);
const options = parseCommandLine('bench:step', { command: 'npm run bench -- step', summary: 'Times the training step with the stock and our WebGPU kernels.', options: OPTIONS }, ARGV);
/** Options given on the command line (they win over the software-adapter defaults). */
const given = new Set(ARGV.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]));

interface BenchConfig {
  sizes: number[];
  batch: number;
  classes: number;
  kernels: KernelSet[];
  warmup: number;
  steps: number;
  profile: boolean;
  json: string | null;
  /** True when the small software-adapter defaults replaced the GPU defaults. */
  softwareDefaults: boolean;
}

/** The configuration: the options, with small defaults on a software adapter unless --sizes was given. */
function readConfig(isSoftware: boolean): BenchConfig {
  const softwareDefaults = isSoftware && !given.has('sizes');
  const small = (name: 'batch' | 'steps' | 'warmup', value: number) => (softwareDefaults && !given.has(name) ? value : options[name]);
  return {
    sizes: softwareDefaults ? [32] : options.sizes,
    batch: small('batch', 8),
    classes: options.classes,
    kernels: options.kernels,
    warmup: small('warmup', 1),
    steps: small('steps', 3),
    profile: options.profile,
    json: options.json ?? null,
    softwareDefaults,
  };
}

interface KernelCost {
  name: string;
  totalMs: number;
  count: number;
}
interface ProfileResult {
  /** False where the backend has no GPU timers (no WebGPU timestamp-query): then no kernel times. */
  timingAvailable: boolean;
  note?: string;
  /** The 12 kernels with the largest summed time (or, without timers, the most frequent). */
  top: KernelCost[];
  kernelCount: number;
  /** Sum of all kernel times of the step (0 without timers). */
  gpuMs: number;
  /** The 10 slowest single kernel calls with their input shapes. */
  slowestCalls: { name: string; ms: number; inputShapes: number[][] }[];
}
interface Result {
  size: number;
  kernels: KernelSet;
  batch: number;
  classes: number;
  /** The warm-up steps, run and synchronised like the timed ones (includes shader compilation). */
  warmupMs: number;
  /** Wall time of the `steps` consecutive timed steps, from the first dispatch to the last read-back. */
  totalMs: number;
  steps: number;
  /** totalMs / steps. */
  msPerStep: number;
  imagesPerSecond: number;
  finalLoss: number;
  /** Loss of every step, warm-up included (read back after the clock stopped). */
  losses: number[];
  /** Tensors left over after the configuration was disposed (must be 0). */
  leakedTensors: number;
  /** Tensors added per timed step (must be 0). */
  tensorsPerStep: number;
  profile?: ProfileResult;
}

/** Sums a tf.profile() report per kernel name. */
function summarizeProfile(tf: TF, info: Awaited<ReturnType<TF['profile']>>): ProfileResult {
  const byName = new Map<string, KernelCost>();
  let error: string | undefined;
  for (const k of info.kernels) {
    const t = k.kernelTimeMs as number | { error: string };
    const ms = typeof t === 'number' ? t : ((error ??= t?.error ?? 'no kernel time'), 0);
    const e = byName.get(k.name) ?? { name: k.name, totalMs: 0, count: 0 };
    e.totalMs += ms;
    e.count++;
    byName.set(k.name, e);
  }
  // tfjs-backend-webgpu reports 0 ms for every kernel when the device lacks timestamp-query.
  const backend = tf.backend() as unknown as { supportTimestampQuery?: boolean };
  const noTimer = backend.supportTimestampQuery === false;
  const timingAvailable = !error && !noTimer;
  const note = error ?? (noTimer ? 'the WebGPU device has no timestamp-query feature' : undefined);
  const all = [...byName.values()];
  const top = all.sort((a, b) => (timingAvailable ? b.totalMs - a.totalMs : b.count - a.count) || a.name.localeCompare(b.name)).slice(0, 12);
  const calls = info.kernels.map((k) => ({ name: k.name, ms: typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0, inputShapes: k.inputShapes as number[][] }));
  const gpuMs = calls.reduce((sum, c) => sum + c.ms, 0);
  const slowestCalls = timingAvailable ? [...calls].sort((a, b) => b.ms - a.ms).slice(0, 10) : [];
  return { timingAvailable, ...(note ? { note } : {}), top, kernelCount: info.kernels.length, gpuMs, slowestCalls };
}

/** Builds one configuration, times its steps and disposes everything it made. */
async function runConfig(tf: TF, size: number, set: KernelSet, config: BenchConfig): Promise<Result> {
  const { batch, classes } = config;
  const before = tf.memory().numTensors;
  useKernels(tf, set);
  const net = createSimpleCNN(tf, { inputSize: size, numClasses: classes, seed: 0 });
  const optimizer = createAdam(tf, 0.001, set); // the fused Adam with our kernels, tfjs's own with the stock ones
  const x = tf.randomUniform([batch, size, size, 3], 0, 1, 'float32', 1) as tfjs.Tensor4D;
  const rng = createRng(2);
  const labels = tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(classes)), 'int32');
  let profile: ProfileResult | undefined;
  let result: Omit<Result, 'leakedTensors'>;
  const losses: number[] = [];
  try {
    /** `n` consecutive steps timed by measure.ts's timeTrainSteps (one synchronisation at the end). */
    const block = async (n: number) => {
      const { ms, losses: stepLosses } = await timeTrainSteps(tf, net.model, optimizer, x, labels, classes, n);
      losses.push(...stepLosses);
      return ms;
    };
    // Adam creates its moments in the first step: count tensors only after one.
    const warmupMs = await block(Math.max(1, config.warmup));
    const steady = tf.memory().numTensors;
    const totalMs = await block(config.steps);
    const tensorsPerStep = (tf.memory().numTensors - steady) / config.steps;
    if (config.profile) {
      const info = await tf.profile(async () => {
        const { loss, correct } = trainStep(tf, net.model, optimizer, x, labels, classes);
        await loss.data();
        tf.dispose([loss, correct]);
      });
      profile = summarizeProfile(tf, info);
    }
    const msPerStep = totalMs / config.steps;
    result = {
      size,
      kernels: set,
      batch,
      classes,
      warmupMs,
      totalMs,
      steps: config.steps,
      msPerStep,
      imagesPerSecond: batch / (msPerStep / 1000),
      finalLoss: losses[losses.length - 1],
      losses,
      tensorsPerStep,
      ...(profile ? { profile } : {}),
    };
  } finally {
    x.dispose();
    labels.dispose();
    optimizer.dispose();
    net.model.dispose();
  }
  return { ...result, leakedTensors: tf.memory().numTensors - before };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function printProfile(r: Result) {
  const p = r.profile!;
  console.log(`  profile of one step, size ${r.size}, kernels ${r.kernels}: ${p.kernelCount} kernel calls`);
  if (!p.timingAvailable) console.log(`  kernel timing unavailable (${p.note}); the most frequent kernels:`);
  for (const k of p.top) {
    console.log(`    ${k.name.padEnd(28)} ${p.timingAvailable ? `${fmt(k.totalMs, 2).padStart(9)} ms ` : ''}× ${k.count}`);
  }
  if (p.timingAvailable) {
    console.log(`  all kernels together: ${fmt(p.gpuMs, 2)} ms of GPU time; the slowest calls:`);
    for (const c of p.slowestCalls) console.log(`    ${c.name.padEnd(28)} ${fmt(c.ms, 2).padStart(9)} ms  ${c.inputShapes.map((sh) => `[${sh?.join(',') ?? ''}]`).join(' ')}`);
  }
}

async function main() {
  if (options.json) await checkOutput(resolve(options.json), { option: '--json' }); // before WebGPU and minutes of timing
  const { tf, gpu } = await startTfjsWebGPU();
  const config = readConfig(gpu.isSoftware);
  console.log(`bench:step: WebGPU adapter ${gpu.adapter}, TensorFlow.js ${tf.version.tfjs}, Node ${process.version}`);
  if (config.softwareDefaults) {
    console.warn(
      'bench:step: software adapter (SwiftShader, on the CPU): the GPU defaults (--sizes 224,64 --batch 64 --steps 10 --warmup 3) would take very long;\n' +
        `            using --sizes ${config.sizes.join(',')} --batch ${config.batch} --steps ${config.steps} --warmup ${config.warmup} instead. Pass --sizes to choose.`,
    );
  } else if (gpu.isSoftware) {
    console.warn('bench:step: software adapter (SwiftShader, on the CPU): figures say nothing about a GPU; keep sizes and batch small.');
  }
  console.log(
    `config: sizes ${config.sizes.join(', ')}, batch ${config.batch}, ${config.classes} classes, kernels ${config.kernels.join(', ')}, ${config.warmup} warm-up + ${config.steps} timed consecutive steps (one synchronisation at the end)`,
  );

  const baseline = tf.memory().numTensors;
  const results: Result[] = [];
  for (const size of config.sizes) {
    for (const set of config.kernels) {
      const r = await runConfig(tf, size, set, config);
      results.push(r);
      console.log(
        `  size ${size}, ${set}: ${fmt(r.msPerStep)} ms per step (${r.steps} steps in ${fmt(r.totalMs, 0)} ms), ${fmt(r.imagesPerSecond)} img/s, warm-up ${fmt(r.warmupMs, 0)} ms, loss ${fmt(r.finalLoss, 3)}`,
      );
      if (r.profile) printProfile(r);
    }
  }
  useKernels(tf, 'stock');
  const leakedOverall = tf.memory().numTensors - baseline;

  const speedups = config.sizes.flatMap((size) => {
    const stock = results.find((r) => r.size === size && r.kernels === 'stock');
    const fast = results.find((r) => r.size === size && r.kernels === 'fast');
    return stock && fast ? [{ size, fastOverStock: stock.msPerStep / fast.msPerStep }] : [];
  });

  console.log('');
  console.log(`${'size'.padStart(5)}  ${'kernels'.padEnd(7)}  ${'ms/step'.padStart(10)}  ${'img/s'.padStart(9)}  ${'speed-up'.padStart(8)}`);
  for (const r of results) {
    const s = r.kernels === 'fast' ? speedups.find((x) => x.size === r.size) : undefined;
    console.log(
      `${String(r.size).padStart(5)}  ${r.kernels.padEnd(7)}  ${fmt(r.msPerStep).padStart(10)}  ${fmt(r.imagesPerSecond).padStart(9)}  ${(s ? `${s.fastOverStock.toFixed(2)}×` : '').padStart(8)}`,
    );
  }
  for (const s of speedups) console.log(`size ${s.size}: fast is ${s.fastOverStock.toFixed(2)}× as fast as stock (time per step stock / fast)`);
  // Same model seed, input and labels: both kernel sets must give the same losses. The first
  // steps must agree to fp32 rounding; later ones drift apart as Adam amplifies rounding
  // differences (at 224 the first update throws the loss from 4.6 to 17), so they are reported only.
  const CHECKED_STEPS = 3;
  const agreement = config.sizes.flatMap((size) => {
    const stock = results.find((r) => r.size === size && r.kernels === 'stock');
    const fast = results.find((r) => r.size === size && r.kernels === 'fast');
    if (!stock || !fast) return [];
    const rel = stock.losses.map((l, i) => Math.abs(l - fast.losses[i]) / Math.max(1, Math.abs(l)));
    const firstSteps = Math.max(...rel.slice(0, CHECKED_STEPS));
    const allSteps = Math.max(...rel);
    console.log(
      `size ${size}: relative loss difference fast vs stock: ${firstSteps.toExponential(2)} over the first ${CHECKED_STEPS} steps, ${allSteps.toExponential(2)} over all ${rel.length}`,
    );
    return [{ size, firstSteps, allSteps }];
  });

  const problems = [
    ...results.filter((r) => r.tensorsPerStep !== 0).map((r) => `size ${r.size}, ${r.kernels}: ${r.tensorsPerStep} tensors added per step`),
    ...results.filter((r) => r.leakedTensors !== 0).map((r) => `size ${r.size}, ${r.kernels}: ${r.leakedTensors} tensors left after disposal`),
    ...(leakedOverall !== 0 ? [`${leakedOverall} tensors more at the end than at the start`] : []),
    ...agreement.filter((a) => !(a.firstSteps <= 1e-4)).map((a) => `size ${a.size}: fast and stock losses differ by ${a.firstSteps} (relative) within the first ${CHECKED_STEPS} steps`),
  ];

  if (config.json) {
    const out = resolve(config.json);
    const { json: _json, ...recorded } = config;
    const report = {
      benchmark: 'bench-step',
      date: new Date().toISOString(),
      adapter: gpu.adapter,
      isSoftware: gpu.isSoftware,
      tfjs: tf.version.tfjs,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      config: recorded,
      results,
      speedups,
      lossAgreement: agreement,
      problems,
    };
    await writeOutput(out, `${JSON.stringify(report, null, 2)}\n`, { option: '--json' });
    console.log(`bench:step: wrote ${out}`);
  }
  if (problems.length) throw new Error(`problems:\n  ${problems.join('\n  ')}`);
}

main()
  .then(() => process.exit(0)) // Dawn keeps the process alive otherwise
  .catch((error) => {
    console.error(error?.name === 'OutputError' ? `bench:step: ${error.message}` : error);
    process.exit(1);
  });
