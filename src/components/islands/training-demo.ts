/**
 * <training-demo>: reads the adapter's limits to offer only sizes that fit, and loads the
 * training code (and, in its worker, TensorFlow.js) when the reader presses "Training starten".
 */
import { de } from './de';
import { formatNumber } from '../../lib/format';
import { fc1WeightBytes } from '../../lib/model/spec';

const t = de.training;

class TrainingDemo extends HTMLElement {
  #loaded = false;
  async connectedCallback() {
    const start = this.querySelector<HTMLButtonElement>('[data-action="start"]')!;
    start.addEventListener('click', async () => {
      if (this.#loaded) return;
      this.#loaded = true;
      try {
        const { startTrainingDemo } = await import('./training-demo-app');
        startTrainingDemo(this);
      } catch (error) {
        this.querySelector('.error')!.textContent = t.error.load((error as Error).message);
        this.#loaded = false;
      }
    });
    const sizeSelect = this.querySelector<HTMLSelectElement>('select[name="size"]')!;
    const warn = this.querySelector<HTMLElement>('.memory-note')!;
    sizeSelect.addEventListener('change', () => {
      const s = Number(sizeSelect.value);
      warn.hidden = s < 128;
      warn.textContent = s === 224 ? t.memory.full : t.memory.large(s, formatNumber(fc1WeightBytes(s) / 4 / 1e6, 1));
    });
    // Offer only input sizes whose largest buffer (fc1's weights) the GPU can hold.
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
    const note = this.querySelector<HTMLElement>('.size-note')!;
    if (!adapter) return;
    const limit = Math.min(adapter.limits.maxStorageBufferBindingSize, adapter.limits.maxBufferSize);
    const off: string[] = [];
    for (const option of this.querySelectorAll<HTMLOptionElement>('select[name="size"] option')) {
      if (fc1WeightBytes(Number(option.value)) > limit) {
        option.disabled = true;
        off.push(`${option.value} × ${option.value}`);
      }
    }
    if (off.length) {
      note.hidden = false;
      note.textContent = t.memory.limit(formatNumber(limit / 2 ** 20), off.join(', '));
    }
  }
}
if (!customElements.get('training-demo')) customElements.define('training-demo', TrainingDemo);
