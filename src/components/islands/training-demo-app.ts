/**
 * The training island's behaviour (loaded on "Training starten"): reads the configuration from
 * the form (or the URL parameters demo-classes, demo-per-class, demo-size, demo-epochs,
 * demo-batch, demo-backend, demo-kernels=stock for TensorFlow.js's own WebGPU kernels), runs the worker, and draws progress, curves and the evaluation.
 */
import { curvePoints, renderCurves } from '../../lib/plot/curves';
import { asSingleImage } from '../../lib/plot/a11y';
import { decodeImageBlob } from '../../lib/transforms/decode-browser';
import type { EpochMetrics } from '../../lib/train';
import type { DemoConfig, FromWorker, ToWorker } from './training-protocol';

const fmt = (v: number, digits = 3) => v.toFixed(digits).replace('.', ',');
const pct = (v: number) => `${(100 * v).toFixed(1).replace('.', ',')} %`;
const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const BACKEND_NAMES: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU (JavaScript)' };

/** The configuration: URL parameters win over the form (tests choose tiny runs this way). */
function readConfig(root: HTMLElement): { config: DemoConfig; backends: string[]; simulate?: string; kernels: 'fast' | 'stock' } {
  const q = new URLSearchParams(location.search);
  const form = (name: string) => root.querySelector<HTMLSelectElement>(`select[name="${name}"]`)!.value;
  const num = (param: string, fallback: string) => Number(q.get(param) ?? fallback);
  const config: DemoConfig = {
    classes: num('demo-classes', form('classes')),
    perClass: num('demo-per-class', form('perClass')),
    cropSize: num('demo-size', form('size')),
    epochs: num('demo-epochs', form('epochs')),
    batchSize: num('demo-batch', form('batch')),
    learningRate: Number(form('lr')),
    recipe: (root.querySelector<HTMLInputElement>('input[name="recipe"]:checked')?.value ?? 'corrected') as DemoConfig['recipe'],
    seed: 0,
  };
  const allowed = { classes: [2, 3, 4, 5, 6, 7, 8, 9, 10], cropSize: [16, 32, 64, 128, 224] };
  if (!allowed.classes.includes(config.classes)) throw new Error(`demo-classes=${config.classes} (erlaubt: 2 … 10)`);
  if (!allowed.cropSize.includes(config.cropSize)) throw new Error(`demo-size=${config.cropSize} (erlaubt: ${allowed.cropSize.join(', ')})`);
  if (!(config.perClass >= 1 && config.perClass <= 40)) throw new Error(`demo-per-class=${config.perClass} (erlaubt: 1 … 40)`);
  if (!(config.epochs >= 1 && config.epochs <= 100)) throw new Error(`demo-epochs=${config.epochs} (erlaubt: 1 … 100)`);
  if (!(config.batchSize >= 1 && config.batchSize <= 256)) throw new Error(`demo-batch=${config.batchSize} (erlaubt: 1 … 256)`);
  const backends = (q.get('demo-backend') ?? 'webgpu,webgl,cpu').split(',').filter((b) => b in BACKEND_NAMES);
  const kernels = q.get('demo-kernels') ?? 'fast';
  if (kernels !== 'fast' && kernels !== 'stock') throw new Error(`demo-kernels=${kernels} (erlaubt: fast, stock)`);
  return { config, backends, simulate: q.get('demo-simulate') ?? undefined, kernels };
}

/** Takes over a server-rendered <training-demo>. */
export function startTrainingDemo(root: HTMLElement): void {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const buttons = {
    start: $<HTMLButtonElement>('[data-action="start"]'),
    pause: $<HTMLButtonElement>('[data-action="pause"]'),
    stop: $<HTMLButtonElement>('[data-action="stop"]'),
    reset: $<HTMLButtonElement>('[data-action="reset"]'),
  };
  const status = $<HTMLElement>('.status');
  const alert = $<HTMLElement>('.error');
  const backendNote = $<HTMLElement>('.backend-note');
  let worker: Worker | null = null;
  let history: EpochMetrics[] = [];
  let config: DemoConfig;
  let started = 0;
  let batchesDone = 0;

  const setState = (state: string) => {
    root.dataset.state = state;
    buttons.start.disabled = state !== 'idle';
    buttons.pause.disabled = state !== 'running' && state !== 'paused';
    buttons.pause.textContent = state === 'paused' ? 'Fortsetzen' : 'Pause';
    buttons.stop.disabled = state !== 'running' && state !== 'paused';
    buttons.reset.disabled = state === 'idle';
    root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('form select, form input').forEach((el) => (el.disabled = state !== 'idle'));
  };

  const drawCharts = () => {
    const charts = $<HTMLElement>('.charts');
    charts.replaceChildren(
      ...(['loss', 'accuracy'] as const).map((metric) => {
        const figure = document.createElement('figure');
        const label = `${metric === 'loss' ? 'Loss' : 'Accuracy'} pro Epoche für Training und Validierung`;
        const svg = asSingleImage(renderCurves({ document, points: curvePoints(history, metric), metric, epochs: config.epochs }), label);
        const caption = document.createElement('figcaption');
        caption.textContent = `${label} (blau: Training, rot: Validierung)`;
        figure.append(svg, caption);
        return figure;
      }),
    );
  };

  const onMessage = (m: FromWorker) => {
    switch (m.type) {
      case 'backend':
        root.dataset.backend = m.name;
        if (m.kernels) root.dataset.kernels = m.kernels;
        if (m.name !== 'webgpu') {
          backendNote.hidden = false;
          backendNote.textContent = `Hinweis: Das Training läuft mit ${BACKEND_NAMES[m.name]} statt mit WebGPU und ist daher langsamer. ${m.notes.join(' ')}`;
        }
        status.textContent = `Backend: ${BACKEND_NAMES[m.name]}${m.kernels === 'fast' ? ' mit den eigenen Kernels dieses Tutorials' : m.kernels === 'stock' ? ' mit den Standard-Kernels von TensorFlow.js' : ''}.`;
        break;
      case 'status':
        status.textContent = m.text;
        break;
      case 'batch': {
        if (root.dataset.state === 'loading') setState('running');
        const p = m.progress;
        batchesDone++;
        if (batchesDone === 1) started = performance.now();
        const total = p.batches * config.epochs;
        // The first batch compiles the shaders; rates count from its end.
        const elapsed = (performance.now() - started) / 1000;
        const rate = batchesDone > 1 && elapsed > 0 ? (batchesDone - 1) / elapsed : 0;
        $<HTMLProgressElement>('progress').value = batchesDone / total;
        $<HTMLElement>('.progress-line').textContent =
          `Epoche ${p.epoch}/${config.epochs} · Batch ${p.batch}/${p.batches} · ${rate ? `${fmt(rate, 2)} it/s · noch ${clock((total - batchesDone) / rate)}` : '– it/s'} · Loss ${fmt(p.loss)} (Mittel ${fmt(p.meanLoss)}) · Accuracy ${pct(p.accuracy)}`;
        $<HTMLElement>('.stats').textContent =
          `${Math.round(p.msPerBatch)} ms pro Batch · ${fmt((config.batchSize * 1000) / p.msPerBatch, 1)} Bilder/s · ${m.tensors} Tensoren · ${fmt(m.bytes / 2 ** 20, 1)} MiB Tensordaten`;
        break;
      }
      case 'epoch': {
        history.push(m.metrics);
        root.dataset.epoch = String(m.metrics.epoch);
        const e = m.metrics;
        const row = document.createElement('tr');
        for (const v of [String(e.epoch), fmt(e.trainLoss), fmt(e.trainLossLastBatch), pct(e.trainAccuracy), fmt(e.valLoss), pct(e.valAccuracy), fmt(e.seconds, 1), String(e.tensors)]) {
          const td = document.createElement('td');
          td.textContent = v;
          row.append(td);
        }
        $('.epochs tbody').append(row);
        drawCharts();
        status.textContent = `Epoche ${e.epoch} fertig: Validierungs-Accuracy ${pct(e.valAccuracy)}.`;
        break;
      }
      case 'done':
        showResults(m.evaluation);
        setState('done');
        status.textContent = m.stopped ? `Gestoppt nach ${history.length} Epoche(n).` : `Training fertig nach ${history.length} Epochen.`;
        break;
      case 'prediction':
        $<HTMLElement>('.own-result').textContent = `Vorhersage: ${m.top3.map((t) => `${m.classes[t.label]} ${pct(t.p)}`).join(' · ')}`;
        break;
      case 'error':
        setState('error');
        alert.textContent =
          m.kind === 'device-lost'
            ? 'Die Grafikkarte ist nicht mehr erreichbar (GPU-Gerät verloren). Mit „Zurücksetzen“ kannst du neu beginnen.'
            : m.kind === 'out-of-memory'
              ? 'Der Grafikspeicher reicht für diese Einstellung nicht. Wähle eine kleinere Eingabegröße oder Batchgröße und setze zurück.'
              : `Das Training ist abgebrochen: ${m.message}. Mit „Zurücksetzen“ kannst du neu beginnen.`;
        worker?.terminate();
        worker = null;
        break;
      case 'log':
        console.warn(`[Training-Worker] ${m.message}`);
        break;
    }
  };

  const showResults = (ev: Extract<FromWorker, { type: 'done' }>['evaluation']) => {
    const results = $<HTMLElement>('.results');
    results.hidden = false;
    const table = document.createElement('table');
    const caption = table.createCaption();
    caption.textContent = 'Konfusionsmatrix (Zeilen: richtige Klasse, Spalten: Vorhersage) und Accuracy pro Klasse';
    const head = table.createTHead().insertRow();
    head.append(...['richtig ↓ / vorhergesagt →', ...ev.classes, 'Accuracy'].map((t) => Object.assign(document.createElement('th'), { scope: 'col', textContent: t })));
    const body = table.createTBody();
    ev.confusion.forEach((row, i) => {
      const tr = body.insertRow();
      tr.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: ev.classes[i] }));
      row.forEach((n) => (tr.insertCell().textContent = String(n)));
      const total = row.reduce((a, b) => a + b, 0);
      tr.insertCell().textContent = total ? pct(row[i] / total) : '–';
    });
    $('.confusion').replaceChildren(table);
    $('.examples').replaceChildren(
      ...ev.examples.map((ex) => {
        const li = document.createElement('li');
        const canvas = document.createElement('canvas');
        canvas.width = ex.width;
        canvas.height = ex.height;
        canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(ex.data), ex.width, ex.height), 0, 0);
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Validierungsbild der Klasse ${ev.classes[ex.label]}`);
        const p = document.createElement('p');
        p.textContent = `richtig: ${ev.classes[ex.label]} – ${ex.top3.map((t) => `${ev.classes[t.label]} ${pct(t.p)}`).join(', ')}`;
        li.append(canvas, p);
        return li;
      }),
    );
  };

  const start = () => {
    alert.textContent = '';
    let backends: string[];
    let simulate: string | undefined;
    let kernels: 'fast' | 'stock';
    try {
      ({ config, backends, simulate, kernels } = readConfig(root));
    } catch (error) {
      alert.textContent = `Ungültige Einstellung: ${(error as Error).message}`;
      return;
    }
    history = [];
    batchesDone = 0;
    setState('loading');
    $<HTMLElement>('.run').hidden = false;
    status.textContent = 'Lade TensorFlow.js im Hintergrund …';
    worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'training' });
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => onMessage({ type: 'error', kind: 'other', message: e.message || 'Worker-Fehler' });
    const message: ToWorker = { type: 'start', config, assetsUrl: new URL(root.dataset.assets!, location.href).href, backends, simulate, kernels };
    worker.postMessage(message);
  };

  buttons.start.addEventListener('click', () => root.dataset.state === 'idle' && start());
  buttons.pause.addEventListener('click', () => {
    const paused = root.dataset.state === 'paused';
    worker?.postMessage({ type: paused ? 'resume' : 'pause' } satisfies ToWorker);
    setState(paused ? 'running' : 'paused');
    status.textContent = paused ? 'Training läuft weiter.' : 'Pausiert nach dem laufenden Batch.';
  });
  buttons.stop.addEventListener('click', () => {
    worker?.postMessage({ type: 'stop' } satisfies ToWorker);
    status.textContent = 'Stoppe nach dem laufenden Batch …';
    buttons.stop.disabled = true;
  });
  buttons.reset.addEventListener('click', () => {
    worker?.terminate();
    worker = null;
    history = [];
    root.dataset.epoch = '0';
    root.dataset.backend = '';
    $('.epochs tbody').replaceChildren();
    $('.charts').replaceChildren();
    $<HTMLElement>('.run').hidden = true;
    $<HTMLElement>('.results').hidden = true;
    backendNote.hidden = true;
    alert.textContent = '';
    status.textContent = 'Zurückgesetzt.';
    setState('idle');
  });
  $<HTMLInputElement>('input[name="own"]').addEventListener('change', async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file || !worker) return;
    try {
      const { image } = await decodeImageBlob(file);
      worker.postMessage({ type: 'predict', image } satisfies ToWorker);
    } catch {
      $<HTMLElement>('.own-result').textContent = 'Dieses Bild lässt sich nicht lesen. Bitte wähle ein PNG-, JPEG-, GIF-, WebP- oder BMP-Bild.';
    }
  });
  start();
}
