/**
 * The transforms playground's behaviour (loaded on "Demo starten"): runs the tutorial's chain
 * step by step on a sample or an uploaded image, draws every intermediate image, and shows the
 * value histograms before and after Normalize.
 */
import { createRng } from '../../lib/data/rng';
import { decodeImageBlob, ImageInputError } from '../../lib/transforms/decode-browser';
import {
  centerCropStep,
  channelStats,
  createImage,
  histogram,
  MEAN,
  normalize,
  randomHorizontalFlip,
  randomRotation,
  resizeFor,
  resizeStep,
  STD,
  toRGBStep,
  toTensor,
  type RGBAImage,
  type Recipe,
  type Step,
} from '../../lib/transforms';
import { renderHistogram } from '../../lib/plot/histogram';
import { de } from './de';

interface DisplayStep {
  key: string;
  step: Step;
  /** Steps the reader can switch off; Lambda(→ RGB) always runs. */
  optional: boolean;
}

/** The chain as the playground shows it; the original's RandomApply(p=1) is opened up into its five steps. */
function displaySteps(recipe: Recipe, cropSize: number): DisplayStep[] {
  const size = resizeFor(cropSize);
  const steps: DisplayStep[] = [
    { key: 'rgb', step: toRGBStep(), optional: false },
    { key: 'resize', step: resizeStep(size, size), optional: true },
  ];
  if (recipe === 'train') {
    steps.push({ key: 'flip', step: randomHorizontalFlip(0.5), optional: true }, { key: 'rot', step: randomRotation(10), optional: true });
  } else if (recipe === 'original') {
    steps.push(
      { key: 'flip1', step: randomHorizontalFlip(0.5), optional: true },
      { key: 'flip2', step: randomHorizontalFlip(0.5), optional: true },
      { key: 'rot1', step: randomRotation(10), optional: true },
      { key: 'rot2', step: randomRotation(10), optional: true },
      { key: 'rot3', step: randomRotation(10), optional: true },
    );
  }
  steps.push({ key: 'crop', step: centerCropStep(cropSize), optional: true });
  return steps;
}

const DUMMY = createImage(1, 1);

/** Runs the enabled steps; disabled ones still draw their random numbers, so toggling one step never changes the others. */
function runChain(source: RGBAImage, recipe: Recipe, steps: DisplayStep[], enabled: Set<string>, seed: number) {
  const rng = createRng(seed);
  if (recipe === 'original') rng.next(); // RandomApply(p=1) draws its coin first: always below 1
  let image = source;
  return steps.map(({ key, step }) => {
    if (!enabled.has(key)) {
      step.apply(DUMMY, rng);
      return { key, name: step.name, image: null, note: 'ausgeschaltet' };
    }
    const result = step.apply(image, rng);
    image = result.image;
    return { key, name: step.name, image, note: result.note };
  });
}

function drawImage(img: RGBAImage, label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data), img.width, img.height), 0, 0);
  return canvas;
}

/** Takes over a server-rendered <transforms-playground>. */
export async function startPlayground(root: HTMLElement): Promise<void> {
  const $ = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const status = $<HTMLElement>('.status');
  const alert = $<HTMLElement>('.error');
  const list = $<HTMLOListElement>('.steps');
  const hist = $<HTMLElement>('.histograms');
  const toggles = $<HTMLFieldSetElement>('.toggles');
  const sampleSelect = $<HTMLSelectElement>('select[name="sample"]');
  const sizeSelect = $<HTMLSelectElement>('select[name="size"]');
  const upload = $<HTMLInputElement>('input[name="upload"]');
  const reroll = $<HTMLButtonElement>('[data-action="reroll"]');
  const assets = new URL(root.dataset.assets!, location.href).href;

  let source: RGBAImage | null = null;
  let sourceLabel = '';
  let seed = 1;
  const disabled = new Set<string>();
  const recipe = () => (root.querySelector<HTMLInputElement>('input[name="recipe"]:checked')?.value ?? 'train') as Recipe;

  const renderToggles = (steps: DisplayStep[]) => {
    toggles.querySelectorAll('label, .hint').forEach((el) => el.remove());
    for (const { key, step, optional } of steps) {
      if (!optional) continue;
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = !disabled.has(key);
      box.addEventListener('change', () => {
        if (box.checked) disabled.delete(key);
        else disabled.add(key);
        render();
      });
      label.append(box, ` ${step.name}`);
      toggles.append(label);
    }
  };

  const render = () => {
    if (!source) return;
    const started = performance.now();
    const steps = displaySteps(recipe(), Number(sizeSelect.value));
    const enabled = new Set(steps.map((s) => s.key).filter((k) => !disabled.has(k)));
    const results = runChain(source, recipe(), steps, enabled, seed);
    list.replaceChildren(
      ...[{ name: 'Eingabe', image: source, note: sourceLabel }, ...results].map(({ name, image, note }) => {
        const li = document.createElement('li');
        const figure = document.createElement('figure');
        const caption = document.createElement('figcaption');
        const strong = document.createElement('strong');
        strong.textContent = name;
        caption.append(strong, document.createElement('br'), image ? `${image.width} × ${image.height} · ${note}` : note);
        if (image) figure.append(drawImage(image, `${name}: ${image.width} × ${image.height} Pixel, ${note}`));
        figure.append(caption);
        li.append(figure);
        return li;
      }),
    );
    // The final image → ToTensor → Normalize, with the share of black fill from the rotations.
    const final = [...results].reverse().find((r) => r.image)?.image ?? source;
    // Replaying the same draws on an all-white image marks every pixel the rotations filled black.
    const white = { width: source.width, height: source.height, data: new Uint8ClampedArray(source.data.length).fill(255) };
    const mask = runChain(white, recipe(), steps, enabled, seed);
    const maskImage = [...mask].reverse().find((r) => r.image)?.image;
    let black = 0;
    if (maskImage) for (let i = 0; i < maskImage.data.length; i += 4) if (maskImage.data[i] === 0) black++;
    const tensor = toTensor(final);
    const normalized = normalize(tensor, MEAN, STD);
    const means = channelStats(normalized).mean;
    const figure = (svg: SVGSVGElement, text: string) => {
      const f = document.createElement('figure');
      const c = document.createElement('figcaption');
      c.textContent = text;
      f.append(svg, c);
      return f;
    };
    hist.replaceChildren(
      figure(renderHistogram({ document, counts: histogram(tensor.data, 0, 1, 51), domain: [0, 1], label: de.hist.before }), de.hist.before),
      figure(
        renderHistogram({ document, counts: histogram(normalized.data, -1, 1, 51), domain: [-1, 1], label: de.hist.after }),
        `${de.hist.after}. ${de.hist.means(means)}. ${de.blackFill(maskImage ? (100 * black) / (maskImage.width * maskImage.height) : 0)}`,
      ),
    );
    status.textContent = de.done(performance.now() - started);
  };

  const use = async (blob: Blob, label: (w: number, h: number) => string) => {
    status.textContent = de.processing;
    try {
      const decoded = await decodeImageBlob(blob);
      const notes: string[] = [];
      if (decoded.header.truncated) notes.push(de.upload.truncated);
      if (decoded.header.notes.includes('cmyk')) notes.push(de.upload.cmyk);
      if (decoded.header.notes.includes('16-bit')) notes.push(de.upload.sixteen);
      if (decoded.hadAlpha) notes.push(de.upload.alpha);
      if (decoded.header.notes.includes('grey')) notes.push(de.upload.grey);
      alert.textContent = notes.join(' ');
      source = decoded.image;
      sourceLabel = label(decoded.image.width, decoded.image.height);
      render();
    } catch (error) {
      status.textContent = '';
      if (error instanceof ImageInputError) {
        const h = error.header;
        alert.textContent = error.code === 'too-large' && h ? de.upload['too-large'](h.width, h.height) : (de.upload[error.code] as string);
      } else {
        alert.textContent = de.failed((error as Error).message);
      }
    }
  };

  const loadSample = async () => {
    const option = sampleSelect.selectedOptions[0];
    const response = await fetch(new URL(sampleSelect.value, assets));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await use(await response.blob(), () => `Caltech 101: ${option.textContent?.trim()}`);
  };

  sampleSelect.addEventListener('change', () => void loadSample().catch((e) => (alert.textContent = de.failed(e.message))));
  upload.addEventListener('change', () => {
    const file = upload.files?.[0];
    if (file) void use(file, (w, h) => de.upload.own(file.name, w, h));
  });
  sizeSelect.addEventListener('change', () => {
    renderToggles(displaySteps(recipe(), Number(sizeSelect.value)));
    render();
  });
  root.querySelectorAll('input[name="recipe"]').forEach((r) =>
    r.addEventListener('change', () => {
      renderToggles(displaySteps(recipe(), Number(sizeSelect.value)));
      render();
    }),
  );
  reroll.addEventListener('click', () => {
    seed++;
    render();
  });
  renderToggles(displaySteps(recipe(), Number(sizeSelect.value)));
  reroll.disabled = false;
  $<HTMLButtonElement>('[data-action="start"]').hidden = true;
  await loadSample();
  reroll.focus();
}
