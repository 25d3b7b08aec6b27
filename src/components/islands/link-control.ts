/**
 * The link of a demo in the page: the "Link kopieren" button with its live region and the
 * notices of the link it was opened from, added under the demo's controls, and the two effects
 * every demo's reducer may return — put the state into the address (history.replaceState) and
 * copy the link. The words are in de-links.ts; reading and writing the parameters is
 * src/lib/demo/link-state.ts.
 */
import { writeLink, type LinkSpec, type LinkValues } from '../../lib/demo/link-state';
import { DE_LINKS } from './de-links';

/** The link bar of one demo: `note` shows notices, `status` the copy's result. */
export interface LinkBar {
  button: HTMLButtonElement;
  status: HTMLElement;
  note: HTMLElement;
}

/** Adds the link bar under `root`'s controls (once); `copy` runs on a press of the button. */
export function addLinkBar(root: HTMLElement, copy: () => void): LinkBar {
  const bar = document.createElement('div');
  bar.className = 'link-bar';
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: DE_LINKS.copy });
  button.dataset.action = 'copy-link';
  const status = Object.assign(document.createElement('p'), { className: 'link-status' });
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const note = Object.assign(document.createElement('p'), { className: 'link-notes' });
  note.setAttribute('role', 'status');
  bar.append(button, status);
  const controls = root.querySelector('.controls');
  if (controls) controls.after(bar, note);
  else root.querySelector('section')!.append(bar, note);
  button.addEventListener('click', copy);
  return { button, status, note };
}

/** Puts `values` of `spec` into the address bar, keeping the path, the other parameters and the #fragment. */
export function replaceLink<S extends LinkSpec>(spec: S, values: LinkValues<S>): void {
  const search = writeLink(spec, values, location.search);
  try {
    history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  } catch {
    // Browsers limit replaceState calls (Safari: 100 per 30 s); the next change writes the link again.
  }
}

/** The demo's link: this address, with the #fragment of the heading the demo stands under (if it has one). */
export function linkOf(root: HTMLElement): string {
  const url = new URL(location.href);
  for (let node: Element | null = root; node && node !== document.body; node = node.parentElement) {
    for (let prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
      const heading = prev.matches('h2[id], h3[id]') ? prev : prev.querySelector('h2[id], h3[id]');
      if (heading) return Object.assign(url, { hash: `#${heading.id}` }).href;
    }
  }
  return url.href;
}

/** Copies `url` and says so in `status`: "Link kopiert." (plus `extra`), or the link itself to copy by hand. */
export async function copyLink(status: HTMLElement, url: string, extra = ''): Promise<void> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(url);
    status.textContent = [DE_LINKS.copied, extra].filter(Boolean).join(' ');
  } catch {
    showLinkToCopy(status, url, extra);
  }
}

/** Shows `url` in `status` in a read-only field, focused and selected, so the reader can copy it by hand. */
export function showLinkToCopy(status: HTMLElement, url: string, extra = ''): HTMLInputElement {
  const doc = status.ownerDocument;
  const field = Object.assign(doc.createElement('input'), { type: 'text', readOnly: true, value: url, className: 'link-copy-field' });
  field.setAttribute('aria-label', DE_LINKS.fallbackField);
  field.addEventListener('focus', () => field.select());
  status.replaceChildren(`${DE_LINKS.fallbackIntro} `, field, ...(extra ? [` ${extra}`] : []));
  field.focus();
  field.select();
  return field;
}
