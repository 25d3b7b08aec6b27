/**
 * Every link and asset reference in the built site points at something that exists:
 * pages, files and #fragments (checked on the HTML in dist/, no browser needed).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseURL } from './fixtures';

const DIST = 'dist';

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The file in dist/ that serves a URL path, or null. */
function fileFor(pathname: string): string | null {
  const path = join(DIST, decodeURIComponent(pathname));
  if (existsSync(path) && statSync(path).isFile()) return path;
  const index = join(path, 'index.html');
  return existsSync(index) ? index : null;
}

const ids = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  if (!ids.has(file)) ids.set(file, new Set([...readFileSync(file, 'utf8').matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  return ids.get(file)!;
}

describe('links in the built site', () => {
  const pages = htmlFiles(DIST).filter((f) => !f.endsWith('404.html'));

  it('has a page for every chapter and more', () => {
    expect(pages.length).toBeGreaterThanOrEqual(12);
  });

  it.each(pages.map((p) => relative(DIST, p)))('%s links only to things that exist', (page) => {
    const html = readFileSync(join(DIST, page), 'utf8');
    const pageURL = new URL(page.replace(/index\.html$/, ''), baseURL);
    const broken: string[] = [];
    for (const [, attr, value] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const target = new URL(value.replace(/&amp;/g, '&'), pageURL);
      if (target.origin !== pageURL.origin) continue; // external: not followed (the site loads none)
      const file = fileFor(target.pathname);
      if (!file) broken.push(`${attr}=${value}`);
      else if (target.hash && file.endsWith('.html') && !idsOf(file).has(decodeURIComponent(target.hash.slice(1)))) {
        broken.push(`${attr}=${value} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('data assets in the built site', () => {
  it('serves a valid manifest and every sprite it names', async () => {
    const { validateManifest } = await import('../../src/lib/data/manifest');
    const response = await fetch(new URL('generated/caltech101/manifest.json', baseURL));
    expect(response.status).toBe(200);
    const manifest = validateManifest(await response.json());
    expect(manifest.dataset.total).toBe(8677);
    const files = [...manifest.sets.flatMap((s) => s.shards.map((sh) => sh.file)), ...manifest.samples.map((s) => s.file)];
    for (const file of files) {
      const res = await fetch(new URL(`generated/caltech101/${file}`, baseURL), { method: 'HEAD' });
      expect(res.status, file).toBe(200);
    }
  });
});
