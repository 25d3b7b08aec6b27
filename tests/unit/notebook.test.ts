/**
 * The program notebook (src/lib/notebook): every Python block of the chapters in site order, the
 * original's quoted code left out, continuation fences joined, overrides carried in cell metadata.
 */
import { describe, expect, it } from 'vitest';
import { buildNotebook, type ChapterSource } from '../../src/lib/notebook/notebook';
import { generateNotebook } from '../../src/lib/notebook/notebook-node';

const fence = (meta: string, code: string) => '```python ' + meta + '\n' + code + '```\n';

const first: ChapterSource = {
  slug: 'eins',
  title: 'Kapitel eins',
  url: '/eins/',
  mdx: [
    '---\ntitle: Kapitel eins\n---\n\nText.\n',
    fence('title="Import"', 'import torch\n'),
    fence('title="Original"', 'x = 1  # the original\'s mistake\n'),
    fence('title="Die Funktion" test-after="n = 1"', 'def f(x):\n    y = x\n'),
    fence('title="Weiter" device-sub="y = x => y = 2 * x"', '    return y\n'),
    fence('title="Auszug aus f"', '    return y\n'),
  ].join('\n'),
};
const noCode: ChapterSource = { slug: 'zwei', title: 'Ohne Code', url: '/zwei/', mdx: '---\ntitle: Ohne Code\n---\nNur Text.\n' };
const third: ChapterSource = {
  slug: 'drei',
  title: 'Kapitel drei',
  url: 'https://example.org/drei/',
  mdx: '---\ntitle: Kapitel drei\n---\n' + fence('title="Übersicht" needs="torchsummary torchviz"', "%%writefile helper.py\nA = 1\n"),
};

describe('buildNotebook', () => {
  const notebook = buildNotebook([first, noCode, third], 'Titel');
  const code = notebook.cells.filter((c) => c.cell_type === 'code');

  it('writes nbformat 4.5 with unique cell ids', () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    const ids = notebook.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('puts a Markdown cell with title and link before each chapter with code, and none for chapters without', () => {
    expect(notebook.cells.map((c) => c.cell_type)).toEqual(['markdown', 'markdown', 'code', 'code', 'markdown', 'code']);
    // without the site's address a root-relative link would point into the reader's Jupyter server
    expect(notebook.cells[1].source.join('')).toBe('## Kapitel eins\n\nErklärt im Kapitel „Kapitel eins“ des Tutorials (Seite `/eins/`).');
    expect(notebook.cells[4].source.join('')).toContain('[Kapitel drei](https://example.org/drei/)');
    expect(JSON.stringify(notebook)).not.toContain('Ohne Code');
  });

  it('leaves out quoted code and joins an indented fence to the block before it', () => {
    expect(code.map((c) => c.source.join(''))).toEqual(['import torch\n', 'def f(x):\n    y = x\n    return y\n', '%%writefile helper.py\nA = 1\n']);
    expect(JSON.stringify(notebook)).not.toContain("original's mistake");
  });

  it('carries where each cell comes from and its declared overrides in the metadata', () => {
    const joined = code[1].metadata.caltech101;
    expect(joined.where).toBe('eins.mdx:15');
    expect(joined.title).toBe('Die Funktion + Weiter');
    expect(joined.attributes).toEqual([
      ['title', 'Die Funktion'],
      ['test-after', 'n = 1'],
      ['title', 'Weiter'],
      ['device-sub', 'y = x => y = 2 * x'],
    ]);
    expect(code[2].metadata.caltech101.attributes).toContainEqual(['needs', 'torchsummary torchviz']);
  });
});

describe('the project notebook', () => {
  const notebook = generateNotebook(process.cwd());
  const code = notebook.cells.filter((c) => c.cell_type === 'code');

  it('holds the chapters’ program and keeps the torchsummary/torchviz cell', () => {
    expect(code.length).toBeGreaterThan(30);
    expect(code.some((c) => c.metadata.caltech101.attributes.some(([k, v]) => k === 'needs' && v.includes('torchsummary')))).toBe(true);
    expect(code.every((c) => !/^(Original|Auszug)/.test(c.metadata.caltech101.title))).toBe(true);
    expect(code[0].metadata.caltech101.where).toMatch(/^bibliotheken\.mdx:\d+$/);
  });
});
