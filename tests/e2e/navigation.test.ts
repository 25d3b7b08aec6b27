/**
 * Moving through the site: sidebar, previous/next links, search (mouse and keyboard),
 * the code tabs that show the project's own TypeScript, and the German 404 page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { chapters, chapterPath } from '../../src/chapters';
import { extractSymbol } from '../../src/integrations/code-tabs/extract';
import { skipReason, urlOf, useBrowser } from './fixtures';

describe.skipIf(!!skipReason)('navigation', () => {
  const browser = useBrowser();

  it('lists every chapter in the sidebar, in reading order', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf(''));
    const sidebar = page.getByRole('navigation', { name: 'Hauptnavigation' });
    const links = await sidebar.getByRole('link').evaluateAll((els) =>
      els.map((a) => ({ text: a.textContent!.trim(), href: a.getAttribute('href') })),
    );
    expect(links).toEqual(chapters.map(({ slug, label }) => ({ text: label, href: `/${chapterPath(slug)}` })));
    await sidebar.getByRole('link', { name: 'Das Modell SimpleCNN' }).click();
    await expect.poll(() => page.url()).toBe(urlOf('modell/'));
    await page.close();
  });

  it('walks all chapters with "Nächste Seite" and back with "Vorherige Seite"', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf(''));
    const pagination = page.locator('.pagination-links');
    for (const { slug } of chapters.slice(1)) {
      await pagination.getByRole('link', { name: /Nächste Seite/ }).click();
      await expect.poll(() => page.url()).toBe(urlOf(chapterPath(slug)));
    }
    expect(await pagination.getByRole('link', { name: /Nächste Seite/ }).count()).toBe(0);
    for (const { slug } of chapters.slice(0, -1).reverse()) {
      await pagination.getByRole('link', { name: /Vorherige Seite/ }).click();
      await expect.poll(() => page.url()).toBe(urlOf(chapterPath(slug)));
    }
    await page.close();
  });

  it('finds a chapter with the search dialog, by mouse', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf(''));
    await page.getByRole('button', { name: 'Suchen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Suchen' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const input = dialog.getByRole('textbox', { name: 'Suchen' });
    await input.waitFor();
    await input.pressSequentially('Trainingsschleife');
    await dialog.getByText(/\d+ Ergebnisse? für Trainingsschleife/).waitFor({ timeout: 15_000 });
    await dialog.locator('a.pagefind-ui__result-link[href="/trainingsschleife/"]').click();
    await expect.poll(() => page.url()).toBe(urlOf('trainingsschleife/'));
    await page.close();
  });

  it('opens the search with Ctrl+K and closes it with Escape', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('cnn/'));
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>('button[data-open-modal]')?.disabled);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Suchen' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('textbox').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('text');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('shows the real src/lib source in the TypeScript tab, switchable by keyboard', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('modell/'));
    const block = page.locator('.lib-source[data-symbol="countParameters"]').first();
    const file = await block.getAttribute('data-file');
    const expected = extractSymbol(readFileSync(file!, 'utf8'), 'countParameters').code;
    const tab = page.getByRole('tab', { name: /TypeScript/ }).first();
    expect(await block.isVisible()).toBe(false);
    await page.getByRole('tab', { name: 'PyTorch' }).first().focus();
    await page.keyboard.press('ArrowRight');
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(await block.isVisible()).toBe(true);
    const shown = await block.locator('pre').innerText();
    expect(shown.replace(/\s+/g, ' ').trim()).toBe(expected.replace(/\s+/g, ' ').trim());
    await page.close();
  });

  it('copies a Python block to the clipboard by keyboard', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(urlOf('')).origin });
    const page = await browser.context.newPage();
    await page.goto(urlOf('bibliotheken/'));
    const block = page.locator('.expressive-code').filter({ has: page.locator('pre[data-language="python"]') }).first();
    const button = block.getByRole('button', { name: 'In Zwischenablage kopieren' });
    await button.focus();
    await page.keyboard.press('Enter');
    await block.getByText('Kopiert!').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = await block.locator('pre').innerText();
    expect(copied.trim()).toBe(shown.trim());
    expect(copied).toMatch(/^import torch$/m);
    await page.close();
  });

  it('works on a phone-sized screen: named search button, menu by keyboard, no axe violations', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(urlOf('cnn/'));
    expect(await page.getByRole('button', { name: 'Suchen' }).isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Ergebnisse' }).isVisible()).toBe(false);
    const menu = page.getByRole('button', { name: 'Menü' });
    await menu.focus();
    await page.keyboard.press('Enter');
    const link = page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Ergebnisse' });
    await expect.poll(() => link.isVisible()).toBe(true); // the menu (a popover) opened
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await link.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(urlOf('ergebnisse/'));
    await page.close();
  });

  it('answers unknown paths with a German 404 page', async () => {
    const page = await browser.context.newPage();
    const response = await page.goto(urlOf('gibt-es-nicht/'));
    expect(response?.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    expect(await page.getByRole('main').innerText()).toMatch(/Seite nicht gefunden/);
    await page.close();
  });
});
