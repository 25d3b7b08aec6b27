/**
 * Custom elements for the live demos: the page ships only this small class; the demo's code
 * is imported when the reader presses its start button ([data-action="start"]) or makes a
 * first move in a control marked [data-starts] (choosing a sample or an own image): then the
 * demo starts with that choice, which the app receives as `trigger`. A page opened from the demo's
 * link (a URL parameter with its `linkPrefix`) starts it at once, with the element itself as `trigger`.
 */
import { de } from './de';

/** A demo's start: takes over the server-rendered `root`; `trigger` is the control whose first move started it, the element itself when the page was opened from its link, or null. */
export type DemoStarter = (root: HTMLElement, trigger: Element | null) => Promise<void>;

/** Defines the custom element `tag` that loads its demo (via `load`) on the first start, at once when the page's link holds a parameter with `linkPrefix`. */
export function defineLazyDemo(tag: string, load: () => Promise<DemoStarter>, linkPrefix?: string): void {
  class LazyDemo extends HTMLElement {
    #started = false;
    connectedCallback() {
      const start = this.querySelector<HTMLButtonElement>('[data-action="start"]');
      const run = async (trigger: Element | null) => {
        if (this.#started) return;
        this.#started = true;
        if (start) start.disabled = true;
        const status = this.querySelector('.status');
        if (status) status.textContent = de.loading;
        try {
          await (await load())(this, trigger);
        } catch (error) {
          const alert = this.querySelector('.error');
          if (alert) alert.textContent = de.demoStartFailed((error as Error).message);
          if (status) status.textContent = '';
          if (start) start.disabled = false;
          this.#started = false;
        }
      };
      start?.addEventListener('click', () => void run(null));
      for (const control of this.querySelectorAll('[data-starts]')) control.addEventListener('change', () => void run(control));
      if (linkPrefix && [...new URLSearchParams(location.search).keys()].some((k) => k.startsWith(linkPrefix))) void run(this);
    }
  }
  if (!customElements.get(tag)) customElements.define(tag, LazyDemo);
}
