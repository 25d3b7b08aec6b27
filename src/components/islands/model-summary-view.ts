/**
 * The model summary's view, shared by the build (first render) and the island (redraws): the
 * table rows and texts for one input size, and the island's reducer (`updateSummary`), whose one
 * effect switches the model graph further down the page to the same size.
 */
import { formatSummary, summarizeSimpleCnn, type Summary } from '../../lib/model/summary';
import { DEMO_SIZES } from '../../lib/demo/options';
import { formatNumber } from '../../lib/format';
import { de } from './de';

/** A count with German thousands separators: 102.832.165. */
export const germanCount = (n: number) => formatNumber(n);

/** Input sizes the model chapter offers: the demos' one size list. */
export const SUMMARY_SIZES = DEMO_SIZES;

const percent = (x: number) => `${formatNumber(100 * x, 2)}\u00a0%`;

/** The <tr> rows for `summary` (escaped: every value is a number or a fixed name). */
export function renderSummaryRows(summary: Summary): string {
  return summary.rows
    .map((r) => {
      const share = r.params / summary.totalParams;
      return `<tr><th scope="row">${r.name}</th><td><code>[${r.outputShape.join(', ')}]</code></td><td class="num">${germanCount(r.params)}</td><td><span class="share"><span class="bar-track"><span class="bar" style="width:${(100 * share).toFixed(3)}%"></span></span>${percent(share)}</span></td></tr>`;
    })
    .join('');
}

/** Everything the summary shows for input size `size`. */
export function summaryView(size: number) {
  const summary = summarizeSimpleCnn(size);
  const fc1 = summary.rows.find((r) => r.name === 'Linear-5')!;
  return {
    rows: renderSummaryRows(summary),
    total: germanCount(summary.totalParams),
    memory: de.summary.memory(formatNumber(summary.paramsMB, 2)),
    size: de.summary.size(size),
    text: formatSummary(summary),
    status: de.summary.status(size, germanCount(summary.totalParams), percent(fc1.params / summary.totalParams)),
  };
}

/** What the summary's glue carries out: show the model graph of a size; put the size into the address. */
export type SummaryEffect = { type: 'show-graph'; size: number } | { type: 'write-link'; link: { size: number } };

/** The reader picked an input size: the new state, and the effects of showing that size's graph and writing it into the link. */
export function updateSummary(_state: { size: number }, event: { type: 'set-size'; size: number }): { state: { size: number }; effects: SummaryEffect[] } {
  return {
    state: { size: event.size },
    effects: [
      { type: 'show-graph', size: event.size },
      { type: 'write-link', link: { size: event.size } },
    ],
  };
}
