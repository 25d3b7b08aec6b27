/**
 * <model-summary>: redraws the summary table for the picked input size and shows the model graph
 * of that size. A page opened from the summary's link (summary-size=…) shows that size at once.
 */
import { hasLink, noticesText, readLink } from '../../lib/demo/link-state';
import { summaryLink } from '../../lib/demo/link-specs';
import { addLinkBar, copyLink, linkOf, replaceLink } from './link-control';
import { summaryView, updateSummary, type SummaryEffect } from './model-summary-view';

class ModelSummary extends HTMLElement {
  connectedCallback() {
    const select = this.querySelector<HTMLSelectElement>('select[name="size"]')!;
    let state = { size: Number(select.value) };
    const set = (selector: string, text: string) => (this.querySelector(selector)!.textContent = text);
    const run = (effect: SummaryEffect) => {
      if (effect.type === 'write-link') return replaceLink(summaryLink, effect.link);
      document.querySelectorAll<HTMLElement>('.model-graph [data-size]').forEach((g) => (g.hidden = g.dataset.size !== String(effect.size)));
      document.querySelectorAll('.model-graph-size-label').forEach((l) => (l.textContent = summaryView(effect.size).size));
    };
    const choose = (size: number) => {
      const next = updateSummary(state, { type: 'set-size', size });
      state = next.state;
      const view = summaryView(state.size);
      select.value = String(state.size);
      this.querySelector('tbody')!.innerHTML = view.rows;
      set('.total', view.total);
      set('.memory', view.memory);
      set('.size', view.size);
      set('.summary-text', view.text);
      set('.status', view.status);
      next.effects.forEach(run);
    };
    select.addEventListener('change', () => choose(Number(select.value)));
    const bar = addLinkBar(this, () => void copyLink(bar.status, linkOf(this)));
    if (hasLink(summaryLink, location.search)) {
      const { values, notices } = readLink(summaryLink, location.search);
      bar.note.textContent = noticesText(summaryLink.demo, notices);
      choose(values.size);
    }
  }
}
if (!customElements.get('model-summary')) customElements.define('model-summary', ModelSummary);
