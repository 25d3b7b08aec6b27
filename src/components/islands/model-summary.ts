/** <model-summary>: redraws the summary table when the reader picks another input size. */
import { formatSummary, summarizeSimpleCnn } from '../../lib/model/summary';
import { germanCount, renderSummaryRows } from './model-summary-view';
import { formatNumber } from '../../lib/format';

class ModelSummary extends HTMLElement {
  connectedCallback() {
    const select = this.querySelector<HTMLSelectElement>('select[name="size"]')!;
    select.addEventListener('change', () => {
      const size = Number(select.value);
      const summary = summarizeSimpleCnn(size);
      this.querySelector('tbody')!.innerHTML = renderSummaryRows(summary);
      this.querySelector('.total')!.textContent = germanCount(summary.totalParams);
      this.querySelector('.memory')!.textContent = `${formatNumber(summary.paramsMB, 2)} MB Gewichte (float32)`;
      this.querySelector('.size')!.textContent = `${size} × ${size}`;
      this.querySelector('.summary-text')!.textContent = formatSummary(summary);
      const fc1 = summary.rows.find((r) => r.name === 'Linear-5')!;
      this.querySelector('.status')!.textContent =
        `Neu berechnet für ${size} × ${size}: ${germanCount(summary.totalParams)} Parameter, davon ${formatNumber((100 * fc1.params) / summary.totalParams, 2)} % in Linear-5.`;
    });
  }
}
if (!customElements.get('model-summary')) customElements.define('model-summary', ModelSummary);
