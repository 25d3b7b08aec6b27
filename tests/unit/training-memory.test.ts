/** The island's memory refusal before a WebGPU start: which images it counts and the German sentence. */
import { describe, expect, it } from 'vitest';
import type { ChosenRun } from '../../src/components/islands/training-config';
import type { PanelSet } from '../../src/components/islands/data-panel-view';
import { imageCountsOf, memoryRefusal } from '../../src/components/islands/training-memory';

const MiB = 2 ** 20;
const DEFAULTS = { maxStorageBufferBindingSize: 128 * MiB, maxBufferSize: 256 * MiB };
const SETS: PanelSet[] = [
  { id: 'all-37', cropSize: 32, bytes: 1, train: 6941, val: 1736, shards: [] },
  { id: 'all-73', cropSize: 64, bytes: 1, train: 6941, val: 1736, shards: [] },
];
const chosen = (classes: number, cropSize: number, perClass: number | 'all', backend: ChosenRun['backend'] = null): ChosenRun => ({
  config: { classes, perClass, cropSize, epochs: 10, batchSize: 32, learningRate: 0.001, recipe: 'corrected', seed: 0 },
  backend,
  kernels: 'fast',
});

describe('memory refusal before a WebGPU start', () => {
  it('counts the 101-class set from the panel, a capped or small run as classes × per class', () => {
    expect(imageCountsOf(chosen(101, 64, 'all'), SETS)).toEqual({ train: 6941, val: 1736 });
    expect(imageCountsOf(chosen(101, 32, 2), SETS)).toEqual({ train: 202, val: 1736 });
    expect(imageCountsOf(chosen(5, 224, 40), SETS)).toEqual({ train: 200, val: 200 });
  });

  it('refuses 224 px on default limits in German, lets 101 classes at 64 px start', () => {
    expect(memoryRefusal(chosen(5, 224, 40), SETS, DEFAULTS)).toBe(
      'Bei 224 × 224 braucht fc1 allein 411,0 MB in einem Puffer, deine Grafikkarte erlaubt höchstens 134,2 MB. Wähle eine kleinere Eingabegröße; das Training wurde nicht gestartet.',
    );
    expect(memoryRefusal(chosen(101, 64, 'all'), SETS, DEFAULTS)).toBeNull();
  });

  it('says nothing without known limits or for a forced WebGL or CPU run', () => {
    expect(memoryRefusal(chosen(5, 224, 40), SETS, null)).toBeNull();
    expect(memoryRefusal(chosen(5, 224, 40, 'cpu'), SETS, DEFAULTS)).toBeNull();
    expect(memoryRefusal(chosen(5, 224, 40, 'webgpu'), SETS, DEFAULTS)).toMatch(/^Bei 224 × 224 braucht fc1/);
  });

  it('names the images when they do not fit the bindable buffers', () => {
    const tiny = { maxStorageBufferBindingSize: 10 * MiB, maxBufferSize: 10 * MiB }; // 2,553 images of 37 px per chunk, 5 chunks bind
    expect(memoryRefusal(chosen(101, 32, 'all'), SETS, { maxStorageBufferBindingSize: 9 * MiB, maxBufferSize: 9 * MiB })).toBeNull(); // 28.5 MB in 4 chunks of 9.4 MB
    expect(memoryRefusal(chosen(101, 32, 'all'), [{ ...SETS[0], train: 20_000 }], tiny)).toBe(
      'Die Bilder für 32 × 32 brauchen 82,1 MB Grafikspeicher, in die Puffer, die das Training binden kann, passen höchstens 52,4 MB. Wähle eine kleinere Eingabegröße oder weniger Klassen; das Training wurde nicht gestartet.',
    );
  });
});
