/**
 * The program notebook (src/lib/notebook): every Python block of the chapters in site order, the
 * original's quoted code left out, continuation fences joined, overrides carried in cell metadata.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { programNotebook } from '../../src/integrations/notebook';
import { FenceError, checkFences } from '../../src/lib/notebook/fences';
import { buildNotebook, extractFences, type ChapterSource } from '../../src/lib/notebook/notebook';
import { generateNotebook, readChapterSources } from '../../src/lib/notebook/notebook-node';

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

describe('fences marked cell="continue"', () => {
  const figure: ChapterSource = {
    slug: 'bild',
    title: 'Ein Bild',
    url: '/bild/',
    mdx: [
      '---\ntitle: Ein Bild\n---\n',
      fence('title="Vorher"', 'x = 1\n'),
      fence('title="Anlegen"', 'fig, ax = plt.subplots()\n'),
      fence('title="Zeichnen" cell="continue"', 'ax.plot([1, 2])\n'),
      fence('title="Zeigen" cell="continue"', 'plt.show()\n'),
      fence('title="Danach"', 'y = 2\n'),
    ].join('\n'),
  };
  const code = buildNotebook([figure], 'Titel').cells.filter((c) => c.cell_type === 'code');

  it('join the block before them into one notebook cell, without changing the program text', () => {
    expect(code.map((c) => c.source.join(''))).toEqual(['x = 1\n', 'fig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()\n', 'y = 2\n']);
    expect(code[1].metadata.caltech101.title).toBe('Anlegen + Zeichnen + Zeigen');
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

  it('keeps the program text of the chapters’ fences: cells only join fences, in order', () => {
    const fences = readChapterSources(process.cwd()).flatMap((c) => extractFences(c.slug, c.mdx));
    expect(code.map((c) => c.source.join('')).join('')).toBe(fences.map((f) => f.code).join(''));
  });

  it('names every package the program imports in its introduction, and warns before the long optional part', () => {
    const intro = notebook.cells[0].source.join('');
    const imported = new Set(
      code.flatMap((c) => [...c.source.join('').matchAll(/^(?:from|import) (\w+)/gm)].map((m) => m[1])),
    );
    imported.delete('hilfsfunktionen'); // the tutorial's own file (%%writefile)
    for (const pkg of imported) expect(intro).toContain(pkg);
    expect(intro).toContain('scipy');
    expect(intro).toContain('Graphviz');
    const besser = notebook.cells.find((c) => c.id === 'besser');
    expect(besser?.source.join('')).toMatch(/Optional und lang[\s\S]*BetterCNN[\s\S]*ResNet-18/);
  });

  it('draws the learning curves of „Ergebnisse“ in one cell (Jupyter shows and closes a figure at the end of its cell)', () => {
    const plot = code.filter((c) => c.source.join('').includes('plt.subplots(2, 1'));
    expect(plot).toHaveLength(1);
    expect(plot[0].source.join('')).toMatch(/ax_loss\.plot[\s\S]*ax_acc\.plot[\s\S]*plt\.show\(\)\n$/);
  });
});

describe('a chapter whose fence is never closed', () => {
  /** [what, the MDX, the line named, or null when the fences pair up] */
  const CASES: [string, string, number | null][] = [
    ['closed fences', '# A\n```python\nx = 1\n```\n\n## B\n```bash\nls\n```\n', null],
    ['a ```python left open at the end', '# A\n\n```python\nx = 1\n\n## Weiter geht es\nText.\n', 3],
    ['a ```python left open before the next fence', '```python\nx = 1\n\n## Weiter\nText.\n\n```python\ny = 2\n```\n', 1],
    ['a ~~~ fence left open', 'Text\n~~~text\nkein Ende\n', 2],
    ['a longer outer fence that quotes a ```python fence', '````md\n```python\nx = 1\n```\n````\n', null],
    ['a closing fence longer than the opening one', '```python\nx = 1\n`````\n', null],
    ['a ``` inside a ~~~ fence', '~~~\n```python\n~~~\n', null],
    ['inline backticks that only look like a fence', '```ein `Wort` im Text```\nText.\n', null],
  ];

  it.each(CASES)('%s', (_, mdx, line) => {
    if (line === null) expect(() => checkFences('k.mdx', mdx)).not.toThrow();
    else expect(() => checkFences('k.mdx', mdx)).toThrow(new RegExp(`^k\\.mdx:${line}: the fence `));
  });

  it('says where the fence opens and what to add (error texts)', () => {
    const texts = CASES.filter(([, , line]) => line !== null).map(([, mdx]) => {
      try {
        checkFences('src/content/docs/k.mdx', mdx);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(texts).toMatchSnapshot();
  });

  it('stops the notebook generator, naming the chapter file and the fence line', () => {
    const mdx = '---\ntitle: Kaputt\n---\n\n## Eins\n\n```python title="A"\nimport torch\n\n## Zwei\n\nDeutscher Text.\n\n```python title="B"\nx = 1\n```\n';
    const chapter: ChapterSource = { slug: 'kaputt', title: 'Kaputt', url: '/kaputt/', mdx };
    expect(() => buildNotebook([chapter], 'T')).toThrow(FenceError);
    expect(() => buildNotebook([chapter], 'T')).toThrow(/^src\/content\/docs\/kaputt\.mdx:7: the fence ```python title="A" is not closed before line 14/);
  });

  describe('in the project', () => {
    // a copy of what the generator reads, with one chapter's first python fence left open
    const root = mkdtempSync(join(tmpdir(), 'broken-chapter-'));
    afterAll(() => rmSync(root, { recursive: true, force: true }));
    for (const path of ['src/content/docs', 'src/chapters.ts', 'src/lib/notebook', 'scripts/notebook.ts', 'scripts/cli.ts', 'src/lib/data/seed.ts']) cpSync(path, join(root, path), { recursive: true });
    const chapter = join(root, 'src/content/docs/modell.mdx');
    const lines = readFileSync(chapter, 'utf8').split('\n');
    const open = lines.findIndex((l) => l.startsWith('```python'));
    const close = lines.findIndex((l, i) => i > open && l.startsWith('```'));
    writeFileSync(chapter, lines.filter((_, i) => i !== close).join('\n'));
    const where = `src/content/docs/modell.mdx:${open + 1}`;

    it('fails the build as soon as the configuration is known, before any page', () => {
      const hook = programNotebook().hooks['astro:config:done'] as unknown as (options: object) => void;
      expect(() => hook({ config: { root: pathToFileURL(`${root}/`), base: '/', site: undefined } })).toThrow(`${where}: the fence `);
    });

    it('makes `npm run notebook` exit 1 with one line naming file and line', () => {
      const r = spawnSync(process.execPath, [join(root, 'scripts/notebook.ts')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toMatch(new RegExp(`^notebook: ${where.replace(/[./]/g, '\\$&')}: the fence \`\`\`python[^\\n]* is not closed before line \\d+ opens another \\(\`\`\`python[^\\n]*\\): add a line \`\`\` where its code ends$`));
    });
  });
});
