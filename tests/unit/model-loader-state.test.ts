/**
 * The model loader's reducer and view (islands/model-loader-state.ts, model-loader-view.ts): a file
 * too big for the device refused before reading, reading with progress, the worker's verdict, German
 * messages naming what does not fit, the check logits compared with the file's own, the own image
 * only once a model is loaded, the scores on validation images and the look inside.
 */
import { describe, expect, it } from 'vitest';
import { initialLoader, updateLoader, type LoaderEvent, type LoaderState } from '../../src/components/islands/model-loader-state';
import { viewLoader } from '../../src/components/islands/model-loader-view';
import type { ValEvaluation } from '../../src/lib/train/val-evaluation';
import type { Inspection } from '../../src/lib/model/inspect';

const steps = (s: LoaderState, ...events: LoaderEvent[]) => events.reduce((state, e) => updateLoader(state, e).state, s);
const meta = { imageSize: 16, classes: ['Faces_easy', 'Motorbikes'], valAccuracy: 0.75, tool: 'PyTorch', check: { input: 'x', logits: [0.5, -0.25] } };
const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
const loaded = (checkLogits: number[]) =>
  steps(initialLoader, { type: 'file', name: 'm.npz', size: 1, assetsUrl: 'https://x/a/' }, { type: 'read', bytes: new Uint8Array(1) }, { type: 'worker', message: { type: 'loaded', meta, checkLogits } });

describe('model loader', () => {
  it('reads the chosen file with progress, then hands the bytes to the worker', () => {
    const chosen = updateLoader(initialLoader, { type: 'file', name: 'm.npz', size: 4_000_000, assetsUrl: 'https://x/a/' });
    expect(chosen.effects).toEqual([{ type: 'read-file' }]);
    const half = steps(chosen.state, { type: 'progress', loaded: 2_000_000 });
    expect(viewLoader(half)).toMatchObject({ status: 'Lese m.npz: 2,0 von 4,0 MB', progress: 0.5 });
    const bytes = new Uint8Array(3);
    const { state, effects } = updateLoader(half, { type: 'read', bytes });
    expect(effects).toEqual([{ type: 'post', message: { type: 'load', bytes, assetsUrl: 'https://x/a/' }, transfer: [bytes.buffer] }]);
    expect(state.phase).toBe('checking');
    expect(updateLoader(state, { type: 'file', name: 'n.npz', size: 1, assetsUrl: 'https://x/a/' }).effects).toEqual([]); // one file at a time
  });

  it('says in German what does not fit', () => {
    const s = steps(initialLoader, { type: 'file', name: 'm.npz', size: 1, assetsUrl: 'https://x/a/' }, { type: 'read', bytes: new Uint8Array(1) }, {
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

  it('refuses a file the device cannot hold before reading it, saying how much it would need', () => {
    const refused = updateLoader(initialLoader, { type: 'file', name: 'big.npz', size: 411_000_000, assetsUrl: 'https://x/a/', deviceMemoryGiB: 2 });
    expect(refused.effects).toEqual([]);
    expect(viewLoader(refused.state).status).toBe(
      'big.npz ist 411,0 MB groß. Beim Laden braucht die Seite kurzzeitig etwa 2,7 GB Arbeitsspeicher (die Datei, die gelesenen Gewichte und die Kopie für TensorFlow.js), dieses Gerät meldet aber nur 2,00 GB. Die Seite liest die Datei deshalb nicht – lade das Modell im Notebook oder auf einem Rechner mit mehr Speicher.',
    );
    const reading = updateLoader(initialLoader, { type: 'file', name: 'big.npz', size: 411_000_000, assetsUrl: 'https://x/a/', deviceMemoryGiB: 8 });
    expect(reading.effects).toEqual([{ type: 'read-file' }]);
    expect(viewLoader(reading.state).status).toMatch(/^Lese big\.npz: 0,0 von 411,0 MB fc1\.weight ist größer als die Puffer, die WebGPU .* etwa 2,7 GB Arbeitsspeicher\.$/);
  });

  const evaluation: ValEvaluation = {
    setId: 'chapters-val-16', count: 5, correct: 3, accuracy: 0.6, missing: [],
    images: [],
    perClass: [{ index: 1, images: 2, accuracy: 0.5 }, { index: 0, images: 3, accuracy: 2 / 3 }],
    confused: [{ trueClass: 0, predicted: 1, images: 3, count: 1 }, { trueClass: 1, predicted: 0, images: 2, count: 1 }],
  };
  const pixel = (label: number, predicted: number) => ({ ...image, label, ranked: [{ label: predicted, p: 0.75 }] });
  const evaluated = () => steps(loaded([0.5, -0.25]), { type: 'worker', message: { type: 'evaluated', evaluation, examples: [pixel(0, 0), pixel(0, 1)] } });

  it('scores the model on validation images of the chapters\' split: count, share, grid, per class, confusions', () => {
    expect(viewLoader(loaded([0.5, -0.25])).evaluation?.status).toBe('Das Modell klassifiziert Validierungsbilder aus der Aufteilung der Kapitel …');
    expect(updateLoader(loaded([0.5, -0.25]), { type: 'file', name: 'n.npz', size: 1, assetsUrl: 'https://x/a/' }).effects).toEqual([]); // busy scoring
    const halfway = steps(loaded([0.5, -0.25]), { type: 'worker', message: { type: 'evaluating', done: 4, total: 12 } });
    expect(viewLoader(halfway).evaluation?.status).toBe('Das Modell klassifiziert Validierungsbilder aus der Aufteilung der Kapitel: 4 von 12 …');
    const v = viewLoader(evaluated()).evaluation!;
    expect(v.status).toMatch(/^3 von 5 Validierungsbildern richtig \(60,0\u00a0%\), aus 2 Klassen, je Klasse 2 bis 3 Bilder\. Alle stammen aus dem Validierungsteil/);
    expect(v.cells).toEqual([{ text: 'richtig: Faces_easy (75,0\u00a0%)', right: true }, { text: 'falsch: Faces_easy → Motorbikes (75,0\u00a0%)', right: false }]);
    expect(v.gridLabel).toBe('2 der 5 Validierungsbilder mit wahrer und vorhergesagter Klasse');
    expect(v.perClass).toEqual(['Motorbikes: 1 von 2 richtig (50,0\u00a0%)', 'Faces_easy: 2 von 3 richtig (66,7\u00a0%)']);
    expect(v.confused).toEqual(['Faces_easy → Motorbikes: 1 von 3 Bildern', 'Motorbikes → Faces_easy: 1 von 2 Bildern']);
    const none = steps(loaded([0.5, -0.25]), { type: 'worker', message: { type: 'no-evaluation', reason: 'no-set' } });
    expect(viewLoader(none).evaluation?.status).toBe('Für 16 × 16 Pixel liegen keine Validierungsbilder bereit (angeboten: 16, 32, 64, 128 und 224).');
    const failed = steps(loaded([0.5, -0.25]), { type: 'worker', message: { type: 'error', during: 'evaluate', message: 'HTTP 404' } });
    expect(viewLoader(failed).evaluation?.status).toBe('Die Auswertung ist fehlgeschlagen: HTTP 404');
  });

  it('looks inside the model for a shown validation image or the own image, once it exists', () => {
    const s = evaluated();
    expect(viewLoader(s).inspect?.options.map((o) => [o.value, o.label, o.disabled])).toEqual([
      ['example-0', 'Validierungsbild 1: Faces_easy', false],
      ['example-1', 'Validierungsbild 2: Faces_easy', false],
      ['own', 'Dein eigenes Bild (erst klassifizieren)', true],
    ]);
    expect(updateLoader(s, { type: 'inspect', source: { kind: 'example', index: 2 } }).effects).toEqual([]);
    expect(updateLoader(s, { type: 'inspect', source: { kind: 'own' } }).effects).toEqual([]);
    const asked = updateLoader(s, { type: 'inspect', source: { kind: 'example', index: 1 } });
    expect(asked.effects).toEqual([{ type: 'post', message: { type: 'inspect', source: { kind: 'example', index: 1 } } }]);
    expect(viewLoader(asked.state).inspect?.status).toMatch(/^Rechne Filter, Merkmalskarten und Saliency-Karte für Validierungsbild 2: Faces_easy/);
    const maps = (layer: string, count: number, width: number) => ({ layer, count, height: width, width, values: new Float32Array(count * width * width) });
    const inspection: Inspection = {
      filters: { layer: 'conv1', count: 32, size: 3, channels: 3, values: new Float32Array(32 * 27), min: -1, max: 1 },
      featureMaps: [maps('conv1', 32, 16), maps('conv2', 64, 8)],
      saliency: { classIndex: 1, height: 16, width: 16, values: new Float32Array(256) },
      probabilities: Float32Array.from([0.25, 0.75]),
    };
    const done = steps(asked.state, { type: 'worker', message: { type: 'inspected', source: { kind: 'example', index: 1 }, image, inspection } });
    const v = viewLoader(done).inspect!;
    expect(v.status).toMatch(/^Blick ins Modell für Validierungsbild 2: Faces_easy: vorhergesagt Motorbikes \(75,0\u00a0%\)/);
    expect(v.figures?.saliency).toMatch(/^Saliency-Karte für Motorbikes/);
    const own = steps(done, { type: 'own-image', image }, { type: 'worker', message: { type: 'prediction', ranked: [{ label: 0, p: 0.6 }] } });
    expect(updateLoader(own, { type: 'inspect', source: { kind: 'own' } }).effects).toEqual([{ type: 'post', message: { type: 'inspect', source: { kind: 'own' } } }]);
  });
});
