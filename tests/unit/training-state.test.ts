/**
 * The training island's state function and view, driven through the sequences a reader test
 * found broken: reset → start, pause mid-batch then the end of an epoch, a finished run then a
 * new start, stop, errors, own images. The assertions read the German text a reader sees.
 */
import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../src/lib/train';
import type { DemoConfig, DemoEvaluation, FromWorker } from '../../src/components/islands/training-protocol';
import { initialState, isBusy, update as reduce, type Message, type State } from '../../src/components/islands/training-state';
import { elapsedText, viewOf } from '../../src/components/islands/training-view';

const IMAGE = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
/** The crop the model saw, as the worker reports it with a prediction. */
const SEEN = { width: 16, height: 16, data: new Uint8ClampedArray(16 * 16 * 4) };
const CONFIG: DemoConfig = { classes: 2, perClass: 4, cropSize: 16, epochs: 2, batchSize: 4, learningRate: 0.001, recipe: 'corrected', seed: 0 };

/** The next state alone (the effects are checked in their own tests). */
const update = (s: State, m: Message) => reduce(s, m).state;
const run = (s: State, ...messages: Message[]) => messages.reduce(update, s);
/** The reader presses "Training starten" with `config`. */
const start = (config: DemoConfig): Message => ({ type: 'start', chosen: { config, backend: null, kernels: 'fast' }, assetsUrl: 'http://x/assets/' });
/** A report of run `id`'s worker. */
const w = (id: number, message: FromWorker): Message => ({ type: 'worker', run: id, message });
const batch = (id: number, epoch: number, b: number, batches = 2, msPerBatch = 20) =>
  w(id, { type: 'batch', progress: { epoch, batch: b, batches, loss: 0.7, meanLoss: 0.69, accuracy: 0.5, msPerBatch }, tensors: 40, bytes: 2 ** 20 });
const metrics = (epoch: number): EpochMetrics => ({ epoch, trainLoss: 0.69, trainLossLastBatch: 0.7, trainAccuracy: 0.5, valLoss: 0.68, valLossLastBatch: 0.68, valAccuracy: 0.75, seconds: 1.5, tensors: 40 });
const evaluation: DemoEvaluation = {
  classes: ['airplanes', 'Motorbikes'],
  confusion: [
    [2, 0],
    [1, 1],
  ],
  classAccuracy: [1, 0.5],
  examples: [
    { width: 1, height: 1, data: new Uint8ClampedArray(4), label: 0, ranked: [{ label: 0, p: 0.9 }, { label: 1, p: 0.1 }] },
    { width: 1, height: 1, data: new Uint8ClampedArray(4), label: 1, ranked: [{ label: 0, p: 0.832 }, { label: 1, p: 0.168 }] },
  ],
};

/** A run that trained one epoch of two and was then evaluated (epochs: 1 unless given). */
function finishedRun(s: State = initialState, config: DemoConfig = { ...CONFIG, epochs: 1 }) {
  const started = update(s, start(config));
  const id = started.run!.id;
  return run(
    started,
    w(id, { type: 'backend', name: 'webgpu', notes: [], kernels: 'fast' }),
    w(id, { type: 'data', counts: { classes: evaluation.classes, train: 8, val: 2, trainCounts: [4, 4], valCounts: [1, 1] } }),
    batch(id, 1, 1),
    batch(id, 1, 2),
    w(id, { type: 'phase', phase: 'validating', epoch: 1 }),
    w(id, { type: 'epoch', metrics: metrics(1) }),
    w(id, { type: 'phase', phase: 'evaluating' }),
    w(id, { type: 'done', stopped: false, evaluation }),
  );
}

describe('training island state', () => {
  it('names each phase while loading, training and validating', () => {
    let s = update(initialState, start(CONFIG));
    const id = s.run!.id;
    const says = (m: Message) => ((s = update(s, m)), viewOf(s).status);
    expect(viewOf(s).status).toBe('Lade TensorFlow.js im Hintergrund …');
    expect(says(w(id, { type: 'phase', phase: 'backend' }))).toBe('Wähle das Backend …');
    // On a software adapter a step is timed on each backend while the images load beside it.
    expect(says(w(id, { type: 'phase', phase: 'measuring', backend: 'webgpu' }))).toBe(
      'Keine echte Grafikkarte gefunden: Messe einen Trainingsschritt mit WebGPU (Messung 1 von 2, WebGPU und WebGL), um das schnellere zu nehmen; das Ergebnis wird für dieses Gerät gespeichert …',
    );
    expect(says(w(id, { type: 'images', loaded: 1, total: 2 }))).toMatch(/ … Nebenher geladen: 1 von 2 Bilddateien\.$/);
    expect(says(w(id, { type: 'phase', phase: 'measuring', backend: 'webgl' }))).toMatch(/^Keine echte Grafikkarte gefunden: Messe einen Trainingsschritt mit WebGL \(Messung 2 von 2,.* Nebenher geladen: 1 von 2 Bilddateien\.$/);
    expect(says(w(id, { type: 'phase', phase: 'images' }))).toBe('Lade die Bilder (1 von 2) …');
    expect(says(w(id, { type: 'images', loaded: 2, total: 2 }))).toBe('Lade die Bilder (2 von 2) …');
    says(w(id, { type: 'data', counts: { classes: ['a', 'b'], train: 8, val: 2, trainCounts: [4, 4], valCounts: [1, 1] } }));
    expect(says(w(id, { type: 'phase', phase: 'building' }))).toBe('8 Trainings- und 2 Validierungsbilder geladen; baue SimpleCNN …');
    expect(viewOf(s).state).toBe('loading');
    expect(says(batch(id, 1, 1))).toBe('Training läuft: Epoche 1 von 2.');
    expect(viewOf(s).state).toBe('running');
    expect(says(batch(id, 1, 2))).toBe('Training läuft: Epoche 1 von 2.');
    expect(says(w(id, { type: 'phase', phase: 'validating', epoch: 1 }))).toBe('Validierung nach Epoche 1 läuft …');
    expect(viewOf(s).run!.progressLine).toBe('Epoche 1/2 · Validierung');
    expect(says(w(id, { type: 'epoch', metrics: metrics(1) }))).toBe('Training läuft: Epoche 2 von 2.');
    expect(viewOf(s).news).toBe('Epoche 1 von 2 fertig: Validierungsverlust 0,680, Validierungsgenauigkeit 75,0\u00a0%.');
  });

  it('after reset and a new start shows no progress, curve, table, result or prediction of the old run', () => {
    let s = finishedRun();
    const oldId = s.run!.id;
    s = run(s, { type: 'own-image', run: oldId, name: 'motorrad.jpg', image: IMAGE }, w(oldId, { type: 'prediction', ranked: [{ label: 1, p: 0.6 }], seen: SEEN }));
    expect(viewOf(s).results).toMatchObject({ own: 'Vorhersage für „motorrad.jpg“: Motorbikes 60,0\u00a0%', ownFile: 'motorrad.jpg', ownSeen: { image: SEEN, label: '„motorrad.jpg“, wie das Modell es sah (16 × 16 Pixel)' } });
    s = update(s, { type: 'reset' });
    expect(viewOf(s)).toMatchObject({ state: 'idle', status: 'Zurückgesetzt. Du kannst die Einstellungen ändern und neu starten.', run: null, results: null, epoch: '0', backend: '' });
    s = update(s, start(CONFIG));
    // The old worker's last words arrive late: they belong to another run and change nothing.
    const late = run(s, batch(oldId, 1, 2), w(oldId, { type: 'done', stopped: false, evaluation }), w(oldId, { type: 'prediction', ranked: [], seen: SEEN }));
    expect(late).toBe(s);
    const v = viewOf(s);
    expect(v.run).toEqual({ progress: null, progressLine: '', stats: '', rows: [], curves: { loss: [], accuracy: [], epochs: 2 }, csv: false, model: false });
    expect(v.results).toBeNull();
    expect(v.status).toBe('Lade TensorFlow.js im Hintergrund …');
    expect(v.news).toBe('');
    expect(v.backendNote).toBeNull();
  });

  it('keeps the pause visible while the batch in flight and the validation finish, until Fortsetzen', () => {
    let s = update(initialState, start(CONFIG));
    const id = s.run!.id;
    s = run(s, batch(id, 1, 1), batch(id, 1, 2, 2), { type: 'pause' }); // pressed during the last batch's successor: the validation
    s = update(s, w(id, { type: 'phase', phase: 'validating', epoch: 1 }));
    expect(viewOf(s)).toMatchObject({ state: 'paused', pauseLabel: 'Fortsetzen' });
    expect(viewOf(s).status).toBe('Pausiere: Die Validierung von Epoche 1 läuft noch zu Ende, dann hält das Training an. Mit „Fortsetzen“ geht es weiter.');
    s = update(s, w(id, { type: 'epoch', metrics: metrics(1) })); // the finished epoch does not end the pause
    expect(viewOf(s).state).toBe('paused');
    expect(viewOf(s).status).toBe('Pausiere nach dem laufenden Batch …');
    expect(viewOf(s).news).toMatch(/^Epoche 1 von 2 fertig/); // the epoch's result is still announced
    s = update(s, w(id, { type: 'held' }));
    expect(viewOf(s).status).toBe('Pausiert nach Batch 2 von 2 in Epoche 1. Mit „Fortsetzen“ geht es weiter.');
    s = update(s, { type: 'resume' });
    expect(viewOf(s)).toMatchObject({ state: 'running', pauseLabel: 'Pause', status: 'Training läuft: Epoche 2 von 2.' });
  });

  it('pausing mid-batch says so, and says "Pausiert" once the loop holds', () => {
    let s = update(initialState, start(CONFIG));
    const id = s.run!.id;
    s = run(s, batch(id, 1, 1), { type: 'pause' });
    expect(viewOf(s).status).toBe('Pausiere nach dem laufenden Batch …');
    s = update(s, batch(id, 1, 2)); // the batch that was running when Pause was pressed
    expect(viewOf(s).state).toBe('paused');
    s = update(s, w(id, { type: 'held' }));
    expect(viewOf(s).status).toBe('Pausiert nach Batch 2 von 2 in Epoche 1. Mit „Fortsetzen“ geht es weiter.');
    expect(update(update(s, { type: 'resume' }), w(id, { type: 'held' })).run!.held).toBe(false); // a late "held" after resuming changes nothing
  });

  it('pauses before the first batch while loading and resumes into loading', () => {
    let s = run(initialState, start(CONFIG), { type: 'pause' });
    expect(viewOf(s).status).toBe('Pausiere: Die Vorbereitung läuft zu Ende, das Training beginnt erst nach „Fortsetzen“.');
    s = update(s, w(s.run!.id, { type: 'phase', phase: 'building' }));
    expect(viewOf(s).state).toBe('paused');
    expect(viewOf(update(s, w(s.run!.id, { type: 'held' }))).status).toBe('Pausiert vor dem ersten Batch. Mit „Fortsetzen“ geht es weiter.');
    expect(update(s, { type: 'resume' }).mode).toBe('loading');
  });

  it('after a finished run lets the reader change settings and start a new run, with "1 Epoche"', () => {
    const s = finishedRun();
    const v = viewOf(s);
    expect(v.status).toBe('Training fertig nach 1 Epoche. Du kannst die Einstellungen ändern und neu starten.');
    expect(v.disabled).toEqual({ start: false, pause: true, stop: true, reset: false });
    expect(v.settingsDisabled).toBe(false);
    expect(v.focus).toBe('start');
    const next = update(s, start({ ...CONFIG, epochs: 3 }));
    expect(next.run!.id).toBe(s.run!.id + 1);
    expect(viewOf(next)).toMatchObject({ state: 'loading', results: null, epoch: '0', settingsDisabled: true });
    expect(viewOf(next).run!.rows).toEqual([]);
    expect(viewOf(finishedRun(initialState, CONFIG)).status).toMatch(/^Training fertig nach 1 Epoche\./); // 1 of 2 epochs reported
  });

  it('says honestly which batches still run after Stopp, and where it stopped, without time left', () => {
    let s = update(initialState, start(CONFIG));
    const id = s.run!.id;
    s = run(s, batch(id, 1, 1), { type: 'stop' });
    expect(viewOf(s)).toMatchObject({
      state: 'stopping',
      status: 'Stoppe: Die schon gestarteten Batches (höchstens zwei) rechnen noch zu Ende, danach beginnt keiner mehr …',
      focus: 'status',
    });
    expect(viewOf(s).disabled).toEqual({ start: true, pause: true, stop: true, reset: false });
    expect(update(s, { type: 'pause' })).toBe(s);
    s = run(s, batch(id, 1, 2));
    expect(viewOf(s).run!.progressLine).not.toMatch(/noch|it\/s/);
    s = update(s, w(id, { type: 'done', stopped: true, evaluation: null }));
    expect(viewOf(s)).toMatchObject({ state: 'done', status: 'Gestoppt in Epoche 1 nach Batch 2 von 2; keine Epoche ist ganz fertig. Du kannst die Einstellungen ändern und neu starten.', results: null });
    expect(viewOf(s).run!.progressLine).toBe('gestoppt bei Epoche 1/2 · Batch 2/2 · Verlust 0,700 (Mittel 0,690) · Genauigkeit 50,0\u00a0%');
    const before = run(update(initialState, start(CONFIG)), { type: 'stop' }, w(1, { type: 'done', stopped: true, evaluation: null }));
    expect(viewOf(before).status).toBe('Gestoppt, bevor der erste Batch fertig war. Du kannst die Einstellungen ändern und neu starten.');
  });

  it('never calls a run stopped in its last epoch finished, and leaves no stale progress beside the result', () => {
    let s = update(initialState, start(CONFIG)); // 2 epochs of 2 batches
    const id = s.run!.id;
    s = run(s, batch(id, 1, 1), batch(id, 1, 2), w(id, { type: 'epoch', metrics: metrics(1) }), batch(id, 2, 1), { type: 'stop' });
    s = run(s, w(id, { type: 'done', stopped: true, evaluation }));
    const v = viewOf(s);
    expect(v.status).toBe('Gestoppt in Epoche 2 nach Batch 1 von 2; 1 Epoche ist ganz fertig. Du kannst die Einstellungen ändern und neu starten.');
    expect(v.status).not.toMatch(/fertig nach/);
    expect(v.run!.progressLine).toMatch(/^gestoppt bei Epoche 2\/2 · Batch 1\/2 · Verlust/);
  });

  it('on a GPU failure says why, and both reset and a new start recover', () => {
    let s = update(initialState, start(CONFIG));
    s = run(s, batch(s.run!.id, 1, 1), w(s.run!.id, { type: 'error', kind: 'device-lost', message: 'lost' }));
    expect(viewOf(s).error).toMatch(/^Die Grafikkarte ist nicht mehr erreichbar/);
    expect(viewOf(s).disabled.start).toBe(false);
    expect(viewOf(update(s, { type: 'reset' })).error).toBe('');
    const again = update(s, start(CONFIG));
    expect(viewOf(again)).toMatchObject({ state: 'loading', error: '' });
    const other = run(initialState, start(CONFIG), w(1, { type: 'error', kind: 'other', message: 'kaputt' }));
    expect(viewOf(other).error).toBe('Das Training ist abgebrochen: Meldung des Programms (unübersetzt): „kaputt“. Mit „Zurücksetzen“ oder „Training starten“ beginnst du neu.');
    const diverged = run(initialState, start(CONFIG), w(1, { type: 'error', kind: 'other', message: 'loss is NaN: training diverged (try a smaller learning rate)' }));
    expect(viewOf(diverged).error).toBe(
      'Das Training ist abgebrochen: Der Verlust ist nicht mehr endlich, das Training ist divergiert; eine kleinere Lernrate hilft meist. Mit „Zurücksetzen“ oder „Training starten“ beginnst du neu.',
    );
  });

  it('refuses an invalid configuration in German and stays idle', () => {
    const s = update(initialState, { type: 'config-invalid', message: 'demo-size=17 (erlaubt: 16, 32, 64, 128, 224)' });
    expect(viewOf(s)).toMatchObject({ state: 'idle', error: 'Ungültige Einstellung: demo-size=17 (erlaubt: 16, 32, 64, 128, 224)' });
    expect(update(s, start(CONFIG)).configError).toBeNull();
  });

  it('says when the data holds fewer images than asked for', () => {
    const config = { ...CONFIG, cropSize: 224, perClass: 40 };
    let s = update(initialState, start(config));
    s = update(s, w(1, { type: 'data', counts: { classes: ['a', 'b'], train: 32, val: 8, trainCounts: [16, 16], valCounts: [4, 4] } }));
    expect(viewOf(s).dataNote).toBe('Bei 224 × 224 gibt es nur 16 statt 40 Trainingsbilder pro Klasse; trainiert wird mit 32 Trainings- und 8 Validierungsbildern.');
    expect(viewOf(finishedRun()).dataNote).toBeNull();
  });

  it('marks examples right and wrong and says that predictions are among the trained classes', () => {
    const r = viewOf(finishedRun()).results!;
    expect(r.examples.map((e) => [e.right, e.text])).toEqual([
      [true, '✓ richtig erkannt – Klasse: airplanes. Vorhersage: airplanes 90,0\u00a0% · Motorbikes 10,0\u00a0%'],
      [false, '✗ falsch erkannt – Klasse: Motorbikes. Vorhersage: airplanes 83,2\u00a0% · Motorbikes 16,8\u00a0%'],
    ]);
    expect(r.knownClasses).toMatch(/^Das Modell kennt nur die Klassen, auf denen es trainiert wurde: airplanes, Motorbikes\. Jedes Bild – auch eines, das keine davon zeigt/);
    expect(r.rows).toEqual([
      { name: 'airplanes', cells: ['2', '0'], accuracy: '100,0\u00a0%' },
      { name: 'Motorbikes', cells: ['1', '1'], accuracy: '50,0\u00a0%' },
    ]);
  });

  it('gives the right reason for a refused own image', () => {
    const s = finishedRun();
    const id = s.run!.id;
    expect(viewOf(s).results).toMatchObject({ own: '', ownFile: null, ownSeen: null });
    const big = update(s, { type: 'own-image-rejected', run: id, name: 'riesig.jpg', code: 'too-large', width: 8000, height: 6000 });
    expect(viewOf(big).results!.own).toBe('„riesig.jpg“: Das Bild ist mit 8.000 × 6.000 Pixeln zu groß (höchstens 40 Megapixel). Verkleinere es bitte vorher.');
    expect(viewOf(big).results).toMatchObject({ ownFile: 'riesig.jpg', ownSeen: null });
    const text = update(s, { type: 'own-image-rejected', run: id, name: 'notiz.txt', code: 'not-an-image' });
    expect(viewOf(text).results!.own).toMatch(/^„notiz\.txt“: Diese Datei ist kein Bild/);
    const pending = update(s, { type: 'own-image', run: id, name: 'katze.png', image: IMAGE });
    expect(viewOf(pending).results).toMatchObject({ own: '„katze.png“ wird klassifiziert …', ownFile: 'katze.png', ownSeen: null });
    expect(viewOf(update(pending, w(id, { type: 'error', kind: 'other', message: 'HTTP 404' }))).results!.own).toBe('Die Vorhersage für „katze.png“ ist fehlgeschlagen: Eine Bilddatei ließ sich nicht laden (HTTP-Status 404)');
  });

  it('looks inside the model for a chosen image: pending, then shown, announced in German; only one request at a time', () => {
    const s = finishedRun();
    const id = s.run!.id;
    const inspect = viewOf(s).results!.inspect;
    expect(inspect.options).toEqual([
      { value: 'example-0', label: 'Validierungsbild 1: airplanes', disabled: false },
      { value: 'example-1', label: 'Validierungsbild 2: Motorbikes', disabled: false },
      { value: 'own', label: 'Dein eigenes Bild (erst klassifizieren)', disabled: true },
    ]);
    expect([inspect.status, inspect.figures, inspect.busy]).toEqual(['', null, false]);
    // The own image is not classified yet, an example beyond the list does not exist: nothing happens.
    expect(update(s, { type: 'inspect', run: id, source: { kind: 'own' } })).toBe(s);
    expect(update(s, { type: 'inspect', run: id, source: { kind: 'example', index: 2 } })).toBe(s);
    expect(update(s, { type: 'inspect', run: id + 1, source: { kind: 'example', index: 0 } })).toBe(s);
    const pending = update(s, { type: 'inspect', run: id, source: { kind: 'example', index: 1 } });
    expect(viewOf(pending).results!.inspect).toMatchObject({ busy: true, selected: 'example-1', status: 'Rechne Filter, Merkmalskarten und Saliency-Karte für Validierungsbild 2: Motorbikes …' });
    expect(update(pending, { type: 'inspect', run: id, source: { kind: 'example', index: 0 } })).toBe(pending);
    const inspection = {
      filters: { layer: 'conv1', count: 32, size: 3, channels: 3, values: new Float32Array(32 * 27), min: 0, max: 0 },
      featureMaps: [
        { layer: 'conv1', count: 32, height: 16, width: 16, values: new Float32Array(32 * 256) },
        { layer: 'conv2', count: 64, height: 8, width: 8, values: new Float32Array(64 * 64) },
      ],
      saliency: { classIndex: 0, height: 16, width: 16, values: new Float32Array(256) },
      probabilities: Float32Array.from([0.8, 0.2]),
    };
    const image = { width: 16, height: 16, data: new Uint8ClampedArray(16 * 16 * 4) };
    // A reply for another image than the one asked for is not shown.
    expect(update(pending, w(id, { type: 'inspection', source: { kind: 'example', index: 0 }, image, inspection }))).toBe(pending);
    const ready = update(pending, w(id, { type: 'inspection', source: { kind: 'example', index: 1 }, image, inspection }));
    const view = viewOf(ready).results!.inspect;
    expect(view.busy).toBe(false);
    expect(view.status).toBe(
      'Blick ins Modell für Validierungsbild 2: Motorbikes: vorhergesagt airplanes (80,0\u00a0%). Angezeigt werden 32 Filter von conv1, 32 Merkmalskarten von conv1, 64 von conv2 und die Saliency-Karte.',
    );
    expect(view.figures).toEqual({
      input: 'Das Eingabebild, wie das Modell es sieht (16 × 16 Pixel)',
      saliency: 'Saliency-Karte für airplanes: Je heller ein Pixel, desto stärker ändert es das Logit dieser Klasse.',
      filters: 'Die 32 Filter von conv1, je 3 × 3 Gewichte in Rot, Grün und Blau (eine gemeinsame Skala: Grau ist das Gewicht 0)',
      maps: [
        'Die 32 Merkmalskarten von conv1 für dieses Bild, je 16 × 16 (hell: starke Antwort; jede Karte für sich skaliert)',
        'Die 64 Merkmalskarten von conv2 für dieses Bild, je 8 × 8 (hell: starke Antwort; jede Karte für sich skaliert)',
      ],
    });
    // After the own image is classified, it can be chosen; a failure is said and the results stay.
    const own = run(ready, { type: 'own-image', run: id, name: 'x.png', image: IMAGE }, w(id, { type: 'prediction', ranked: [{ label: 1, p: 0.6 }], seen: SEEN }));
    expect(viewOf(own).results!.inspect.options[2]).toEqual({ value: 'own', label: 'Dein eigenes Bild', disabled: false });
    const asked = update(own, { type: 'inspect', run: id, source: { kind: 'own' } });
    expect(viewOf(asked).results!.inspect.status).toBe('Rechne Filter, Merkmalskarten und Saliency-Karte für dein eigenes Bild …');
    const failed = update(asked, w(id, { type: 'error', kind: 'other', message: 'no example image number 3' }));
    expect(viewOf(failed).results!.inspect.status).toBe('Der Blick ins Modell ist fehlgeschlagen: Es gibt kein Beispielbild Nummer 3');
    expect(failed.mode).toBe('done');
    // A reset forgets it.
    expect(update(failed, { type: 'reset' }).run).toBeNull();
  });

  it('adds a training point after every batch and a validation point after every epoch', () => {
    const c = viewOf(finishedRun(initialState, CONFIG)).run!.curves;
    expect(c.loss).toEqual([
      { epoch: 0.5, value: 0.69, series: 'Training' },
      { epoch: 1, value: 0.69, series: 'Training' },
      { epoch: 1, value: 0.68, series: 'Validierung' },
    ]);
    expect(c.accuracy.map((p) => p.value)).toEqual([0.5, 0.5, 0.75]);
  });

  it('before the first batch says which stage and which batch runs, with an indeterminate bar, in German (CPU: why it takes long)', () => {
    let s = update(initialState, start(CONFIG));
    const id = s.run!.id;
    expect(viewOf(s).run!.progress).toBeNull(); // loading: working, not countable in batches yet
    s = run(s, w(id, { type: 'backend', name: 'cpu', notes: [{ kind: 'forced', backend: 'cpu' }], kernels: null }), w(id, { type: 'phase', phase: 'images' }));
    expect(viewOf(s).status).toBe('Lade die Bilder …');
    s = run(s, w(id, { type: 'data', counts: { classes: ['a', 'b'], train: 200, val: 50, trainCounts: [100, 100], valCounts: [25, 25] } }), w(id, { type: 'phase', phase: 'building' }));
    expect(viewOf(s).status).toBe('200 Trainings- und 50 Validierungsbilder geladen; baue SimpleCNN …');
    s = update(s, w(id, { type: 'phase', phase: 'first-batches', batch: 1, batches: 7 }));
    // Not understated: no "einige Sekunden" before anything is measured; the counter beside the status runs.
    expect(viewOf(s).status).toBe('SimpleCNN ist gebaut. Rechne Batch 1 von 7 der ersten Epoche auf dem Prozessor: Das ist langsam – je nach Bildgröße und Klassenzahl dauert ein Batch Sekunden bis über eine halbe Minute; Verlust und Tempo erscheinen erst nach dem zweiten …');
    const first = viewOf(s).waiting;
    expect(first).not.toBeNull();
    s = update(s, w(id, { type: 'phase', phase: 'first-batches', batch: 2, batches: 7, ms: 26_420 }));
    expect(viewOf(s).status).toBe('SimpleCNN ist gebaut. Rechne Batch 2 von 7 der ersten Epoche auf dem Prozessor (Batch 1 hat 26,4 s gedauert); Verlust und Tempo erscheinen erst nach dem zweiten …');
    expect(viewOf(s).waiting).not.toBe(first); // a new batch: the counter starts again
    expect(viewOf(s).waiting).not.toBeNull();
    expect(elapsedText(12_900)).toBe('seit 12 s');
    expect(viewOf(s).run!.progress).toBeNull();
    s = update(s, batch(id, 1, 1, 7));
    expect(viewOf(s)).toMatchObject({ status: 'Training läuft: Epoche 1 von 2.', run: { progress: 1 / 14 }, waiting: null });
    // On a GPU backend the same stage without the CPU's excuse.
    const other = update(initialState, start(CONFIG));
    const gid = other.run!.id;
    const gpu = run(other, w(gid, { type: 'backend', name: 'webgpu', notes: [], kernels: 'fast' }), w(gid, { type: 'phase', phase: 'first-batches', batch: 1, batches: 3 }));
    expect(viewOf(gpu).status).toBe('SimpleCNN ist gebaut. Rechne Batch 1 von 3 der ersten Epoche; Verlust und Tempo erscheinen, sobald der nächste Batch angelaufen ist …');
    // Stopped before any batch: the bar is empty, not indeterminate.
    expect(viewOf(run(gpu, { type: 'stop' }, w(gid, { type: 'done', stopped: true, evaluation: null }))).run!.progress).toBe(0);
  });

  it('reports progress, rate and remaining time from the batch times', () => {
    let s = update(initialState, start(CONFIG));
    s = run(s, batch(1, 1, 1, 2, 1000));
    expect(viewOf(s).run!.progressLine).toBe('Epoche 1/2 · Batch 1/2 · – Batches/s · Verlust 0,700 (Mittel 0,690) · Genauigkeit 50,0\u00a0%');
    s = update(s, batch(1, 1, 2, 2, 500));
    expect(viewOf(s).run!.progress).toBe(0.5);
    expect(viewOf(s).run!.progressLine).toBe('Epoche 1/2 · Batch 2/2 · 2,00 Batches/s · noch 0:01 · Verlust 0,700 (Mittel 0,690) · Genauigkeit 50,0\u00a0%');
  });

  it('moves focus off disabled controls to Pause while a run goes on, never to something that aborts it', () => {
    const loading = update(initialState, start(CONFIG));
    const v = viewOf(loading);
    expect(v.focus).toBe('pause');
    expect(v.disabled.pause).toBe(false); // Pause works while loading, so it can take the focus
    expect(viewOf(update(loading, { type: 'pause' })).focus).toBe('pause');
    expect(viewOf(initialState).focus).toBe('start');
  });

  it('counts a run as under way (leaving asks first) from start to its end', () => {
    const s = update(initialState, start(CONFIG));
    expect(isBusy(s.mode)).toBe(true);
    expect(isBusy(update(s, { type: 'pause' }).mode)).toBe(true);
    expect(isBusy(finishedRun().mode)).toBe(false);
    expect(isBusy(initialState.mode)).toBe(false);
  });

  it('explains the backend: software WebGPU measured against WebGL, or a forced one', () => {
    let s = update(initialState, start(CONFIG));
    s = update(s, w(1, { type: 'backend', name: 'webgl', notes: [{ kind: 'software-adapter', ms: { webgpu: 2880, webgl: 231.4 } }], kernels: null }));
    expect(viewOf(s).backendNote).toBe(
      'Das Training läuft mit WebGL statt mit WebGPU. WebGPU läuft hier ohne Grafikkarte, in Software. Gemessen pro Trainingsschritt: WebGPU 2.880 ms, WebGL 231 ms; genommen wird das schnellere WebGL.',
    );
    expect(viewOf(s).backend).toBe('webgl');
    const cpu = update(update(initialState, start(CONFIG)), w(1, { type: 'backend', name: 'cpu', notes: [{ kind: 'forced', backend: 'cpu' }], kernels: null }));
    expect(viewOf(cpu).backendNote).toBe(
      'Das Training läuft mit CPU (JavaScript) statt mit WebGPU. Auf dem Prozessor ist das Training deutlich langsamer als auf einer Grafikkarte. Das Backend CPU (JavaScript) ist per URL-Parameter demo-backend festgelegt.',
    );
    expect(viewOf(finishedRun()).backendNote).toBeNull();
  });
});
