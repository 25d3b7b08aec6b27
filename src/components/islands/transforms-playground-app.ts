/**
 * The transforms playground's glue (loaded on "Demo starten" or on the reader's first choice):
 * DOM events become PlaygroundEvents, `update` decides, the effects are carried out here
 * (fetch, worker, timers) and the view is drawn. Behaviour: transforms-playground-state.ts.
 */
import type { ChainName } from '../../lib/transforms';
import { hasLink, noticesText, readLink } from '../../lib/demo/link-state';
import { playgroundLink, sampleId } from '../../lib/demo/link-specs';
import { addLinkBar, copyLink, linkOf, replaceLink } from './link-control';
import { showChosenFile } from './file-pick';
import { DE_LINKS } from './de-links';
import type { FromPlaygroundWorker } from './transforms-playground-protocol';
import { initialState, linkOfPlayground, update, type PlaygroundEffect, type PlaygroundEvent, type Sample } from './transforms-playground-state';
import { viewOf } from './transforms-playground-view';
import { renderPlayground } from './transforms-playground-render';

/** Sets the server-rendered controls to what the page's link says; returns its seed and its notices (none without a link). */
function restoreLink(root: HTMLElement, spec: ReturnType<typeof playgroundLink>) {
  if (!hasLink(spec, location.search)) return { disabled: null, seed: undefined, linkNotices: '' };
  const { values, notices } = readLink(spec, location.search);
  const select = root.querySelector<HTMLSelectElement>('select[name="sample"]')!;
  select.value = [...select.options].find((o) => sampleId(o.value) === values.image)!.value;
  root.querySelector<HTMLSelectElement>('select[name="size"]')!.value = String(values.size);
  root.querySelector<HTMLInputElement>(`input[name="recipe"][value="${values.recipe}"]`)!.checked = true;
  return { disabled: values.off, seed: values.seed, linkNotices: noticesText(spec.demo, notices) };
}

/** Takes over a server-rendered <transforms-playground>; `trigger` is the control whose change started it, if any (itself: opened from its link). */
export async function startPlayground(root: HTMLElement, trigger: Element | null): Promise<void> {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const sampleSelect = $<HTMLSelectElement>('select[name="sample"]');
  const upload = $<HTMLInputElement>('input[name="upload"]');
  const assets = new URL(root.dataset.assets!, location.href).href;
  const chosenSample = (): Sample => ({ file: sampleSelect.value, label: sampleSelect.selectedOptions[0].textContent!.trim() });
  const recipe = () => ($<HTMLInputElement>('input[name="recipe"]:checked').value as ChainName);
  const spec = playgroundLink([...sampleSelect.options].map((o) => sampleId(o.value)));
  const linked = restoreLink(root, spec);
  const disabled = linked.disabled ?? [...root.querySelectorAll<HTMLInputElement>('input[name="step"]')].filter((b) => !b.checked).map((b) => b.value);
  let state = initialState({ recipe: recipe(), cropSize: Number($<HTMLSelectElement>('select[name="size"]').value), disabled, sample: chosenSample(), seed: linked.seed, linkNotices: linked.linkNotices });
  // A link with garbage in it is replaced by the link of what the demo shows.
  if (trigger === root) replaceLink(spec, linkOfPlayground(state));
  const bar = addLinkBar(root, () => {
    const own = state.input?.source.kind === 'upload' ? DE_LINKS.ownImage(state.sample.label) : '';
    void copyLink(bar.status, linkOf(root), own);
  });
  let worker: Worker | null = null;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  const spawn = () => {
    const w = new Worker(new URL('./transforms-playground-worker.ts', import.meta.url), { type: 'module', name: 'transforms-playground' });
    w.onmessage = ({ data }: MessageEvent<FromPlaygroundWorker>) => dispatch({ type: 'worker', message: data });
    w.onerror = (e) => (e.preventDefault(), dispatch({ type: 'worker-error', message: e.message || 'worker error' }));
    w.onmessageerror = () => dispatch({ type: 'worker-error', message: 'unreadable message' });
    return w;
  };
  const run = (effect: PlaygroundEffect) => {
    switch (effect.type) {
      case 'fetch-sample':
        fetch(new URL(effect.sample.file, assets))
          .then(async (r) => (r.ok ? r.blob() : Promise.reject(new Error(`HTTP ${r.status}`))))
          .then((blob) => dispatch({ type: 'sample-loaded', blob, sample: effect.sample, keepAlert: effect.keepAlert }))
          .catch((e: Error) => dispatch({ type: 'sample-failed', message: e.message }));
        return;
      case 'post':
        return (worker ??= spawn()).postMessage(effect.message);
      case 'arm-timeout':
        return void timers.set(effect.id, setTimeout(() => dispatch({ type: 'timeout', id: effect.id }), effect.ms));
      case 'terminate':
        worker?.terminate();
        worker = null;
        return;
      case 'close-bitmap':
        return effect.bitmap.close();
      case 'write-link':
        return replaceLink(spec, effect.link);
    }
  };
  function dispatch(event: PlaygroundEvent) {
    const before = state;
    const next = update(state, { ...event, now: performance.now() });
    state = next.state;
    renderPlayground(root, viewOf(state), state.result !== before.result || state.input !== before.input);
    showChosenFile(upload, state.input?.source.kind === 'upload' ? state.input.source.name : null);
    if (event.type === 'worker') clearTimeout(timers.get(event.message.id));
    next.effects.forEach(run);
  }

  const useUpload = () => {
    const file = upload.files?.[0];
    upload.value = ''; // so choosing the same file again is a new choice
    if (file) dispatch({ type: 'choose-upload', blob: file, name: file.name });
  };
  sampleSelect.addEventListener('change', () => sampleSelect.value && dispatch({ type: 'choose-sample', sample: chosenSample() }));
  upload.addEventListener('change', useUpload);
  $('select[name="size"]').addEventListener('change', (e) => dispatch({ type: 'set-size', cropSize: Number((e.target as HTMLSelectElement).value) }));
  root.querySelectorAll('input[name="recipe"]').forEach((r) => r.addEventListener('change', () => dispatch({ type: 'set-recipe', recipe: recipe() })));
  $('.toggles').addEventListener('change', ({ target: t }) => t instanceof HTMLInputElement && dispatch({ type: 'toggle-step', key: t.value, on: t.checked }));
  $('[data-action="reroll"]').addEventListener('click', () => dispatch({ type: 'reroll' }));
  $<HTMLButtonElement>('[data-action="start"]').hidden = true;
  $<HTMLButtonElement>('[data-action="reroll"]').disabled = false;
  // The reader's first move decides the first picture: an own image, else the chosen sample.
  if (trigger === upload && upload.files?.length) useUpload();
  else dispatch({ type: 'choose-sample', sample: chosenSample() });
  if (!trigger) $<HTMLButtonElement>('[data-action="reroll"]').focus();
  else if (trigger === root) renderPlayground(root, viewOf(state), false); // the link's notices before the first picture
}
