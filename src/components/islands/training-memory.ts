/**
 * Glue for the memory check before a WebGPU start (lib/webgpu/memory-check.ts): how many images
 * the chosen run uploads (at 101 classes from the data panel's sets, otherwise at most classes ×
 * per class) and the German refusal when they or fc1's weights do not fit the adapter's limits.
 */
import { formatNumber } from '../../lib/format';
import { ALL_CLASSES } from '../../lib/demo/options';
import { checkGpuMemory, type BufferLimits } from '../../lib/webgpu/memory-check';
import type { PanelSet } from './data-panel-view';
import { de } from './de';
import type { ChosenRun } from './training-config';

const t = de.training.memory;
const mb = (bytes: number) => formatNumber(bytes / 1e6, 1);

/** Training and validation images of the run (an upper bound below 101 classes: the validation set is smaller than the training set). */
export function imageCountsOf(chosen: ChosenRun, sets: readonly PanelSet[]): { train: number; val: number } {
  const { classes, perClass, cropSize } = chosen.config;
  const all = classes === ALL_CLASSES ? sets.find((s) => s.cropSize === cropSize) : undefined;
  if (all && perClass === 'all') return { train: all.train, val: all.val };
  const capped = classes * (perClass === 'all' ? 0 : perClass);
  return { train: capped, val: all ? all.val : capped };
}

/** The German refusal for `chosen` on an adapter with `limits`, or null when it fits (or the run does not use WebGPU). */
export function memoryRefusal(chosen: ChosenRun, sets: readonly PanelSet[], limits: BufferLimits | null): string | null {
  if (!limits || (chosen.backend !== null && chosen.backend !== 'webgpu')) return null;
  const size = chosen.config.cropSize;
  const verdict = checkGpuMemory({ cropSize: size, ...imageCountsOf(chosen, sets) }, limits);
  if (verdict.fits) return null;
  return (verdict.what === 'fc1' ? t.fc1Refused : t.imagesRefused)(size, mb(verdict.bytes), mb(verdict.limit));
}
