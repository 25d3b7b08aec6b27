/**
 * The batch preview (loaded on "Stichprobe ziehen"): 64 augmented training images laid out
 * like torchvision's make_grid (8 per row, 2 px padding, black), each labelled with its class.
 */
import { createRng } from '../../lib/data/rng';
import { validateManifest } from '../../lib/data/manifest';
import { loadImageSet } from '../../lib/data/sprites-browser';
import { augmentationSteps, centerCropStep, type RGBAImage, type Recipe } from '../../lib/transforms';
import { de } from './de';

const PER_ROW = 8;
const PADDING = 2;
const BATCH = 64;

/** Takes over a server-rendered <batch-preview>; `trigger` is the control whose change started it (its value is already in place). */
export async function startPreview(root: HTMLElement, trigger: Element | null): Promise<void> {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const status = $<HTMLElement>('.status');
  const canvas = $<HTMLCanvasElement>('canvas');
  const gridBox = $<HTMLElement>('.grid-scroll');
  const labels = $<HTMLOListElement>('.labels');
  const again = $<HTMLButtonElement>('[data-action="again"]');
  const recipeSelect = $<HTMLSelectElement>('select[name="recipe"]');
  const assets = new URL(root.dataset.assets!, location.href).href;

  const manifest = validateManifest(await (await fetch(new URL('manifest.json', assets))).json());
  const set = manifest.sets.find((s) => s.id.startsWith('preview-'))!;
  const images = await loadImageSet(set, assets, { onProgress: (a, b) => (status.textContent = de.preview.loading(a, b)) });
  let draw = 0;

  const render = () => {
    const rng = createRng(Date.now() % 1_000_000 + draw++);
    const crop = centerCropStep(set.cropSize);
    const steps = augmentationSteps(recipeSelect.value as Recipe);
    const side = set.cropSize + PADDING;
    canvas.width = canvas.height = side * PER_ROW + PADDING;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const chosen: number[] = [];
    const pool = images.map((_, i) => i);
    for (let i = 0; i < BATCH; i++) chosen.push(pool.splice(rng.int(pool.length), 1)[0]); // shuffle=True: no repeats
    const items = chosen.map((index, k) => {
      let img: RGBAImage = images[index];
      for (const step of steps) img = step.apply(img, rng).image;
      img = crop.apply(img, rng).image;
      const x = (k % PER_ROW) * side + PADDING;
      const y = Math.floor(k / PER_ROW) * side + PADDING;
      ctx.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), x, y);
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = manifest.dataset.classes[set.labels[index]];
      li.append(name);
      li.style.left = `${(100 * x) / canvas.width}%`;
      li.style.top = `${(100 * y) / canvas.height}%`;
      li.style.width = `${(100 * set.cropSize) / canvas.width}%`;
      li.style.height = `${(100 * set.cropSize) / canvas.height}%`;
      return li;
    });
    labels.replaceChildren(...items);
    gridBox.hidden = false;
    status.textContent = de.preview.ready(BATCH);
  };

  again.addEventListener('click', render);
  recipeSelect.addEventListener('change', render);
  again.hidden = false;
  again.disabled = false;
  $<HTMLButtonElement>('[data-action="start"]').hidden = true;
  render();
  if (!trigger) again.focus();
}
