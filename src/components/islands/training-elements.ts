/** The elements of a server-rendered <training-demo> that the view writes to and the glue listens on. */
import type { Control } from './training-view';

/** The island's elements the view writes to. */
export interface TrainingElements {
  root: HTMLElement;
  buttons: Record<Control, HTMLButtonElement>;
  remeasure: HTMLButtonElement;
  remembered: HTMLElement;
  perClassNote: HTMLElement;
  settings: (HTMLSelectElement | HTMLInputElement)[];
  status: HTMLElement;
  /** "seit 12 s" beside the status while a first batch is computed (aria-hidden, not a live region). */
  elapsed: HTMLElement;
  news: HTMLElement;
  error: HTMLElement;
  backendNote: HTMLElement;
  dataNote: HTMLElement;
  run: HTMLElement;
  progress: HTMLProgressElement;
  progressLine: HTMLElement;
  stats: HTMLElement;
  charts: HTMLElement;
  epochRows: HTMLTableSectionElement;
  csv: HTMLButtonElement;
  model: HTMLButtonElement;
  results: HTMLElement;
  confusion: HTMLElement;
  examples: HTMLElement;
  knownClasses: HTMLElement;
  own: HTMLElement;
  /** Where the own image's thumbnail (the crop the model saw) goes. */
  ownSeen: HTMLElement;
  ownInput: HTMLInputElement;
  /** Wrappers that scroll sideways when their table is wider than the screen (data-scrolls says so). */
  scrollers: HTMLElement[];
  inspect: { select: HTMLSelectElement; button: HTMLButtonElement; status: HTMLElement; output: HTMLElement };
}

/** Finds the elements of a server-rendered <training-demo>. */
export function findElements(root: HTMLElement): TrainingElements {
  const $ = <T extends Element>(selector: string) => {
    const el = root.querySelector<T>(selector);
    if (!el) throw new Error(`training demo: ${selector} is missing from the page`);
    return el;
  };
  return {
    root,
    buttons: {
      start: $('[data-action="start"]'),
      pause: $('[data-action="pause"]'),
      stop: $('[data-action="stop"]'),
      reset: $('[data-action="reset"]'),
    },
    remeasure: $('[data-action="remeasure"]'),
    remembered: $('.remembered'),
    perClassNote: $('.per-class-note'),
    settings: [...root.querySelectorAll<HTMLSelectElement | HTMLInputElement>('form select, form input')],
    status: $('.status'),
    elapsed: $('.status-elapsed'),
    news: $('.news'),
    error: $('.error'),
    backendNote: $('.backend-note'),
    dataNote: $('.data-note'),
    run: $('.run'),
    progress: $('progress.run-progress'),
    progressLine: $('.progress-line'),
    stats: $('.stats'),
    charts: $('.charts'),
    epochRows: $('.epochs tbody'),
    csv: $('[data-action="csv"]'),
    model: $('[data-action="model"]'),
    results: $('.results'),
    confusion: $('.confusion'),
    examples: $('.examples'),
    knownClasses: $('.known-classes'),
    own: $('.own-result'),
    ownSeen: $('.own-seen'),
    ownInput: $('input[name="own"]'),
    scrollers: [...root.querySelectorAll<HTMLElement>('.table-scroll')],
    inspect: { select: $('select[name="inspect-image"]'), button: $('[data-action="inspect"]'), status: $('.inspect-status'), output: $('.inspect-output') },
  };
}
