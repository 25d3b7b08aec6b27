/**
 * Custom elements for the live demos: the page ships only this small class; the demo's code
 * is imported when the reader presses its start button ([data-action="start"]).
 */
export function defineLazyDemo(tag: string, load: () => Promise<(root: HTMLElement) => Promise<void>>): void {
  class LazyDemo extends HTMLElement {
    #started = false;
    connectedCallback() {
      const start = this.querySelector<HTMLButtonElement>('[data-action="start"]');
      start?.addEventListener('click', async () => {
        if (this.#started) return;
        this.#started = true;
        start.disabled = true;
        const status = this.querySelector('.status');
        if (status) status.textContent = 'Lädt …';
        try {
          await (await load())(this);
        } catch (error) {
          const alert = this.querySelector('.error');
          if (alert) alert.textContent = `Die Demo konnte nicht starten: ${(error as Error).message}. Lade die Seite neu und versuche es noch einmal.`;
          if (status) status.textContent = '';
          start.disabled = false;
          this.#started = false;
        }
      });
    }
  }
  if (!customElements.get(tag)) customElements.define(tag, LazyDemo);
}
