/**
 * Puts a `View` (training-view.ts) on the server-rendered training island. It only copies what
 * the view says; tables, charts and pictures are rebuilt only when their data changed. It never
 * reads the layout (which would force one while the page changes): whether a table scrolls is
 * watched after layout (scroll-watch.ts).
 */
import { CHART_METRICS, drawChart, drawRows, type ChartMetric } from './training-draw';
import type { TrainingElements } from './training-elements';
import { renderBand, renderResults } from './training-results-render';
import type { DemoEvaluation } from './training-protocol';
import type { Inspecting } from './training-state';
import type { Control, Curves, View } from './training-view';

const setText = (el: HTMLElement, text: string) => {
  if (el.textContent !== text) el.textContent = text;
};
const setNote = (el: HTMLElement, text: string | null) => {
  el.hidden = !text;
  setText(el, text ?? '');
};

/** What was drawn last, so unchanged parts are not rebuilt. */
export interface Drawn {
  rows: string[][] | null;
  /** The curves each chart shows and the round of redrawing that drew them (null: not drawn). */
  charts: Record<ChartMetric, { curves: Curves; round: number } | null>;
  /**
   * A chart shows older curves than the view's: 'round' – one not yet redrawn in this round (the
   * caller renders again right after, in a task of its own), 'later' – all were, newer points came
   * since (the next round), 'none' – every chart is up to date.
   */
  chartsDue: 'none' | 'round' | 'later';
  evaluation: DemoEvaluation | null;
  /** The inspection whose pictures are on screen (kept while the next one is computed). */
  inspection: Inspecting | null;
  /** The ask-first notice was on screen (its focus move happens once). */
  asked: boolean;
}

/** Nothing drawn yet. */
export const NOTHING_DRAWN: Drawn = { rows: null, charts: { loss: null, accuracy: null }, chartsDue: 'none', evaluation: null, inspection: null, asked: false };

/** What renderView needs: the elements, the view, what is on screen, the data behind the pictures, and the round of chart redrawing now (null: no chart now). */
export interface RenderInput {
  el: TrainingElements;
  view: View;
  drawn: Drawn;
  evaluation: DemoEvaluation | null;
  inspection: Inspecting | null;
  chartRound: number | null;
}

/**
 * Applies the view; returns what it drew. When the focused control becomes disabled, focus moves to
 * `view.focus` (never to the page): on a start to Pause, after Stopp to the status line (which
 * says what still runs), and once the run has ended from there on to "Training starten".
 */
export function renderView({ el, view, drawn, evaluation, inspection, chartRound }: RenderInput): Drawn {
  const { root } = el;
  const active = root.ownerDocument.activeElement;
  Object.assign(root.dataset, { state: view.state, backend: view.backend, epoch: view.epoch });
  for (const [name, button] of Object.entries(el.buttons) as [Control, HTMLButtonElement][]) button.disabled = view.disabled[name];
  setText(el.buttons.pause, view.pauseLabel);
  for (const input of el.settings) input.disabled = view.settingsDisabled;
  for (const [node, text] of [[el.status, view.status], [el.news, view.news], [el.error, view.error]] as const) setText(node, text);
  setNote(el.backendNote, view.backendNote);
  setNote(el.dataNote, view.dataNote);
  setNote(el.remembered, view.remembered?.text ?? null);
  el.remeasure.hidden = !view.remembered;
  el.remeasure.disabled = view.remembered?.disabled ?? true;
  el.run.hidden = !view.run;
  const next: Drawn = { ...drawn };
  const run = view.run;
  if (run && run.progress === null) el.progress.removeAttribute('value'); // indeterminate: working, not countable yet
  else el.progress.value = run?.progress ?? 0;
  setText(el.progressLine, run?.progressLine ?? '');
  setText(el.stats, run?.stats ?? '');
  el.csv.disabled = !run?.csv;
  el.model.disabled = !run?.model;
  if (JSON.stringify(run?.rows ?? null) !== JSON.stringify(drawn.rows)) {
    drawRows(el.epochRows, run?.rows ?? []);
    next.rows = run?.rows ?? null;
  }
  Object.assign(next, drawCharts(el.charts, run?.curves ?? null, view.band, drawn.charts, chartRound));
  renderBand(el.charts, view.band);
  Object.assign(next, renderResults(el, view.results, evaluation, inspection, drawn));
  const target = view.focus === 'status' ? el.status : el.buttons[view.focus];
  const moves = (active as HTMLButtonElement | null)?.disabled || (active === el.status && target !== el.status);
  if (view.askFocus && !drawn.asked) el.buttons.pause.focus(); // the demo paused itself: "Fortsetzen" takes the focus
  else if (active instanceof HTMLElement && root.contains(active) && moves) target.focus();
  next.asked = view.askFocus;
  return next;
}

/**
 * The live charts: cleared without points; otherwise, in a round of redrawing (`round`), the first
 * chart not yet redrawn in that round whose curves are not on screen – one chart per call, each a
 * task of its own (both charts and a forced layout in one task took 67 ms on two cores busy with
 * SwiftShader: a long task).
 */
export function drawCharts(el: HTMLElement, curves: Curves | null, band: View['band'], drawn: Drawn['charts'], round: number | null): Pick<Drawn, 'charts' | 'chartsDue'> {
  if (!curves?.loss.length) {
    if (el.childElementCount) el.replaceChildren();
    return { charts: NOTHING_DRAWN.charts, chartsDue: 'none' };
  }
  const stale = (charts: Drawn['charts']) => CHART_METRICS.filter((m) => charts[m]?.curves !== curves);
  const inRound = (charts: Drawn['charts'], m: ChartMetric) => round !== null && (charts[m]?.round ?? -1) < round;
  const metric = stale(drawn).find((m) => inRound(drawn, m));
  const charts = metric ? { ...drawn, [metric]: { curves, round: round! } } : drawn;
  if (metric) drawChart(el, metric, curves, band);
  const left = stale(charts);
  return { charts, chartsDue: !left.length ? 'none' : left.some((m) => inRound(charts, m)) ? 'round' : 'later' };
}
