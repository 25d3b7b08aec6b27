/**
 * <model-loader>: glue for model-loader-state.ts. Turns the file input, drops and the own-image
 * input into events, reads the file in chunks for the progress bar, carries the effects out (the
 * worker, model-loader-worker.ts, is started with the first file: TensorFlow.js lives only there)
 * and draws `viewLoader(state)`.
 */
import { decodeImageBlob } from '../../lib/transforms/decode-browser';
import { showChosenFile } from './file-pick';
import { initialLoader, updateLoader, viewLoader, type FromLoaderWorker, type LoaderEvent, type LoaderState } from './model-loader-state';

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

class ModelLoader extends HTMLElement {
  connectedCallback() {
    const $ = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;
    const fileInput = $<HTMLInputElement>('input[name="model"]');
    const ownInput = $<HTMLInputElement>('input[name="own"]');
    let state: LoaderState = initialLoader;
    let file: File | null = null;
    let worker: Worker | null = null;
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
      check.dataset.logits = state.phase === 'ready' ? JSON.stringify(state.checkLogits) : '';
      $('.own-result').textContent = v.own;
      ownInput.disabled = !v.ready;
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
      dispatch({ type: 'file', name: f.name, size: f.size });
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
    render();
  }
}

if (!customElements.get('model-loader')) customElements.define('model-loader', ModelLoader);
