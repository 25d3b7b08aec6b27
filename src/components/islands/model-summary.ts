/** <model-summary>: redraws the summary table for the picked input size and shows the model graph of that size. */
import { summaryView, updateSummary } from './model-summary-view';

class ModelSummary extends HTMLElement {
  connectedCallback() {
    const select = this.querySelector<HTMLSelectElement>('select[name="size"]')!;
    let state = { size: Number(select.value) };
    const set = (selector: string, text: string) => (this.querySelector(selector)!.textContent = text);
    select.addEventListener('change', () => {
      const next = updateSummary(state, { type: 'set-size', size: Number(select.value) });
      state = next.state;
      const view = summaryView(state.size);
      this.querySelector('tbody')!.innerHTML = view.rows;
      set('.total', view.total);
      set('.memory', view.memory);
      set('.size', view.size);
      set('.summary-text', view.text);
      set('.status', view.status);
      for (const { size } of next.effects) {
        document.querySelectorAll<HTMLElement>('.model-graph [data-size]').forEach((g) => (g.hidden = g.dataset.size !== String(size)));
        document.querySelectorAll('.model-graph-size-label').forEach((l) => (l.textContent = view.size));
      }
    });
  }
}
if (!customElements.get('model-summary')) customElements.define('model-summary', ModelSummary);
