/**
 * The link to copy by hand (islands/link-control.ts) where the clipboard is not available: a
 * read-only field holding the whole link, focused and selected, after a German sentence.
 */
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyLink, showLinkToCopy } from '../../src/components/islands/link-control';

const URL_ = 'http://localhost/modell/?summary-size=16#live-demo';

describe('the link to copy by hand', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts the link into a read-only field, focused and selected', () => {
    const { document } = parseHTML('<!doctype html><html><body><p class="link-status" role="status"></p></body></html>');
    const status = document.querySelector('.link-status') as unknown as HTMLElement;
    const field = status.ownerDocument.createElement('input') as HTMLInputElement;
    const focus = vi.spyOn(Object.getPrototypeOf(field), 'focus').mockImplementation(() => {});
    const select = vi.fn();
    Object.getPrototypeOf(field).select = select;
    const shown = showLinkToCopy(status, URL_, 'Mehr dazu.');
    expect(shown.value).toBe(URL_);
    expect(shown.readOnly).toBe(true);
    expect(shown.getAttribute('aria-label')).toBe('Link zum Kopieren');
    expect(status.querySelector('input')).toBe(shown);
    expect(status.textContent).toMatch(/^Die Zwischenablage ist hier nicht erreichbar\. Der Link steht markiert im Feld – kopiere ihn selbst/);
    expect(status.textContent).toMatch(/Mehr dazu\.$/);
    expect(focus).toHaveBeenCalled();
    expect(select).toHaveBeenCalled();
  });

  it('falls back to the field when the clipboard is missing', async () => {
    const { document } = parseHTML('<!doctype html><html><body><p class="link-status"></p></body></html>');
    const status = document.querySelector('.link-status') as unknown as HTMLElement;
    vi.stubGlobal('navigator', {});
    await copyLink(status, URL_);
    expect((status.querySelector('input') as HTMLInputElement | null)?.value).toBe(URL_);
  });
});
