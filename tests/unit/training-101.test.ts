/**
 * "Alle 101 Klassen": the options table's limits (2 … 10 or 101 classes, only the sizes with an
 * all-N set), the configuration read from form and URL (every training image unless
 * demo-per-class caps them), the run's images from the all-N set with the chapters' split, and
 * the data panel's texts.
 */
import { describe, expect, it } from 'vitest';
import type { AssetManifest, ImageSet } from '../../src/lib/data/manifest';
import { ALL_CLASSES, TRAINING_OPTIONS, isAllowed, perClassFor, sizesFor } from '../../src/lib/demo/options';
import { demoImageSet, selectDemoSubset } from '../../src/lib/train/demo-data';
import { readConfig } from '../../src/components/islands/training-config';
import { activityOnStart, focusAfterCancel, panelView, type PanelSet, type PanelState } from '../../src/components/islands/data-panel-view';

describe('the 101-class option', () => {
  it('allows 2 … 10 or 101 classes and nothing between', () => {
    expect(TRAINING_OPTIONS.classes.choices).toContain(ALL_CLASSES);
    for (const ok of [2, 10, 101]) expect(isAllowed(TRAINING_OPTIONS.classes, ok)).toBe(true);
    for (const bad of [1, 11, 50, 100, 102]) expect(isAllowed(TRAINING_OPTIONS.classes, bad)).toBe(false);
  });

  it('offers only 32 and 64 at 101 classes, every size otherwise', () => {
    expect(sizesFor(101)).toEqual([32, 64]);
    expect(sizesFor(10)).toEqual(TRAINING_OPTIONS.cropSize.choices);
  });

  it('trains on every image at 101 classes unless capped', () => {
    expect(perClassFor(101, 40, false)).toBe('all');
    expect(perClassFor(101, 2, true)).toBe(2);
    expect(perClassFor(5, 40, false)).toBe(40);
  });
});

describe('readConfig at 101 classes', () => {
  const values: Record<string, string> = { classes: '101', perClass: '40', size: '64', epochs: '10', batch: '64', lr: '0.001', recipe: 'corrected' };
  const form = (change: Record<string, string> = {}) => (name: string) => ({ ...values, ...change })[name] ?? '';
  it('takes every training image, unless the link caps them with demo-per-class', () => {
    expect(readConfig(form(), '').config).toMatchObject({ classes: 101, perClass: 'all', cropSize: 64 });
    expect(readConfig(form({ perClass: '2', size: '32', epochs: '1' }), '?demo-classes=101&demo-per-class=2&demo-size=32').config).toMatchObject({ classes: 101, perClass: 2, cropSize: 32, epochs: 1 });
    expect(readConfig(form({ classes: '5' }), '').config.perClass).toBe(40);
  });
  it('refuses a size without an all-N set, in German', () => {
    expect(() => readConfig(form({ size: '16' }), '')).toThrow('demo-size=16 (erlaubt: mit 101 Klassen nur 32, 64)');
    expect(() => readConfig(form({ classes: '50' }), '')).toThrow('demo-classes=50 (erlaubt: 2 … 10, 101)');
  });
});

// Four data-set classes; all-8 holds every image, training images first (the chapters' split).
const classes = ['a', 'b', 'c', 'd'];
const allLabels = [3, 0, 0, 1, 2, 0, 3, 1, 0, 2, 3, 1];
const allSubset = allLabels.map((_, i) => (i < 8 ? 'train' : 'val') as 'train' | 'val');
const all8 = { id: 'all-8', cropSize: 8, size: 9, labels: allLabels, subset: allSubset, sources: [], shards: [], bytes: 0 } as ImageSet;
const demo8 = { id: 'demo-8', cropSize: 8, size: 9, labels: [1, 2], subset: ['train', 'val'], sources: [], shards: [], bytes: 0 } as ImageSet;
const manifest = { sets: [demo8, all8], demoClasses: [1, 2], dataset: { classes } } as unknown as AssetManifest;

describe('the data of a run over every class', () => {
  it('takes the all-N set when the run has every class of the data set', () => {
    expect(demoImageSet(manifest, 8, 4)).toBe(all8);
    expect(demoImageSet(manifest, 8, 2)).toBe(demo8);
    expect(() => demoImageSet(manifest, 16, 4)).toThrow('wanted all-16');
  });

  it('trains on the training images and validates on the validation images of the split, every class in data-set order', () => {
    const { subset, classes: names, counts } = selectDemoSubset(manifest, all8, 4, 'all');
    expect(names).toEqual(classes);
    expect(subset.train.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(subset.val.map((p) => p.index)).toEqual([8, 9, 10, 11]);
    expect(subset.train.map((p) => p.label)).toEqual(allLabels.slice(0, 8)); // run label = data-set class
    expect(counts).toMatchObject({ train: 8, val: 4, trainCounts: [3, 2, 1, 2], valCounts: [1, 1, 1, 1] });
  });

  it('caps the training images per class with demo-per-class (validation: a quarter, at least one)', () => {
    const { subset } = selectDemoSubset(manifest, all8, 4, 1);
    expect(subset.train.map((p) => p.index)).toEqual([0, 1, 3, 4]);
    expect(subset.val.map((p) => p.index)).toEqual([8, 9, 10, 11]);
  });
});

describe('the data panel', () => {
  const set: PanelSet = { id: 'all-64', cropSize: 64, bytes: 61_234_567, train: 6941, val: 1736, shards: [] };
  const state = (change: Partial<PanelState>): PanelState => ({ set, stored: 0, activity: { kind: 'idle' }, ...change });
  it('says before any download how many MB a start fetches', () => {
    const v = panelView(state({}));
    expect(v.plan).toBe(
      'Bei 64 × 64 lädt das Training 8.677 Bilder (6.941 zum Training, 1.736 zur Validierung, die Aufteilung der Kapitel) – 61,2 MB. Sie bleiben danach im Browser gespeichert, ein zweiter Besuch startet sofort.',
    );
    expect([v.stored, v.removeText, v.progress, v.cancelShown]).toEqual(['Noch nichts im Browser gespeichert.', null, null, false]);
    expect(panelView(state({ set: null })).hidden).toBe(true);
  });
  it('shows progress with cancel, then the stored size with its delete control', () => {
    const loading = panelView(state({ activity: { kind: 'loading', progress: { bytes: 12_500_000, totalBytes: 61_234_567, shards: 13, totalShards: 68 } } }));
    expect(loading).toMatchObject({ status: 'Lade 12,5 von 61,2 MB (Teil 14 von 68) …', progress: { value: 12_500_000, max: 61_234_567 }, cancelShown: true, downloadEnabled: false });
    const done = panelView(state({ stored: 61_234_567, activity: { kind: 'done', bytes: 61_234_567 } }));
    expect(done).toMatchObject({ status: 'Fertig: 61,2 MB geladen und gespeichert.', removeText: 'Gespeicherte Daten löschen (61,2 MB)', cancelShown: false });
  });
  it('after cancel hands focus to the download button (or the status line), never to nothing', () => {
    const cancelled = panelView(state({ stored: 20_000_000, setStored: 20_000_000, activity: { kind: 'cancelled' } }));
    expect(cancelled).toMatchObject({ cancelShown: false, downloadShown: true, downloadEnabled: true, status: 'Download abgebrochen. Schon geladene Teile bleiben gespeichert.' });
    expect(focusAfterCancel(cancelled)).toBe('download');
    // Cancelled just as the last part arrived: the set is whole, no button to press, the status line takes focus.
    expect(focusAfterCancel(panelView(state({ stored: set.bytes, setStored: set.bytes, activity: { kind: 'cancelled' } })))).toBe('status');
  });
  it('says "gespeichert" instead of offering a download once the chosen set is stored whole', () => {
    const whole = panelView(state({ stored: set.bytes + 5, setStored: set.bytes, activity: { kind: 'done', bytes: set.bytes } }));
    expect(whole).toMatchObject({ downloadShown: false, downloadEnabled: false });
    expect(whole.plan).toBe('Bei 64 × 64 sind alle 8.677 Bilder (6.941 zum Training, 1.736 zur Validierung, die Aufteilung der Kapitel, 61,2 MB) im Browser gespeichert – das Training startet ohne Download.');
    // Other sets stored (stored > 0) but not this one: still a download to offer.
    expect(panelView(state({ stored: 99_000_000, setStored: 0 }))).toMatchObject({ downloadShown: true, downloadEnabled: true });
  });
  it('drops an old notice when a run or a new download starts', () => {
    expect(panelView(state({ activity: activityOnStart({ kind: 'cancelled' }) })).status).toBe('');
    expect(activityOnStart({ kind: 'done', bytes: 1 })).toEqual({ kind: 'idle' });
    const loading = { kind: 'loading', progress: null } as const;
    expect(activityOnStart(loading)).toBe(loading);
  });
  it('words failures in German', () => {
    expect(panelView(state({ activity: { kind: 'failed', code: 'quota' } })).error).toMatch(/Speicherkontingent/);
    expect(panelView(state({ activity: { kind: 'failed', code: 'offline' } })).error).toMatch(/offline/);
  });
});

describe('the evaluation of many validation images', () => {
  it('predicts in parts of PREDICT_PART exactly what one pass over all images predicts', async () => {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const { createSimpleCNN } = await import('../../src/lib/model/simplecnn');
    const { PREDICT_PART, predictInParts } = await import('../../src/lib/train/demo-run');
    const { imagesTensor } = await import('../../src/lib/train/demo-data');
    const { predictProbabilities } = await import('../../src/lib/train/loop');
    const size = 18;
    const images = Array.from({ length: PREDICT_PART + 3 }, (_, k) => ({ width: size, height: size, data: Uint8ClampedArray.from({ length: size * size * 4 }, (_, i) => (i * 31 + k * 17) % 256) }));
    const picks = images.map((_, index) => ({ index, label: index % 3 })).reverse();
    const model = createSimpleCNN(tf, { inputSize: 16, numClasses: 3, seed: 1 }).model;
    const whole = imagesTensor(tf, images, picks, size);
    const expected = await predictProbabilities(tf, model, whole, 16);
    whole.dispose();
    const before = tf.memory().numTensors;
    const got = await predictInParts(tf, model, images, picks, size, 16, 3);
    expect(tf.memory().numTensors).toBe(before);
    expect(got).toHaveLength(expected.length);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
    model.dispose();
  }, 60_000);
});
