/**
 * The transforms playground's behaviour (loaded on "Demo starten" or on the reader's first
 * choice of a sample or an own image): a worker decodes the image and runs the tutorial's
 * chain step by step; the page draws every intermediate image and the value histograms
 * before and after Normalize.
 */
import type { Recipe } from '../../lib/transforms';
import { renderHistogram } from '../../lib/plot/histogram';
import { displaySteps, type RunRequest } from './transforms-playground-chain';
import type { FromPlaygroundWorker, RunView, StepView, ToPlaygroundWorker } from './transforms-playground-protocol';
import { de } from './de';

type View = Pick<StepView, 'name' | 'note' | 'width' | 'height' | 'pixels'>;
const drawn = new WeakMap<HTMLCanvasElement, StepView['pixels']>();

/**
 * Brings one list item up to date with `view`, reusing its canvas and caption: re-rolling then
 * only repaints pixels, without rebuilding the list (which would re-lay out the whole page).
 */
function paintItem(li: HTMLLIElement, { name, note, width, height, pixels }: View): void {
  let figure = li.querySelector('figure');
  if (!figure) {
    figure = document.createElement('figure');
    figure.append(document.createElement('figcaption'));
    li.append(figure);
  }
  const caption = figure.querySelector('figcaption')!;
  let canvas = figure.querySelector('canvas');
  const size = pixels ? `${width} × ${height}` : '';
  if (!pixels) canvas?.remove();
  else if (pixels !== 'unchanged' && drawn.get(canvas!) !== pixels) {
    if (!canvas) {
      canvas = document.createElement('canvas');
      canvas.setAttribute('role', 'img');
      figure.prepend(canvas);
    }
    if (canvas.width !== pixels.width) canvas.width = pixels.width;
    if (canvas.height !== pixels.height) canvas.height = pixels.height;
    const ctx = canvas.getContext('2d')!;
    if (pixels instanceof ImageBitmap) ctx.drawImage(pixels, 0, 0);
    else ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height), 0, 0);
    drawn.set(canvas, pixels);
  }
  canvas?.setAttribute('aria-label', `${name}: ${size} Pixel, ${note}`);
  const strong = document.createElement('strong');
  strong.textContent = name;
  caption.replaceChildren(strong, document.createElement('br'), size ? `${size} · ${note}` : note);
}

/** Takes over a server-rendered <transforms-playground>; `trigger` is the control whose change started it, if any. */
export async function startPlayground(root: HTMLElement, trigger: Element | null): Promise<void> {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const status = $<HTMLElement>('.status');
  const notes = $<HTMLElement>('.notes');
  const alert = $<HTMLElement>('.error');
  const list = $<HTMLOListElement>('.steps');
  const hist = $<HTMLElement>('.histograms');
  const toggles = $<HTMLFieldSetElement>('.toggles');
  const sampleSelect = $<HTMLSelectElement>('select[name="sample"]');
  const sizeSelect = $<HTMLSelectElement>('select[name="size"]');
  const upload = $<HTMLInputElement>('input[name="upload"]');
  const reroll = $<HTMLButtonElement>('[data-action="reroll"]');
  const assets = new URL(root.dataset.assets!, location.href).href;

  const worker = new Worker(new URL('./transforms-playground-worker.ts', import.meta.url), { type: 'module', name: 'transforms-playground' });
  let nextId = 1;
  const pending = new Map<number, (m: FromPlaygroundWorker) => void>();
  worker.onmessage = ({ data }: MessageEvent<FromPlaygroundWorker>) => {
    pending.get(data.id)?.(data);
    pending.delete(data.id);
  };
  type Ask = { type: 'decode'; blob: Blob } | { type: 'run'; request: RunRequest };
  const ask = (message: Ask) =>
    new Promise<FromPlaygroundWorker>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ ...message, id } as ToPlaygroundWorker);
    });

  /** The decoded input as the page shows it; null until the first image is decoded. */
  let input: { preview: ImageBitmap; width: number; height: number; label: string } | null = null;
  let seed = 1;
  const disabled = new Set<string>();
  const recipe = () => (root.querySelector<HTMLInputElement>('input[name="recipe"]:checked')?.value ?? 'train') as Recipe;

  const renderToggles = () => {
    toggles.querySelectorAll('label').forEach((el) => el.remove());
    for (const { key, step, optional } of displaySteps(recipe(), Number(sizeSelect.value))) {
      if (!optional) continue;
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = 'step';
      box.value = key;
      box.checked = !disabled.has(key);
      box.addEventListener('change', () => {
        if (box.checked) disabled.delete(key);
        else disabled.add(key);
        void render();
      });
      label.append(box, ` ${step.name}`);
      toggles.append(label);
    }
  };

  const show = (result: RunView, started: number) => {
    if (!input) return;
    const views: View[] = [{ name: 'Eingabe', note: input.label, width: input.width, height: input.height, pixels: input.preview }, ...result.steps];
    while (list.children.length > views.length) list.lastElementChild!.remove();
    while (list.children.length < views.length) list.append(document.createElement('li'));
    views.forEach((view, i) => paintItem(list.children[i] as HTMLLIElement, view));
    const figure = (svg: SVGSVGElement, text: string) => {
      const f = document.createElement('figure');
      const c = document.createElement('figcaption');
      c.textContent = text;
      f.append(svg, c);
      return f;
    };
    hist.replaceChildren(
      figure(renderHistogram({ document, counts: result.before, domain: [0, 1], label: de.hist.before }), de.hist.before),
      figure(
        renderHistogram({ document, counts: result.after, domain: [-1, 1], label: de.hist.after }),
        `${de.hist.after}. ${de.hist.means(result.means)}. ${de.blackFill(result.blackPercent)}`,
      ),
    );
    status.textContent = de.done(performance.now() - started);
  };

  // One run at a time; while one is computing, only the latest request waits (re-rolling fast never queues up work).
  let running = false;
  let again = false;
  const render = async (): Promise<void> => {
    if (!input) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    status.textContent = de.computing;
    const started = performance.now();
    const request: RunRequest = { recipe: recipe(), cropSize: Number(sizeSelect.value), disabled: [...disabled], seed };
    const reply = await ask({ type: 'run', request });
    running = false;
    // Every reply is drawn, even one already superseded: the worker omits images the page already shows.
    if (reply.type === 'ran') show(reply.result, started);
    else if (reply.type === 'failed') alert.textContent = de.failed(reply.message);
    if (again) {
      again = false;
      return render();
    }
  };

  const use = async (blob: Blob, label: (w: number, h: number) => string, keepAlert = false) => {
    status.textContent = de.processing;
    const reply = await ask({ type: 'decode', blob });
    if (reply.type === 'failed') {
      status.textContent = '';
      const h = reply.header;
      if (reply.code === 'internal') alert.textContent = de.failed(reply.message);
      else alert.textContent = reply.code === 'too-large' && h ? de.upload['too-large'](h.width, h.height) : (de.upload[reply.code] as string);
      if (input) status.textContent = de.upload.kept; // the previous image stays
      return;
    }
    if (reply.type !== 'decoded') return;
    const { header } = reply;
    // Only a damaged file is an alert; the rest are facts about the image, told politely.
    if (!keepAlert || header.truncated) alert.textContent = header.truncated ? de.upload.truncated : '';
    const hints: string[] = [];
    if (reply.orientation !== 1) hints.push(de.upload.exif(reply.orientation));
    if (header.notes.includes('cmyk')) hints.push(de.upload.cmyk);
    if (header.notes.includes('16-bit')) hints.push(de.upload.sixteen);
    if (reply.hadAlpha) hints.push(de.upload.alpha);
    if (header.notes.includes('grey')) hints.push(de.upload.grey);
    notes.textContent = hints.join(' ');
    input?.preview.close();
    input = { preview: reply.preview, width: reply.width, height: reply.height, label: label(reply.width, reply.height) };
    await render();
  };

  const loadSample = async (keepAlert = false) => {
    const option = sampleSelect.selectedOptions[0];
    const response = await fetch(new URL(sampleSelect.value, assets));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await use(await response.blob(), () => `Caltech 101: ${option.textContent?.trim()}`, keepAlert);
  };

  const useUpload = async () => {
    const file = upload.files?.[0];
    if (!file) return;
    upload.value = ''; // so choosing the same file again is a new choice
    await use(file, (w, h) => de.upload.own(file.name, w, h));
  };

  sampleSelect.addEventListener('change', () => void loadSample().catch((e) => (alert.textContent = de.failed(e.message))));
  upload.addEventListener('change', () => void useUpload());
  const redraw = () => {
    renderToggles();
    void render();
  };
  sizeSelect.addEventListener('change', redraw);
  root.querySelectorAll('input[name="recipe"]').forEach((r) => r.addEventListener('change', redraw));
  reroll.addEventListener('click', () => {
    seed++;
    void render();
  });
  // Steps switched off before the start stay off.
  toggles.querySelectorAll<HTMLInputElement>('input[name="step"]').forEach((box) => !box.checked && disabled.add(box.value));
  renderToggles();
  reroll.disabled = false;
  $<HTMLButtonElement>('[data-action="start"]').hidden = true;
  // The reader's first move decides the first picture: an own image, else the chosen sample.
  if (trigger === upload && upload.files?.length) await useUpload();
  else await loadSample();
  if (!input) await loadSample(true); // a refused first upload: show the sample, the alert stays
  if (!trigger) reroll.focus();
}
