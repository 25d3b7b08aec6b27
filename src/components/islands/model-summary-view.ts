/** HTML of the summary table's rows, shared by the build (first render) and the island (redraws). */
import type { Summary } from '../../lib/model/summary';
import { CROP_SIZES } from '../../lib/transforms/sizes';
import { formatNumber } from '../../lib/format';

/** A count with German thousands separators: 102.832.165. */
export const germanCount = (n: number) => formatNumber(n);

/** Input sizes the model chapter offers: the same as the playground and the training demo. */
export const SUMMARY_SIZES = CROP_SIZES;

const percent = (x: number) => `${formatNumber(100 * x, 2)} %`;

/** The <tr> rows for `summary` (escaped: every value is a number or a fixed name). */
export function renderSummaryRows(summary: Summary): string {
  return summary.rows
    .map((r) => {
      const share = r.params / summary.totalParams;
      return `<tr><th scope="row">${r.name}</th><td><code>[${r.outputShape.join(', ')}]</code></td><td class="num">${germanCount(r.params)}</td><td><span class="share"><span class="bar-track"><span class="bar" style="width:${(100 * share).toFixed(3)}%"></span></span>${percent(share)}</span></td></tr>`;
    })
    .join('');
}
