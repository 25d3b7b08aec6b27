/**
 * The training demo's engine parts in src/lib: subset selection (shared with train:full),
 * evaluation, pixel packing, the history as CSV, and the backend choice with a fake browser.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { selectImages, splitDataset } from '../../src/lib/data/split';
import { packRGB } from '../../src/lib/data/pixels';
import { classAccuracy, confusionMatrix, evaluatePredictions, spreadIndices, topK } from '../../src/lib/train/evaluation';
import { historyCsv } from '../../src/lib/train/history-csv';
import { firstClasses, selectSubset, validationPerClass, type SubsetCandidate } from '../../src/lib/data/subset';
import { adapterFacts, chooseBackend, classifyFailure, isSoftwareAdapter, measuredChoice, parseBackendParam, parseRememberedChoice, rememberKey, BackendError, type AdapterFacts, type BackendEnvironment, type BackendName } from '../../src/lib/webgpu/backend';
import type { EpochMetrics } from '../../src/lib/train';

/** train:full's selection at commit 25b7456 (the golden record's), kept as the reference. */
function trainFullBefore(labels: number[], split: { train: number[]; val: number[] }, classes: number, perClass: number | 'all') {
  const keep = (positions: number[], per: number | 'all') => {
    const counts = new Map<number, number>();
    return positions.filter((p) => {
      const label = labels[p];
      if (label >= classes) return false;
      const n = counts.get(label) ?? 0;
      if (per !== 'all' && n >= per) return false;
      counts.set(label, n + 1);
      return true;
    });
  };
  return { train: keep(split.train, perClass), val: keep(split.val, perClass === 'all' ? 'all' : Math.max(1, Math.ceil(perClass / 4))) };
}

/** The worker's selection before it moved to src/lib (commit 25b7456), kept as the reference. */
function workerBefore(set: { labels: number[]; subset: ('train' | 'val')[] }, chosen: number[], perClass: number) {
  const valPer = Math.max(1, Math.min(10, Math.ceil(perClass / 4)));
  const pick = (subset: 'train' | 'val', per: number) => {
    const out: { index: number; label: number }[] = [];
    chosen.forEach((cls, label) => {
      let taken = 0;
      set.labels.forEach((l, i) => {
        if (l === cls && set.subset[i] === subset && taken < per) {
          out.push({ index: i, label });
          taken++;
        }
      });
    });
    return out;
  };
  return { train: pick('train', perClass), val: pick('val', valPer) };
}

describe('selectSubset', () => {
  // A data set of 600 images over 12 classes with uneven class sizes, split like the real one.
  const rng = createRng(5);
  const labels = Array.from({ length: 600 }, () => Math.min(11, Math.floor(rng.next() ** 2 * 12)));
  const split = splitDataset(labels.length, { seed: 0, trainFraction: 0.8 });

  describe.each([
    [3, 8],
    [2, 1],
    [5, 40],
    [12, 'all' as const],
    [4, 1000],
  ])('train:full with %s classes and %s per class', (classes, perClass) => {
    it('selects exactly the images it selected before, in the same order', () => {
      const before = trainFullBefore(labels, split, classes, perClass);
      expect(selectImages(split, (p) => labels[p], classes, perClass)).toEqual(before); // what train:full calls
      const candidates = [...split.train, ...split.val];
      const subset = selectSubset(
        candidates.map((p, i): SubsetCandidate => ({ label: labels[p], subset: i < split.train.length ? 'train' : 'val' })),
        { classes: firstClasses(classes), perClass },
      );
      expect(subset.train.map((p) => p.label)).toEqual(before.train.map((p) => labels[p]));
    });
  });

  it('selects for the demo exactly what the worker selected before (manifest order: class by class)', () => {
    // The demo sets store, per demo class, its training images and then its validation images.
    const demoClasses = [7, 2, 9, 0];
    const set = { labels: [] as number[], subset: [] as ('train' | 'val')[] };
    for (const c of demoClasses) {
      for (let i = 0; i < 40; i++) set.labels.push(c), set.subset.push('train');
      for (let i = 0; i < 10; i++) set.labels.push(c), set.subset.push('val');
    }
    for (const perClass of [1, 8, 16, 24, 40]) {
      for (const k of [2, 3, 4]) {
        const chosen = demoClasses.slice(0, k);
        const subset = selectSubset(set.labels.map((label, i) => ({ label, subset: set.subset[i] })), { classes: chosen, perClass });
        const before = workerBefore(set, chosen, perClass);
        expect({ train: subset.train, val: subset.val }).toEqual(before);
      }
    }
  });

  it('maps data-set classes to run labels in the order given and counts what each class really got', () => {
    const candidates: SubsetCandidate[] = [
      { label: 5, subset: 'train' },
      { label: 3, subset: 'train' },
      { label: 5, subset: 'val' },
      { label: 5, subset: 'train' },
      { label: 9, subset: 'train' },
      { label: 3, subset: 'val' },
    ];
    const subset = selectSubset(candidates, { classes: [3, 5], perClass: 4 });
    expect(subset.train).toEqual([
      { index: 0, label: 1 },
      { index: 1, label: 0 },
      { index: 3, label: 1 },
    ]);
    expect(subset.val).toEqual([
      { index: 2, label: 1 },
      { index: 5, label: 0 },
    ]);
    expect(subset.trainCounts).toEqual([1, 2]); // fewer than the 4 asked for: the data holds no more
    expect(subset.valCounts).toEqual([1, 1]);
  });

  it('takes a quarter as many validation images, at least one', () => {
    expect([1, 4, 5, 8, 40].map(validationPerClass)).toEqual([1, 1, 2, 2, 10]);
    expect(validationPerClass('all')).toBe('all');
  });

  it('refuses options that cannot describe a run', () => {
    expect(() => selectSubset([], { classes: [], perClass: 1 })).toThrow('invalid subset: no classes (choose at least one)');
    expect(() => selectSubset([], { classes: [1, 1], perClass: 1 })).toThrow('classes 1, 1 repeat');
    expect(() => selectSubset([], { classes: [1], perClass: 0 })).toThrow('0 images per class');
  });
});

describe('evaluation', () => {
  it('ranks classes by probability, ties by label', () => {
    expect(topK([0.1, 0.5, 0.1, 0.3], 3)).toEqual([
      { label: 1, p: 0.5 },
      { label: 3, p: 0.3 },
      { label: 0, p: 0.1 },
    ]);
    expect(() => topK([1], 0)).toThrow('invalid top-k: 0');
  });

  it('builds the confusion matrix with true classes as rows and per-class accuracy from it', () => {
    const m = confusionMatrix([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 0, 1], 3);
    expect(m).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 1, 0],
    ]);
    expect(classAccuracy(m)).toEqual([0.5, 2 / 3, 0]);
    expect(classAccuracy([[0, 0], [0, 3]])).toEqual([null, 1]); // a class without images has no accuracy
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow('class out of range at image 1: true 3, predicted 0 (expected 0 … 2)');
  });

  it('evaluates softmax rows against labels', () => {
    const probs = Float32Array.from([0.7, 0.2, 0.1, 0.1, 0.3, 0.6, 0.2, 0.5, 0.3]);
    const ev = evaluatePredictions(probs, [0, 1, 1], 3, 2);
    expect(ev.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(ev.accuracy).toBeCloseTo(2 / 3, 12);
    expect(ev.classAccuracy).toEqual([1, 0.5, null]);
    expect(ev.ranked[1].map((r) => r.label)).toEqual([2, 1]);
    expect(() => evaluatePredictions(probs, [0, 1], 3)).toThrow('probabilities hold 9 values, expected 2 images × 3 classes');
  });

  it('spreads example positions evenly', () => {
    expect(spreadIndices(20, 8)).toEqual([0, 2, 5, 7, 10, 12, 15, 17]);
    expect(spreadIndices(3, 8)).toEqual([0, 1, 2]);
  });
});

describe('packRGB', () => {
  it('drops alpha and lays images out as [n, size, size, 3]', () => {
    const image = (base: number) => ({ width: 2, height: 2, data: Uint8ClampedArray.from({ length: 16 }, (_, i) => base + i) });
    const packed = packRGB([image(0), image(100)], 2);
    expect(Array.from(packed)).toEqual([0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 100, 101, 102, 104, 105, 106, 108, 109, 110, 112, 113, 114]);
    expect(() => packRGB([image(0)], 3)).toThrow('image 0 is 2 × 2, expected 3 × 3');
  });
});

describe('historyCsv', () => {
  it('writes one header and one line per epoch with full precision', () => {
    const epoch: EpochMetrics = { epoch: 1, trainLoss: 0.6931471, trainLossLastBatch: 0.7, trainAccuracy: 0.5, valLoss: 0.69, valLossLastBatch: Number.NaN, valAccuracy: 0.25, seconds: 12.5, tensors: 31 };
    expect(historyCsv([epoch, { ...epoch, epoch: 2 }])).toBe(
      'epoch,trainLoss,trainLossLastBatch,trainAccuracy,valLoss,valLossLastBatch,valAccuracy,seconds,tensors\r\n' +
        '1,0.6931471,0.7,0.5,0.69,,0.25,12.5,31\r\n2,0.6931471,0.7,0.5,0.69,,0.25,12.5,31\r\n',
    );
  });
});

/** A browser as the backend choice sees it: which backends start and how long a step takes. */
function fakeEnvironment(adapter: AdapterFacts | null | 'no-api', works: BackendName[], ms: Partial<Record<BackendName, number>> = {}) {
  const calls: string[] = [];
  let active: BackendName | null = null;
  const env: BackendEnvironment = {
    webgpuAdapter: async () => adapter,
    activate: async (name) => {
      calls.push(`activate ${name}`);
      if (!works.includes(name)) throw new Error(`${name} is broken`);
      active = name;
      return true;
    },
    measureStep: async (name) => {
      calls.push(`measure ${name}`);
      expect(active).toBe(name);
      return ms[name]!;
    },
  };
  return { env, calls, active: () => active };
}

describe('chooseBackend', () => {
  const gpu: AdapterFacts = { vendor: 'nvidia', architecture: 'hopper', description: '' };
  const swiftshader: AdapterFacts = { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader Device (Subzero)' };

  it('takes WebGPU at once when the adapter is a real GPU', async () => {
    const { env, calls } = fakeEnvironment(gpu, ['webgpu', 'webgl', 'cpu']);
    expect(await chooseBackend(env)).toEqual({ name: 'webgpu', notes: [] });
    expect(calls).toEqual(['activate webgpu']);
  });

  it('measures a step on WebGPU and WebGL with a software adapter and takes the faster', async () => {
    const { env, calls, active } = fakeEnvironment(swiftshader, ['webgpu', 'webgl', 'cpu'], { webgpu: 2880, webgl: 230 });
    expect(await chooseBackend(env)).toEqual({ name: 'webgl', notes: [{ kind: 'software-adapter', ms: { webgpu: 2880, webgl: 230 } }] });
    expect(calls).toEqual(['activate webgpu', 'measure webgpu', 'activate webgl', 'measure webgl', 'activate webgl']);
    expect(active()).toBe('webgl');
    const faster = fakeEnvironment({ isFallbackAdapter: true }, ['webgpu', 'webgl'], { webgpu: 10, webgl: 30 });
    expect((await chooseBackend(faster.env)).name).toBe('webgpu');
    expect(faster.active()).toBe('webgpu'); // the winner is active again after the other's measurement
  });

  it('takes a remembered choice on a software adapter without measuring, and measures when it does not start', async () => {
    const remembered = { name: 'webgl' as const, ms: { webgpu: 2880, webgl: 230 } };
    const { env, calls } = fakeEnvironment(swiftshader, ['webgpu', 'webgl', 'cpu'], { webgpu: 1, webgl: 2 });
    expect(await chooseBackend(env, null, remembered)).toEqual({ name: 'webgl', notes: [{ kind: 'remembered', ms: remembered.ms }] });
    expect(calls).toEqual(['activate webgl']);
    const gone = fakeEnvironment(swiftshader, ['webgpu', 'cpu'], { webgpu: 7 });
    const choice = await chooseBackend(gone.env, null, remembered);
    expect(choice.name).toBe('webgpu');
    expect(gone.calls).toEqual(['activate webgl', 'activate webgpu', 'measure webgpu', 'activate webgl', 'activate webgpu']);
    expect(measuredChoice(choice)).toEqual({ name: 'webgpu', ms: { webgpu: 7 } });
    // A real GPU never looks at it.
    const real = fakeEnvironment(gpu, ['webgpu', 'webgl']);
    expect((await chooseBackend(real.env, null, remembered)).name).toBe('webgpu');
  });

  it('keys a remembered choice by adapter and browser, and reads back only valid choices', () => {
    const chrome = 'Mozilla/5.0 Chrome/140.0.0.0';
    expect(rememberKey(swiftshader, chrome)).not.toBe(rememberKey(swiftshader, 'Mozilla/5.0 Chrome/141.0.0.0'));
    expect(rememberKey(swiftshader, chrome)).not.toBe(rememberKey({ ...swiftshader, description: 'other' }, chrome));
    expect(rememberKey(swiftshader, chrome)).toBe(rememberKey({ ...swiftshader }, chrome));
    expect(parseRememberedChoice(JSON.stringify({ name: 'webgl', ms: { webgl: 3 } }))).toEqual({ name: 'webgl', ms: { webgl: 3 } });
    for (const bad of [null, '', '{', '{"name":"metal","ms":{}}', '{"name":"webgl"}']) expect(parseRememberedChoice(bad)).toBeNull();
    expect(measuredChoice({ name: 'webgpu', notes: [] })).toBeNull();
    expect(adapterFacts({ info: { vendor: 'google', architecture: 'swiftshader', description: 'd' }, isFallbackAdapter: true })).toEqual({ vendor: 'google', architecture: 'swiftshader', description: 'd', isFallbackAdapter: true });
  });

  it('falls back to WebGL, then the CPU, saying why', async () => {
    expect(await chooseBackend(fakeEnvironment('no-api', ['webgl', 'cpu']).env)).toEqual({ name: 'webgl', notes: [{ kind: 'no-webgpu' }] });
    expect(await chooseBackend(fakeEnvironment(null, ['cpu']).env)).toEqual({
      name: 'cpu',
      notes: [{ kind: 'no-adapter' }, { kind: 'failed', backend: 'webgl', message: 'webgl is broken' }],
    });
    const broken = await chooseBackend(fakeEnvironment(gpu, ['cpu']).env);
    expect(broken.notes.map((n) => n.kind)).toEqual(['failed', 'failed']);
    // A software adapter whose WebGPU fails is not tried twice; WebGL measured alone wins.
    const half = fakeEnvironment(swiftshader, ['webgl'], { webgl: 5 });
    expect((await chooseBackend(half.env)).name).toBe('webgl');
  });

  it('takes a forced backend as it is, and fails with the reason when it does not start', async () => {
    const { env, calls } = fakeEnvironment(swiftshader, ['webgpu', 'webgl', 'cpu']);
    expect(await chooseBackend(env, 'cpu')).toEqual({ name: 'cpu', notes: [{ kind: 'forced', backend: 'cpu' }] });
    expect(calls).toEqual(['activate cpu']);
    await expect(chooseBackend(fakeEnvironment(gpu, ['cpu']).env, 'webgl')).rejects.toThrow(BackendError);
    await expect(chooseBackend(fakeEnvironment(gpu, []).env)).rejects.toThrow('no TensorFlow.js backend started (webgpu: webgpu is broken; webgl: webgl is broken; cpu: cpu is broken)');
  });

  it('reads demo-backend and recognises software adapters', () => {
    expect(parseBackendParam(null)).toBeNull();
    expect(parseBackendParam('webgl')).toBe('webgl');
    expect(() => parseBackendParam('metal')).toThrow('invalid demo-backend: metal (choose webgpu, webgl, cpu)');
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter(gpu)).toBe(false);
  });

  it('tells device loss and memory exhaustion from other failures', () => {
    expect(classifyFailure('GPU device was lost')).toBe('device-lost');
    expect(classifyFailure('Failed to create buffer: out of memory')).toBe('out-of-memory');
    expect(classifyFailure('shader compilation failed')).toBe('other');
  });
});
