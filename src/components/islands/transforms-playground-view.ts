/**
 * The transforms playground's view as data: every text, caption and picture the page shows,
 * computed from the state alone (pure, unit-tested). transforms-playground-render.ts puts it in the DOM.
 */
import { displaySteps } from '../../lib/transforms/playground';
import { de } from './de';
import { DE_LINKS } from './de-links';
import { describeDraw } from './draw-notes';
import type { StepView } from './transforms-playground-protocol';
import { WORKER_TIMEOUT_MS, type Alert, type PlaygroundState } from './transforms-playground-state';

/** One picture of the step list: a caption, an accessible name, and pixels (null: none, the step is off). */
export interface ItemView {
  name: string;
  caption: string;
  label: string;
  pixels: StepView['pixels'];
}

/** Everything the page shows. */
export interface PlaygroundView {
  status: string;
  notes: string;
  alert: string;
  /** Under "Link kopieren": the link's notices, and that an own image does not travel in it. */
  linkNote: string;
  /** The text of the select's "own image" option, or null when a sample is the picture. */
  ownOption: string | null;
  toggles: { key: string; name: string; checked: boolean }[];
  items: ItemView[];
  histograms: null | { before: number[]; after: number[]; caption: string };
}

/** The alert's words. */
export function alertText(alert: Alert | null): string {
  if (!alert) return '';
  switch (alert.code) {
    case 'too-large':
      return de.upload['too-large'](alert.width, alert.height);
    case 'failed':
      return de.failed(alert.message);
    case 'crashed':
      return de.playground.crashed;
    case 'timeout':
      return de.playground.timeout(WORKER_TIMEOUT_MS / 1000);
    default:
      return de.upload[alert.code];
  }
}

/** The view of `s`. */
export function viewOf(s: PlaygroundState): PlaygroundView {
  const { input, inFlight, result } = s;
  const status =
    inFlight?.job.type === 'decode' || s.activity === 'loading' ? de.processing
    : inFlight ? de.computing
    : s.activity === 'kept' && input ? de.upload.kept
    : result && input ? de.done(result.ms)
    : '';
  const hints: string[] = [];
  if (input) {
    if (input.orientation !== 1) hints.push(de.upload.exif(input.orientation));
    if (input.header.notes.includes('cmyk')) hints.push(de.upload.cmyk);
    if (input.header.notes.includes('16-bit')) hints.push(de.upload.sixteen);
    if (input.hadAlpha) hints.push(de.upload.alpha);
    if (input.header.notes.includes('grey')) hints.push(de.upload.grey);
  }
  const toggles = displaySteps(s.recipe, s.cropSize)
    .filter((d) => d.optional)
    .map(({ key, step }) => ({ key, name: step.name, checked: !s.disabled.includes(key) }));
  let items: ItemView[] = [];
  if (input && result) {
    const source = input.source.kind === 'sample' ? de.playground.sample(input.source.sample.label) : de.upload.own(input.source.name, input.width, input.height);
    const first: ItemView = { ...itemOf(de.playground.input, input.width, input.height, source), pixels: input.preview };
    items = [first, ...result.run.steps.map((step) => ({ ...itemOf(step.name, step.width, step.height, step.draw ? describeDraw(step.draw) : de.stepNotes.off, !!step.pixels), pixels: step.pixels }))];
  }
  const run = input && result?.run;
  return {
    status,
    notes: hints.join(' '),
    alert: alertText(s.alert),
    linkNote: [s.linkNotices, input?.source.kind === 'upload' ? DE_LINKS.ownImage(s.sample.label) : ''].filter(Boolean).join(' '),
    ownOption: input?.source.kind === 'upload' ? de.playground.ownOption(input.source.name) : null,
    toggles,
    items,
    histograms: run
      ? { before: run.before, after: run.after, caption: `${de.hist.after}. ${de.hist.means(run.means)}. ${de.blackFill(run.blackPercent)}` }
      : null,
  };
}

/** Caption and accessible name of one picture; a switched-off step shows only its note. */
function itemOf(name: string, width: number, height: number, note: string, drawn = true): Omit<ItemView, 'pixels'> {
  const size = drawn ? de.playground.size(width, height) : '';
  return { name, caption: size ? `${size} · ${note}` : note, label: de.playground.pixels(name, size, note) };
}
