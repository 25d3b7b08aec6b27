/**
 * The whole program as one Jupyter notebook: every Python block of the chapters, in site order.
 *
 * This is the one extraction of the chapters' code. The build writes the notebook into `dist/`
 * (src/integrations/notebook.ts) and the chapter runner (tests/python/run_chapters.py) executes
 * exactly its code cells, so the file a reader downloads is the program CI ran (overrides aside).
 * Pure: it takes the chapters' MDX text and knows nothing of files (see notebook-node.ts).
 * No npm imports, so Node runs it directly (type stripping) on a machine without node_modules.
 */
import { checkFences } from './fences.ts';

/** One chapter's source, as the generator needs it. */
export interface ChapterSource {
  slug: string;
  /** The page title (its frontmatter `title`). */
  title: string;
  /** Where a reader finds the chapter online (absolute URL, or a path relative to the site). */
  url: string;
  /** The chapter's MDX text. */
  mdx: string;
}

/** A fence's meta attribute, `key="value"`, in the order written (keys may repeat). */
export type Attribute = [key: string, value: string];

/** A Python block of a chapter: a fence, or several fences joined (a function explained in parts). */
export interface ProgramBlock {
  /** `slug.mdx:line` of the (first) fence. */
  where: string;
  /** The fences' titles, joined with ' + '. */
  title: string;
  code: string;
  attributes: Attribute[];
}

/** What a code cell carries in `metadata.caltech101`: where it comes from and its overrides. */
export interface CellOrigin {
  where: string;
  title: string;
  /** The fence meta's attributes: `needs`, and the override mechanism's `PROFILE-sub/-after`. */
  attributes: Attribute[];
}

/** A cell of nbformat 4.5 (only the fields this notebook uses). */
export type NotebookCell =
  | { cell_type: 'markdown'; id: string; metadata: Record<string, never>; source: string[] }
  | {
      cell_type: 'code';
      id: string;
      metadata: { caltech101: CellOrigin };
      source: string[];
      execution_count: null;
      outputs: [];
    };

/** An nbformat 4.5 notebook. */
export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
}

/** File name of the notebook in `dist/` (and the link every page carries). */
export const NOTEBOOK_FILE = 'caltech101-programm.ipynb';

const FENCE = /^```python([^\n]*)\n([\s\S]*?)^```/gm;
/** Fences that quote code rather than teach it: the original's mistakes, excerpts repeated in a tab. */
const QUOTED = /title="(Original|Auszug[^"]*)"/;
/** key="value" or key='value' (Expressive Code's attribute syntax). */
const META_ATTRIBUTE = /([\w-]+)=(?:"([^"]*)"|'([^']*)')/g;

/** The attributes of a fence's meta line, in order. */
export function parseMeta(meta: string): Attribute[] {
  return [...meta.matchAll(META_ATTRIBUTE)].map((m) => [m[1], m[2] ?? m[3]] as Attribute);
}

/** The page title in an MDX file's frontmatter. Throws when there is none. */
export function readTitle(mdx: string, slug: string): string {
  const front = /^---\n([\s\S]*?)\n---/.exec(mdx);
  const line = front && /^title:\s*(.+)$/m.exec(front[1]);
  if (!line) throw new Error(`${slug}.mdx: no title in the frontmatter`);
  return line[1].trim().replace(/^(['"])(.*)\1$/, '$2');
}

/** Where a chapter's MDX lives in the project (for messages that name the file). */
export const chapterFile = (slug: string) => `src/content/docs/${slug}.mdx`;

/**
 * The Python fences of one chapter that belong to the program (quoted code left out), in order.
 * Throws a FenceError naming file and line when a fence is left open (fences.ts).
 */
export function extractFences(slug: string, mdx: string): ProgramBlock[] {
  checkFences(chapterFile(slug), mdx);
  const fences: ProgramBlock[] = [];
  for (const m of mdx.matchAll(FENCE)) {
    const meta = m[1];
    if (QUOTED.test(meta)) continue;
    const line = mdx.slice(0, m.index).split('\n').length;
    const attributes = parseMeta(meta);
    const title = attributes.findLast(([k]) => k === 'title')?.[1] ?? '';
    fences.push({ where: `${slug}.mdx:${line}`, title, code: m[2], attributes });
  }
  return fences;
}

/** Fence meta that puts a fence into the notebook cell of the fence before it: `cell="continue"`. */
export const CONTINUE_CELL: Attribute = ['cell', 'continue'];

/**
 * Joins continuation fences: a fence whose first non-blank line is indented continues the block
 * before it (a function explained in parts), so the pieces form the one definition they are. So
 * does a fence marked `cell="continue"`: code that must run in one Jupyter cell although the page
 * explains it in parts (a matplotlib figure: the inline backend shows and closes it at the end of
 * the cell that made it). Joining only concatenates, so the program text (the records' code hash,
 * tests/python/chapters_record.py) stays the same.
 */
export function joinContinuations(fences: ProgramBlock[]): ProgramBlock[] {
  const blocks: ProgramBlock[] = [];
  for (const fence of fences) {
    const first = fence.code.split('\n').find((l) => l.trim() !== '') ?? '';
    const last = blocks.at(-1);
    const marked = fence.attributes.some(([k, v]) => k === CONTINUE_CELL[0] && v === CONTINUE_CELL[1]);
    if (last && (/^[ \t]/.test(first) || marked)) {
      last.code += fence.code;
      last.attributes.push(...fence.attributes);
      last.title += ` + ${fence.title}`;
    } else {
      blocks.push({ ...fence, attributes: [...fence.attributes] });
    }
  }
  return blocks;
}

/** Splits text into notebook source lines, each keeping its '\n' (joined, they give the text back). */
function sourceLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * Where the chapter explains these cells: a link when its URL is absolute (the build knows the
 * site's address, SITE_URL); else its path in words, since a root-relative link would point into
 * the reader's Jupyter server once the file is downloaded.
 */
function explainedIn(chapter: ChapterSource): string {
  return /^https?:\/\//.test(chapter.url)
    ? `Erklärt im Kapitel [${chapter.title}](${chapter.url}).`
    : `Erklärt im Kapitel „${chapter.title}“ des Tutorials (Seite \`${chapter.url}\`).`;
}

/** The notebook's introduction: how to run it and every package the program imports (Kapitel „Die Bibliotheken“). */
export const INTRO =
  'Das ganze Programm des Tutorials: jeder Python-Block der Kapitel, in der Reihenfolge der Seite. ' +
  'Führe die Zellen von oben nach unten aus.\n\n' +
  'Das Programm braucht diese Pakete: ' +
  '`pip install torch torchvision scipy matplotlib tqdm torchsummary torchviz`. ' +
  'SciPy ruft das Programm nie selbst auf, aber torchvision liest damit jedes Bild des Datensatzes. ' +
  '`numpy` (für die `.npz`-Datei des Modells) kommt mit `torch`, `json` gehört zu Python selbst. ' +
  'torchviz zeichnet den Rechengraphen mit dem Programm Graphviz, das `pip` nicht mitinstalliert ' +
  '(zum Beispiel `sudo apt install graphviz` oder `brew install graphviz`). ' +
  'Beim ersten Lauf lädt das Programm den Datensatz Caltech 101 aus dem Internet, ' +
  'im letzten Teil außerdem die vortrainierten Gewichte von ResNet-18.';

/** A warning in a chapter's heading cell, for parts a reader may want to skip (keyed by slug). */
export const CHAPTER_NOTES: Partial<Record<string, string>> = {
  besser:
    '> **Optional und lang.** Ab hier trainiert das Notebook zwei weitere Modelle: `BetterCNN` zehn Epochen lang ' +
    'und danach ResNet-18 fünf Epochen lang, dessen vortrainierte Gewichte es vorher aus dem Internet lädt. ' +
    'Auf einem Prozessor dauert das Stunden. Das Programm der vorherigen Kapitel ist an dieser Stelle vollständig; ' +
    'du kannst hier aufhören oder nur einzelne Zellen ausführen.',
};

/** The program's blocks in site order (continuations joined across a chapter's fences). */
export function programBlocks(chapters: ChapterSource[]): ProgramBlock[] {
  return chapters.flatMap((c) => joinContinuations(extractFences(c.slug, c.mdx)));
}

/**
 * The notebook: an introduction, then per chapter with Python blocks a Markdown cell (its title
 * and link) followed by one code cell per block, each carrying its origin and overrides in
 * `metadata.caltech101`.
 */
export function buildNotebook(chapters: ChapterSource[], siteTitle: string): Notebook {
  const cells: NotebookCell[] = [
    {
      cell_type: 'markdown',
      id: 'intro',
      metadata: {},
      source: sourceLines(
`# ${siteTitle}\n\n${INTRO}`),
    },
  ];
  for (const chapter of chapters) {
    const blocks = joinContinuations(extractFences(chapter.slug, chapter.mdx));
    if (blocks.length === 0) continue;
    cells.push({
      cell_type: 'markdown',
      id: `${chapter.slug}`,
      metadata: {},
      source: sourceLines(`## ${chapter.title}\n\n${explainedIn(chapter)}${CHAPTER_NOTES[chapter.slug] ? `\n\n${CHAPTER_NOTES[chapter.slug]}` : ''}`),
    });
    blocks.forEach((block, i) => {
      cells.push({
        cell_type: 'code',
        id: `${chapter.slug}-${i + 1}`,
        metadata: { caltech101: { where: block.where, title: block.title, attributes: block.attributes } },
        source: sourceLines(block.code),
        execution_count: null,
        outputs: [],
      });
    });
  }
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    cells,
  };
}
