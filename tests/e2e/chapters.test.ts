/**
 * Every chapter page: renders, is German, has a title, links the program notebook, logs no errors, requests nothing from
 * another origin, passes axe-core in light and dark mode with no rule disabled, and loads
 * under 100 KB (gzip) of JavaScript before the reader starts any demo.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { chapters, chapterPath } from '../../src/chapters';
import { NOTEBOOK_FILE } from '../../src/lib/notebook/notebook';
import { baseURL, skipReason, urlOf, useBrowser } from './fixtures';

const JS_BUDGET_GZIP = 100 * 1024;

/** Loads `url` and records what a reader's browser would: errors, foreign requests, scripts. */
async function visit(page: Page, url: string) {
  const errors: string[] = [];
  const foreign: string[] = [];
  const scripts = new Map<string, number>();
  const origin = new URL(baseURL).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) foreign.push(req.url());
  });
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    const body = await res.body().catch(() => Buffer.alloc(0));
    scripts.set(res.url(), gzipSync(body, { level: 9 }).length);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  // Let idle callbacks and lazy imports that run without interaction fire, then settle.
  await page.evaluate(() => new Promise((r) => (window.requestIdleCallback ?? setTimeout)(() => r(null))));
  await page.waitForLoadState('networkidle');
  return { response, errors, foreign, scripts };
}

describe.skipIf(!!skipReason).each(chapters)('chapter $label', ({ slug, label }) => {
  const browser = useBrowser();
  const url = urlOf(chapterPath(slug));
  // One visit per chapter serves every check below (the page stays open; dark mode is switched
  // on that same page): four page loads per chapter made this the slowest file in CI.
  let page: Page;
  let visited: Awaited<ReturnType<typeof visit>>;
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    visited = await visit(page, url);
  });
  afterAll(async () => {
    await page?.close();
  });

  it('renders in German with a title, no errors and no foreign requests', async () => {
    const { response, errors, foreign } = visited;
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    const title = await page.title();
    expect(title.length).toBeGreaterThan(10);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).not.toBe('');
    expect(await page.getByRole('link', { name: label, exact: true }).first().getAttribute('aria-current')).toBe('page');
    const notebook = page.getByRole('link', { name: 'Als Jupyter-Notebook herunterladen' });
    expect(new URL((await notebook.getAttribute('href'))!, url).href).toBe(urlOf(NOTEBOOK_FILE));
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('loads less than 100 KB of JavaScript (gzip) before any demo starts', () => {
    const { scripts } = visited;
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    const list = [...scripts].map(([u, n]) => `${new URL(u).pathname} ${(n / 1024).toFixed(1)} KB`).join(', ');
    console.log(`${slug}: ${(total / 1024).toFixed(1)} KB JavaScript (gzip) in ${scripts.size} files: ${list}`);
    expect(scripts.size).toBeGreaterThan(0); // the measurement sees Starlight's own scripts
    expect(total).toBeLessThan(JS_BUDGET_GZIP);
  });

  // Light first (the page was loaded in light mode), then the same page switched to dark: Starlight
  // follows the colour scheme live while the reader has chosen no theme.
  it.each(['light', 'dark'] as const)('has no axe-core violations in %s mode', async (colorScheme) => {
    await page.emulateMedia({ colorScheme });
    await page.waitForFunction((scheme) => document.documentElement.dataset.theme === scheme, colorScheme, { timeout: 5_000 });
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`,
    );
    expect(summary).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10); // axe really ran on the page
  });
});
