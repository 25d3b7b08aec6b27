/**
 * The chapter files themselves: one MDX file per chapter in src/chapters.ts, each with a German
 * title and description, and every <LibSource> pointing at a real file and symbol in src/lib/.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';
import { listSymbols } from '../../src/integrations/code-tabs/extract';

const DOCS = 'src/content/docs';
const read = (slug: string) => readFileSync(`${DOCS}/${slug}.mdx`, 'utf8');

describe('chapter files', () => {
  it('match the chapter list one to one', () => {
    const files = readdirSync(DOCS).filter((f) => /\.mdx?$/.test(f)).map((f) => f.replace(/\.mdx?$/, '')).sort();
    expect(files).toEqual(chapters.map((c) => c.slug).sort());
  });

  it.each(chapters)('$slug has a title and a description in its frontmatter', ({ slug }) => {
    const front = read(slug).match(/^---\n([\s\S]*?)\n---/)?.[1] ?? '';
    expect(front).toMatch(/^title: .{5,}/m);
    expect(front).toMatch(/^description: .{20,}/m);
  });

  it.each(chapters)('$slug shows only src/lib code that exists', ({ slug }) => {
    for (const [, file, symbol] of read(slug).matchAll(/<LibSource\s+file="([^"]+)"(?:\s+symbol="([^"]+)")?/g)) {
      expect(existsSync(`src/lib/${file}`), `src/lib/${file}`).toBe(true);
      if (symbol) expect(listSymbols(readFileSync(`src/lib/${file}`, 'utf8'))).toContain(symbol);
    }
  });

  it('every chapter with Python teaches it in highlighted python fences', () => {
    const withPython = chapters.filter(({ slug }) => /```python/.test(read(slug)));
    expect(withPython.length).toBeGreaterThanOrEqual(8);
  });
});

describe('links between chapters', () => {
  const slugs = new Set(chapters.map((c) => c.slug));
  it.each(chapters)('$slug links to other chapters relatively, so any base path works', ({ slug }) => {
    const prefix = slug === 'index' ? './' : '../';
    for (const [, href] of read(slug).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|#|mailto:)/.test(href)) continue;
      expect(href.startsWith(prefix), `${href} should start with ${prefix}`).toBe(true);
      const target = href.slice(prefix.length).replace(/[?#].*$/, '').replace(/\/$/, '') || 'index';
      expect(slugs.has(target), `${href} → unknown chapter ${target}`).toBe(true);
    }
  });
});

describe('facts the chapters state about the fixed split', () => {
  // Caltech 101's index sorts the classes: Faces are images 0–434, Faces_easy 435–869, the same
  // 435 photos in the same order (image_0001 … image_0435), so image i and i + 435 are twins.
  const split = JSON.parse(readFileSync('src/data/splits/chapters.json', 'utf8')) as { train: number[]; val: number[] };
  const train = new Set(split.train);
  const faces = split.val.filter((i) => i < 870);
  const withTwin = faces.filter((i) => train.has(i < 435 ? i + 435 : i - 435));

  it('"Training und Validierung" gives the real Faces/Faces_easy overlap of the split', () => {
    const text = read('aufteilung').replace(/\s+/g, ' ');
    expect(text).toContain(`landen ${faces.length} der 870 Gesichtsbilder in der Validierung, und bei ${withTwin.length} davon liegt die andere Fassung`);
  });
});

describe('the start page', () => {
  it('lists every chapter, the appendix, the demo list and the glossary', () => {
    const index = read('index');
    const missing = chapters.filter((c) => c.slug !== 'index' && !index.includes(`](./${c.slug}/)`)).map((c) => c.slug);
    expect(missing).toEqual([]);
  });

  it('lists the appendix after the lessons, in src/chapters.ts as in the sidebar', () => {
    const firstAppendix = chapters.findIndex((c) => c.appendix);
    expect(chapters[firstAppendix].slug).toBe('unter-der-haube');
    expect(chapters.slice(firstAppendix).every((c) => c.appendix)).toBe(true);
  });
});
