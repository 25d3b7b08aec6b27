/**
 * <model-loader>: glue for model-loader-state.ts. Turns the file input, drops, the own-image input
 * and the look-inside button into events, reads the file in chunks for the progress bar, carries the
 * effects out (the worker, model-loader-worker.ts, is started with the first file: TensorFlow.js
 * lives only there) and draws `viewLoader(state)` (model-loader-view.ts); the pictures of a look
 * inside are drawn by the training demo's training-draw-inspect.ts.
 */
import { decodeImageBlob } from '../../lib/transforms/decode-browser';
import { showChosenFile } from './file-pick';
import { initialLoader, updateLoader, type FromLoaderWorker, type LoaderEvent, type LoaderState } from './model-loader-state';
import { viewLoader, type EvaluationView } from './model-loader-view';
import { canvasOf, drawInspection } from './training-draw-inspect';
import { parseSourceValue } from './training-view-results';
import type { EvaluationExample } from '../../lib/train/demo-data';

/** Reads `file` chunk by chunk, reporting the bytes read so far. */
async function readWithProgress(file: File, onProgress: (loaded: number) => void): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let at = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    out.set(r.value, at);
    at += r.value.length;
    onProgress(at);
  }
  return out;
}

const item = (doc: Document, text: string) => Object.assign(doc.createElement('li'), { textContent: text });

/** The grid of validation images: each as the model saw it, framed green (right) or red (wrong), with its text. */
function drawGrid(el: HTMLElement, view: EvaluationView, examples: EvaluationExample[]) {
  const doc = el.ownerDocument;
  el.setAttribute('aria-label', view.gridLabel);
  el.replaceChildren(
    ...view.cells.map((cell, k) => {
      const li = item(doc, '');
      li.dataset.verdict = cell.right ? 'right' : 'wrong';
      const canvas = canvasOf(doc, examples[k]);
      canvas.removeAttribute('aria-hidden');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', cell.text);
      li.append(canvas, Object.assign(doc.createElement('p'), { textContent: cell.text }));
      return li;
    }),
  );
}

class ModelLoader extends HTMLElement {
  connectedCallback() {
    const $ = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;
    const fileInput = $<HTMLInputElement>('input[name="model"]');
    const ownInput = $<HTMLInputElement>('input[name="own"]');
    let state: LoaderState = initialLoader;
    let file: File | null = null;
    let worker: Worker | null = null;
    let drawnEvaluation: unknown = null;
    let drawnInspection: unknown = null;
    const inspectSelect = $<HTMLSelectElement>('select[name="inspect-image"]');
    const inspectButton = $<HTMLButtonElement>('button[data-action="inspect"]');
    const render = () => {
      const v = viewLoader(state);
      this.dataset.state = state.phase;
      $('.status').textContent = v.status;
      const bar = $<HTMLProgressElement>('progress');
      bar.hidden = v.progress === null;
      bar.value = v.progress ?? 0;
      $('.problems').replaceChildren(...v.problems.map((p) => Object.assign(document.createElement('li'), { textContent: p })));
      $('.about').textContent = v.about;
      const check = $<HTMLElement>('.check');
      check.textContent = v.check;
      $<HTMLElement>('.check-details').hidden = !v.check;
      check.dataset.logits = state.phase === 'ready' ? JSON.stringify(state.checkLogits) : '';
      $('.own-result').textContent = v.own;
      ownInput.disabled = !v.ready;
      const evaluationEl = $<HTMLElement>('.evaluation');
      evaluationEl.hidden = !v.evaluation;
      const ev = state.phase === 'ready' ? state.evaluation : null;
      if (v.evaluation) $('.eval-status').textContent = v.evaluation.status;
      if (v.evaluation && ev !== drawnEvaluation && ev?.state !== 'pending') {
        drawnEvaluation = ev;
        $('.eval-status').textContent = v.evaluation.status;
        // The page's verdict per image, for tests and the curious: [class/file, true, predicted].
        evaluationEl.dataset.verdicts = ev?.state === 'ready' ? JSON.stringify(ev.evaluation.images.map((i) => [i.source, i.label, i.predicted])) : '';
        drawGrid($('.examples'), v.evaluation, ev?.state === 'ready' ? ev.examples : []);
        $('.per-class').replaceChildren(...v.evaluation.perClass.map((line) => item(document, line)));
        $('.confused').replaceChildren(...v.evaluation.confused.map((line) => item(document, line)));
      }
      const inspectEl = $<HTMLElement>('.inspect');
      inspectEl.hidden = !v.inspect;
      if (v.inspect) {
        const options = v.inspect.options.map((o) => Object.assign(document.createElement('option'), { value: o.value, textContent: o.label, disabled: o.disabled }));
        const keep = inspectSelect.value;
        if (inspectSelect.options.length !== options.length || [...inspectSelect.options].some((o, k) => o.textContent !== options[k].textContent || o.disabled !== options[k].disabled)) {
          inspectSelect.replaceChildren(...options);
          inspectSelect.value = options.some((o) => o.value === keep && !o.disabled) ? keep : v.inspect.selected;
        }
        inspectButton.disabled = v.inspect.busy;
        $('.inspect-status').textContent = v.inspect.status;
        const i = state.phase === 'ready' ? state.inspection : null;
        if (i !== drawnInspection) {
          drawnInspection = i;
          const out = $<HTMLElement>('.inspect-output');
          if (i?.state === 'ready' && v.inspect.figures) drawInspection(out, v.inspect.figures, i);
          else if (i?.state !== 'pending') out.replaceChildren();
        }
      }
    };
    const dispatch = (event: LoaderEvent) => {
      const result = updateLoader(state, event);
      state = result.state;
      for (const effect of result.effects) {
        if (effect.type === 'read-file' && file) {
          readWithProgress(file, (loaded) => dispatch({ type: 'progress', loaded })).then(
            (bytes) => dispatch({ type: 'read', bytes }),
            (error: Error) => dispatch({ type: 'read-failed', message: error.message }),
          );
        } else if (effect.type === 'post') {
          if (!worker) {
            worker = new Worker(new URL('./model-loader-worker.ts', import.meta.url), { type: 'module', name: 'model-loader' });
            worker.onmessage = (e: MessageEvent<FromLoaderWorker>) => dispatch({ type: 'worker', message: e.data });
            worker.onerror = (e) => dispatch({ type: 'worker', message: { type: 'error', message: e.message || 'Worker-Fehler' } });
          }
          worker.postMessage(effect.message, effect.transfer ?? []);
        }
      }
      render();
    };
    const choose = (f: File | undefined) => {
      if (!f) return;
      file = f;
      showChosenFile(fileInput, f.name); // also for a dropped file
      const deviceMemoryGiB = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
      dispatch({ type: 'file', name: f.name, size: f.size, assetsUrl: new URL(this.dataset.assets!, location.href).href, deviceMemoryGiB });
    };
    fileInput.addEventListener('change', () => choose(fileInput.files?.[0]));
    this.addEventListener('dragover', (e) => e.preventDefault());
    this.addEventListener('drop', (e) => {
      e.preventDefault();
      choose(e.dataTransfer?.files[0]);
    });
    ownInput.addEventListener('change', async () => {
      const f = ownInput.files?.[0];
      ownInput.value = '';
      if (f) showChosenFile(ownInput, f.name);
      if (f) dispatch({ type: 'own-image', image: (await decodeImageBlob(f)).image });
    });
    inspectButton.addEventListener('click', () => {
      const source = parseSourceValue(inspectSelect.value);
      if (source) dispatch({ type: 'inspect', source });
    });
    render();
  }
}

if (!customElements.get('model-loader')) customElements.define('model-loader', ModelLoader);
