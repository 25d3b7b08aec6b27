/**
 * The site on a phone (390 × 844) and the demos' findability: no chapter scrolls sideways, the
 * wide figures scroll inside their own box, chart and graph text stays ≥ 11 px, and every demo
 * has a "Live-Demo: …" heading in "Auf dieser Seite" that the "Alle Live-Demos" page links to.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chapters, chapterPath } from '../../src/chapters';
import { skipReason, urlOf, useBrowser } from './fixtures';

const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways (0 when it fits). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Smallest on-screen font size (px) of the visible SVG text under `selector`. */
const smallestSvgText = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((roots) => {
    const sizes: number[] = [];
    for (const root of roots)
      for (const text of root.querySelectorAll<SVGTextElement>('text')) {
        if (!text.getClientRects().length || !text.textContent?.trim()) continue;
        const scale = text.getScreenCTM()?.a ?? 1;
        sizes.push(parseFloat(getComputedStyle(text).fontSize) * scale);
      }
    return sizes.length ? Math.min(...sizes) : 0;
  });

/**
 * Every visible labelled region in `scopes` (this project's figures; code blocks are Starlight's own), as the reader meets it: whether its content is wider than
 * the box, whether a hint inside it is visible, and whether the keyboard reaches it (tabindex 0, a label).
 */
const scrollRegions = (page: Page, scopes: string[]) =>
  page.locator(scopes.map((scope) => `${scope} [role="region"][aria-label]`).join(', ')).evaluateAll((boxes) =>
    boxes
      .filter((b) => b.getClientRects().length > 0)
      .map((b) => ({
        label: b.getAttribute('aria-label')!,
        overflows: b.scrollWidth > b.clientWidth + 1,
        hint: [...b.querySelectorAll<HTMLElement>('.scroll-hint, .model-graph-hint')].some((h) => h.offsetWidth > 0 && h.checkVisibility()),
        keyboard: (b as HTMLElement).tabIndex === 0,
      })),
  );

describe.skipIf(!!skipReason)('wide figures at 1280 and 390 px', () => {
  const browser = useBrowser({ webgpu: false });

  it.each([
    [1280, 900],
    [390, 844],
  ])('shows a visible scroll hint exactly where a summary, graph or batch grid is wider than its box (%i px)', async (width, height) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(urlOf('modell/'));
    const model = await scrollRegions(page, ['model-summary', '.model-graph']);
    await page.goto(urlOf('visualisierung/'));
    const preview = page.locator('batch-preview');
    await preview.getByRole('button', { name: 'Stichprobe ziehen' }).click();
    await preview.getByRole('status').filter({ hasText: '64 Trainingsbilder' }).waitFor({ timeout: 30_000 });
    const grid = await scrollRegions(page, ['batch-preview']);
    const regions = [...model, ...grid];
    expect(regions.map((r) => r.label.split(' (')[0])).toEqual(['Tabelle der Schichten', 'Rechengraph', 'Raster der Stichprobe']);
    expect(regions.map((r) => [r.label, r.overflows, r.hint])).toEqual(regions.map((r) => [r.label, r.overflows, r.overflows]));
    for (const r of regions) expect(r.keyboard).toBe(true);
    // On the phone all three are wider than the screen (they keep a readable size); on the desktop none is.
    expect(regions.filter((r) => r.overflows).length).toBe(width < 500 ? regions.length : 0);
    // Class names in the grid sit on a dark band, readable on a white picture too.
    const band = await preview.locator('.labels span').first().evaluate((s) => getComputedStyle(s).backgroundColor);
    expect(band).toMatch(/^rgba\(0, 0, 0, 0\.[5-9]/);
    await page.close();
  });
});

/** Every visible content table outside the demos: whether it is wider than its box, whether a visible note sits right before it, whether the keyboard reaches it. */
const contentTables = (page: Page) =>
  page.locator('.sl-markdown-content table').evaluateAll((tables) =>
    tables
      .filter((t) => t.getClientRects().length > 0 && !t.closest('.demo') && getComputedStyle(t).overflowX === 'auto')
      .map((t) => {
        const note = t.previousElementSibling as HTMLElement | null;
        return {
          overflows: t.scrollWidth > t.clientWidth + 1,
          hint: !!note?.classList.contains('table-scroll-hint') && note.offsetWidth > 0 && /seitlich wischen/.test(note.textContent ?? ''),
          keyboard: (t as HTMLElement).tabIndex === 0,
        };
      }),
  );

describe.skipIf(!!skipReason)('wide content tables at 1280 and 390 px', () => {
  const browser = useBrowser({ webgpu: false });

  it.each([
    [1280, 900],
    [390, 844],
  ])('carry a visible sideways-scroll note exactly where they are wider than the text column (%i px)', async (width, height) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    let wide = 0;
    for (const slug of ['ergebnisse', 'loss-optimizer', 'besser', 'korrekturen', 'cnn']) {
      await page.goto(urlOf(`${slug}/`));
      const tables = await contentTables(page);
      expect(tables.length, slug).toBeGreaterThan(0);
      expect(tables.map((t) => [slug, t.overflows, t.hint])).toEqual(tables.map((t) => [slug, t.overflows, t.overflows]));
      for (const t of tables.filter((x) => x.overflows)) expect(t.keyboard).toBe(true);
      wide += tables.filter((t) => t.overflows).length;
    }
    // The results tables are wider than a phone's screen; the cut-off reviewers found shows up here.
    if (width < 500) expect(wide).toBeGreaterThanOrEqual(4);
    await page.close();
  });
});

describe.skipIf(!!skipReason)('on a phone (390 × 844)', () => {
  const browser = useBrowser({ webgpu: false });

  it.each(chapters)('$label does not scroll sideways', async ({ slug }) => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(urlOf(chapterPath(slug)));
    expect(await sidewaysScroll(page)).toBe(0);
    await page.close();
  });

  it('shows the whole site title in the header, wrapped between words, and the notebook link with its note', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(urlOf('data-augmentation/'));
    const title = page.locator('.site-title span').first();
    expect(await title.innerText()).toBe('Bildklassifizierung mit Caltech 101');
    // Not clipped: the text fits its box (Starlight's nowrap + overflow hidden cut it after "Calt").
    expect(await title.evaluate((s) => s.scrollWidth <= s.clientWidth + 1 && s.scrollHeight <= s.clientHeight + 1)).toBe(true);
    expect(await page.locator('.notebook-link').innerText()).toMatch(/herunterladen \(das ganze Programm/);
    await page.close();
  });

  it('keeps the graph, the summary table and the curves readable, scrolling inside their own box', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(urlOf('modell/'));
    expect(await smallestSvgText(page, '.model-graph-svg')).toBeGreaterThanOrEqual(11);
    const table = page.getByRole('region', { name: /Tabelle der Schichten/ });
    expect(await table.evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true); // the table scrolls in its box …
    expect(await table.getByRole('columnheader', { name: 'Anteil an allen Parametern' }).count()).toBe(1); // … with all its columns
    // The summary offers the same input sizes as the training demo.
    const sizes = await page.locator('model-summary select[name="size"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    await page.goto(urlOf('trainingsschleife/'));
    const trainingSizes = await page.locator('training-demo select[name="size"] option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    expect(sizes).toEqual(trainingSizes);
    await page.goto(urlOf('ergebnisse/'));
    expect(await smallestSvgText(page, '.run-curves svg')).toBeGreaterThanOrEqual(11);
    await page.close();
  });

  it('shows no empty boxes before a demo starts and fits the started demos', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(urlOf('visualisierung/'));
    const preview = page.locator('batch-preview');
    expect(await preview.locator('canvas').isVisible()).toBe(false);
    expect(await preview.getByRole('img').count()).toBe(0);
    expect(await preview.locator('.credit').innerText()).toContain('CC BY 4.0, data.caltech.edu');
    await preview.getByLabel('Augmentierung').selectOption('original'); // the first move starts it
    await preview.getByRole('status').filter({ hasText: '64 Trainingsbilder' }).waitFor({ timeout: 30_000 });
    expect(await preview.getByRole('img', { name: /Raster aus 64/ }).isVisible()).toBe(true);
    // The grid keeps a readable size and scrolls in its box; each class name stays on one line.
    expect(await preview.getByRole('region', { name: /Raster der Stichprobe/ }).evaluate((box) => box.scrollWidth > box.clientWidth)).toBe(true);
    const lines = await preview.locator('.labels span').evaluateAll((spans) => spans.map((s) => s.getClientRects().length === 1 && s.scrollHeight <= 1.5 * parseFloat(getComputedStyle(s).lineHeight)));
    expect(lines.every(Boolean)).toBe(true);
    expect(await sidewaysScroll(page)).toBe(0);
    await page.goto(urlOf('data-augmentation/'));
    await page.locator('transforms-playground').getByRole('button', { name: 'Demo starten' }).click();
    await page.locator('transforms-playground').getByRole('status').filter({ hasText: /Fertig/ }).waitFor({ timeout: 20_000 });
    expect(await sidewaysScroll(page)).toBe(0);
    expect(await smallestSvgText(page, 'transforms-playground .histograms svg')).toBeGreaterThanOrEqual(11);
    await page.close();
  });
});

describe.skipIf(!!skipReason)('finding the demos', () => {
  const browser = useBrowser({ webgpu: false });

  it('lists every "Live-Demo" heading in "Auf dieser Seite" and links each from "Alle Live-Demos"', async () => {
    const page = await browser.context.newPage();
    const demos: string[] = [];
    for (const { slug } of chapters) {
      if (slug === 'live-demos') continue;
      await page.goto(urlOf(chapterPath(slug)));
      const headings = await page.locator('main h2, main h3').evaluateAll((hs) =>
        hs.filter((h) => h.textContent!.trim().startsWith('Live-Demo')).map((h) => ({ id: h.id, text: h.textContent!.trim() })),
      );
      const toc = await page.getByRole('navigation', { name: 'Auf dieser Seite' }).first().getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash));
      for (const { id } of headings) {
        expect(id).not.toBe('');
        expect(toc).toContain(`#${encodeURIComponent(id)}`);
        demos.push(`/${chapterPath(slug)}#${id}`);
      }
    }
    expect(demos.length).toBeGreaterThanOrEqual(4);
    await page.goto(urlOf('live-demos/'));
    // Every link to a demo heading (other links, e.g. to the glossary, may be in the prose too; example
    // links with settings in their query are tests/e2e/demo-links.test.ts's matter).
    const links = (
      await page.locator('main .sl-markdown-content a').evaluateAll((as) =>
        as.filter((a) => !(a as HTMLAnchorElement).search).map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash)),
      )
    ).filter((href) => href.includes('#live-demo'));
    expect(links.sort()).toEqual(demos.sort());
    await page.goto(urlOf(''));
    expect(await page.locator('main .sl-markdown-content').getByRole('link', { name: 'Alle Live-Demos' }).count()).toBe(1);
    await page.close();
  });
});
