/**
 * The batch preview's glue (loaded on "Stichprobe ziehen"): loads the preview sprite, feeds
 * events to batch-preview-state.ts and paints what its 'draw' effect asks for — a batch drawn
 * and laid out by src/lib/data/batch-preview.ts (make_grid: 8 per row, 2 px padding, black).
 */
import { createRng } from '../../lib/data/rng';
import { validateManifest } from '../../lib/data/manifest';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { drawPreviewBatch, gridLayout } from '../../lib/data/batch-preview';
import type { RGBAImage, ChainName } from '../../lib/transforms';
import { hasLink, noticesText, readLink } from '../../lib/demo/link-state';
import { batchLink } from '../../lib/demo/link-specs';
import { addLinkBar, copyLink, linkOf, replaceLink } from './link-control';
import { BATCH, initialPreview, updatePreview, viewPreview, type PreviewEffect, type PreviewEvent } from './batch-preview-state';

/** Takes over a server-rendered <batch-preview>; `trigger` is the control whose change started it (its value is already in place), itself when opened from its link. */
export async function startPreview(root: HTMLElement, trigger: Element | null): Promise<void> {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const canvas = $<HTMLCanvasElement>('canvas');
  const again = $<HTMLButtonElement>('[data-action="again"]');
  const recipeSelect = $<HTMLSelectElement>('select[name="recipe"]');
  const assets = new URL(root.dataset.assets!, location.href).href;
  const linked = hasLink(batchLink, location.search) ? readLink(batchLink, location.search) : null;
  if (linked) recipeSelect.value = linked.values.recipe;
  let state = initialPreview(recipeSelect.value as ChainName);
  let pool: { images: RGBAImage[]; names: string[]; cropSize: number } | null = null;
  const seed = () => (Date.now() % 1_000_000) + state.draws;
  const bar = addLinkBar(root, () => void copyLink(bar.status, linkOf(root)));
  bar.note.textContent = linked ? noticesText(batchLink.demo, linked.notices) : '';

  const paint = (effect: PreviewEffect) => {
    if (effect.type === 'write-link') return replaceLink(batchLink, effect.link);
    const { recipe, seed } = effect;
    const { images, names, cropSize } = pool!;
    const batch = drawPreviewBatch(images, BATCH, recipe, cropSize, createRng(seed));
    const grid = gridLayout(BATCH, cropSize);
    [canvas.width, canvas.height] = [grid.width, grid.height];
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, grid.width, grid.height);
    const pct = (v: number, of: number) => `${(100 * v) / of}%`;
    const items = batch.images.map((img, k) => {
      const { x, y } = grid.cells[k];
      ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), x, y);
      const li = document.createElement('li');
      li.append(Object.assign(document.createElement('span'), { textContent: names[batch.indices[k]] }));
      Object.assign(li.style, { left: pct(x, grid.width), top: pct(y, grid.height), width: pct(cropSize, grid.width), height: pct(cropSize, grid.height) });
      return li;
    });
    $('.labels').replaceChildren(...items);
  };
  const dispatch = (event: PreviewEvent) => {
    const next = updatePreview(state, event);
    state = next.state;
    const view = viewPreview(state);
    $('.status').textContent = view.status;
    $('.error').textContent = view.alert;
    next.effects.forEach(paint);
    $<HTMLElement>('.grid-scroll').hidden = view.gridHidden;
    again.hidden = again.disabled = !view.againEnabled;
  };

  again.addEventListener('click', () => dispatch({ type: 'again', seed: seed() }));
  recipeSelect.addEventListener('change', () => dispatch({ type: 'set-recipe', recipe: recipeSelect.value as ChainName, seed: seed() }));
  const manifest = validateManifest(await (await fetch(new URL('manifest.json', assets))).json());
  const set = manifest.sets.find((s) => s.id.startsWith('preview-'))!;
  const images = await loadImageSet(set, assets, { onProgress: (done, total) => dispatch({ type: 'progress', done, total }) });
  pool = { images, names: set.labels.map((l) => manifest.dataset.classes[l]), cropSize: set.cropSize };
  $<HTMLButtonElement>('[data-action="start"]').hidden = true;
  dispatch({ type: 'loaded', seed: linked?.values.seed ?? seed() });
  if (!trigger) again.focus();
}
