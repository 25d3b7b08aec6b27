/**
 * The model loader's reducer and view (islands/model-loader-state.ts): reading with progress,
 * the worker's verdict, German messages naming what does not fit, the check logits compared with
 * the file's own, and the own image only once a model is loaded.
 */
import { describe, expect, it } from 'vitest';
import { initialLoader, updateLoader, viewLoader, type LoaderEvent, type LoaderState } from '../../src/components/islands/model-loader-state';

const steps = (s: LoaderState, ...events: LoaderEvent[]) => events.reduce((state, e) => updateLoader(state, e).state, s);
const meta = { imageSize: 16, classes: ['Faces_easy', 'Motorbikes'], valAccuracy: 0.75, tool: 'PyTorch', check: { input: 'x', logits: [0.5, -0.25] } };
const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
const loaded = (checkLogits: number[]) =>
  steps(initialLoader, { type: 'file', name: 'm.npz', size: 1 }, { type: 'read', bytes: new Uint8Array(1) }, { type: 'worker', message: { type: 'loaded', meta, checkLogits } });

describe('model loader', () => {
  it('reads the chosen file with progress, then hands the bytes to the worker', () => {
    const chosen = updateLoader(initialLoader, { type: 'file', name: 'm.npz', size: 4_000_000 });
    expect(chosen.effects).toEqual([{ type: 'read-file' }]);
    const half = steps(chosen.state, { type: 'progress', loaded: 2_000_000 });
    expect(viewLoader(half)).toMatchObject({ status: 'Lese m.npz: 2,0 von 4,0 MB', progress: 0.5 });
    const bytes = new Uint8Array(3);
    const { state, effects } = updateLoader(half, { type: 'read', bytes });
    expect(effects).toEqual([{ type: 'post', message: { type: 'load', bytes }, transfer: [bytes.buffer] }]);
    expect(state.phase).toBe('checking');
    expect(updateLoader(state, { type: 'file', name: 'n.npz', size: 1 }).effects).toEqual([]); // one file at a time
  });

  it('says in German what does not fit', () => {
    const s = steps(initialLoader, { type: 'file', name: 'm.npz', size: 1 }, { type: 'read', bytes: new Uint8Array(1) }, {
      type: 'worker',
      message: { type: 'rejected', problems: [{ code: 'shape', name: 'fc1.weight', shape: [512, 1024], expected: [512, 4096] }, { code: 'missing', name: 'fc2.bias', shape: [2] }, { code: 'no-meta' }] },
    });
    expect(viewLoader(s)).toMatchObject({
      status: 'm.npz passt nicht zu SimpleCNN:',
      problems: [
        'fc1.weight hat die Form [512, 1.024], erwartet ist [512, 4.096] (für die Bildgröße und Klassenzahl in _meta).',
        'fc2.bias fehlt (erwartete Form [2]).',
        'Der Datei fehlt der Eintrag _meta (ein JSON-Text mit imageSize und classes); schreibe sie so, wie das Kapitel es zeigt.',
      ],
      ready: false,
    });
  });

  it('shows the model and its check logits against the file\'s', () => {
    const v = viewLoader(loaded([0.50001, -0.25]));
    expect(v.about).toBe('16 × 16 Pixel, 2 Klassen, Validierungsgenauigkeit laut Datei 75,0\u00a0%; geschrieben von PyTorch.');
    expect(v.check).toMatch(/^Logits für die Prüfeingabe \(x\): 0,500010; .0,250000\. Sie stimmen mit den Werten in der Datei überein\.$/);
    expect(viewLoader(loaded([0.6, -0.25])).check).toMatch(/weichen um bis zu 0,100000 von den Werten in der Datei ab\.$/);
  });

  it('classifies an own image only when a model is loaded', () => {
    expect(updateLoader(initialLoader, { type: 'own-image', image }).effects).toEqual([]);
    const asked = updateLoader(loaded([0.5, -0.25]), { type: 'own-image', image });
    expect(asked.effects).toEqual([{ type: 'post', message: { type: 'predict', image } }]);
    const answered = steps(asked.state, { type: 'worker', message: { type: 'prediction', ranked: [{ label: 1, p: 0.9 }, { label: 0, p: 0.1 }] } });
    expect(viewLoader(answered).own).toBe('Vorhersage: Motorbikes 90,0\u00a0%, Faces_easy 10,0\u00a0%');
  });
});
