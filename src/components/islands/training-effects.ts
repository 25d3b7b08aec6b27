/**
 * Carries out the training island's effects (training-state.ts): start, message or end the
 * worker, download a file, remember or forget the measured backend. The only place that holds
 * the worker.
 */
import { de } from './de';
import type { FromWorker } from './training-protocol';
import type { Effect, Message } from './training-state';

/** Where the measured backend choice is kept: a localStorage key for this adapter and browser, or null (no storage, no WebGPU). */
export type BackendStore = { key: string; storage: Storage } | null;

/** A function that carries out one effect; the worker's reports go to `dispatch`. */
export function effectRunner(dispatch: (message: Message) => void, store: BackendStore): (effect: Effect) => void {
  let worker: Worker | null = null;
  return (effect) => {
    if (effect.type === 'terminate' || effect.type === 'spawn') {
      worker?.terminate();
      worker = null;
    }
    if (effect.type === 'spawn') {
      const report = (message: FromWorker) => dispatch({ type: 'worker', run: effect.run, message });
      worker = new Worker(new URL('./training-worker.ts', import.meta.url), { type: 'module', name: 'training' });
      worker.onmessage = (e: MessageEvent<FromWorker>) => {
        if (e.data.type === 'log') console.warn(`[training worker] ${e.data.message}`);
        report(e.data);
      };
      worker.onerror = (e) => report({ type: 'error', kind: 'other', message: e.message || de.training.error.worker });
      worker.postMessage(effect.start);
    } else if (effect.type === 'post') worker?.postMessage(effect.message);
    else if (effect.type === 'download') {
      const url = URL.createObjectURL(new Blob(['text' in effect ? effect.text : (effect.bytes as Uint8Array<ArrayBuffer>)], { type: effect.mime }));
      Object.assign(document.createElement('a'), { href: url, download: effect.filename }).click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } else if (effect.type === 'remember-backend') store?.storage.setItem(store.key, JSON.stringify(effect.choice));
    else if (effect.type === 'forget-backend') store?.storage.removeItem(store.key);
  };
}
