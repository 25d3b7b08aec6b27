/**
 * <training-demo>: before the demo loads, it keeps the form honest (sizes the GPU cannot hold are
 * off; the per-class choice follows the chosen size's images; a remembered backend can be
 * forgotten), and it loads the training code (and, in its worker, TensorFlow.js) when the reader
 * presses "Training starten".
 */
import { de } from './de';
import { formatNumber } from '../../lib/format';
import { perClassChoicesFor } from '../../lib/demo/options';
import { fc1WeightBytes } from '../../lib/model/spec';
import { adapterFacts, parseRememberedChoice, rememberKey } from '../../lib/webgpu/backend';
import type { BackendStore } from './training-effects';
import { rememberedText } from './training-view';
import { wireTrainingLink } from './training-link';

const t = de.training;

class TrainingDemo extends HTMLElement {
  #loaded = false;
  #store: BackendStore = null;
  /** The WebGPU adapter's buffer limits, once requested (the memory check before a start). */
  #limits: { maxBufferSize: number; maxStorageBufferBindingSize: number } | null = null;
  async connectedCallback() {
    const $ = <T extends HTMLElement>(selector: string) => this.querySelector<T>(selector)!;
    const start = $<HTMLButtonElement>('[data-action="start"]');
    start.addEventListener('click', async () => {
      if (this.#loaded) return;
      this.#loaded = true;
      try {
        (await import('./training-demo-app')).startTrainingDemo(this, this.#store, () => this.#limits);
      } catch (error) {
        $('.error').textContent = t.error.load((error as Error).message);
        this.#loaded = false;
      }
    });
    const size = $<HTMLSelectElement>('select[name="size"]');
    const perClass = $<HTMLSelectElement>('select[name="perClass"]');
    const followSize = () => {
      const s = Number(size.value);
      const warn = $('.memory-note');
      warn.hidden = s < 128;
      warn.textContent = s === 224 ? t.memory.full : t.memory.large(s, formatNumber(fc1WeightBytes(s) / 4 / 1e6, 1));
      const available = Number(size.selectedOptions[0]?.dataset.perClass ?? Infinity);
      const follow = perClassChoicesFor(available, Number(perClass.value));
      // By value: a link may have added a number the form does not list (training-link.ts).
      for (const c of follow.choices) for (const o of perClass.options) if (o.value === String(c.value)) o.disabled = c.disabled;
      perClass.value = String(follow.selected);
      const note = $('.per-class-note');
      note.hidden = !follow.limited;
      note.textContent = follow.limited ? t.form.perClassLimited(s, available) : '';
    };
    wireTrainingLink(this);
    size.addEventListener('change', followSize);
    followSize();
    // Offer only input sizes whose largest buffer (fc1's weights) the GPU can hold.
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
    if (!adapter) return;
    this.#limits = { maxBufferSize: adapter.limits.maxBufferSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize };
    this.#store = typeof localStorage === 'undefined' ? null : { key: rememberKey(adapterFacts(adapter), navigator.userAgent), storage: localStorage };
    this.#showRemembered();
    const limit = Math.min(adapter.limits.maxStorageBufferBindingSize, adapter.limits.maxBufferSize);
    const off = [...size.options].filter((option) => fc1WeightBytes(Number(option.value)) > limit);
    for (const option of off) option.disabled = true;
    if (off.length) Object.assign($('.size-note'), { hidden: false, textContent: t.memory.limit(formatNumber(limit / 2 ** 20), off.map((o) => `${o.value} × ${o.value}`).join(', ')) });
  }

  /** Before the demo loads: the remembered backend and "Neu messen" (afterwards the island's view shows both). */
  #showRemembered() {
    const choice = this.#store && parseRememberedChoice(this.#store.storage.getItem(this.#store.key));
    const button = this.querySelector<HTMLButtonElement>('[data-action="remeasure"]')!;
    const text = this.querySelector<HTMLElement>('.remembered')!;
    if (!choice || this.#loaded) return;
    Object.assign(text, { hidden: false, textContent: rememberedText(choice) });
    Object.assign(button, { hidden: false, disabled: false });
    button.addEventListener('click', () => {
      if (this.#loaded) return; // the island handles it
      this.#store?.storage.removeItem(this.#store.key);
      text.hidden = button.hidden = true;
    });
  }
}
if (!customElements.get('training-demo')) customElements.define('training-demo', TrainingDemo);
