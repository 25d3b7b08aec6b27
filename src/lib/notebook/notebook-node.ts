/**
 * The notebook generator's file side: reads the chapters (src/chapters.ts order) from
 * src/content/docs/ and builds the notebook (notebook.ts). Used by the build integration and by
 * scripts/notebook.ts (which the chapter runner calls). Imports only .ts files and Node builtins,
 * so `node scripts/notebook.ts` runs without node_modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chapterPath, chapters } from '../../chapters.ts';
import { buildNotebook, readTitle, type ChapterSource, type Notebook } from './notebook.ts';

/** Where a chapter lives online: absolute under `site` when given, else a path from the site root. */
export function chapterUrl(slug: string, base = '/', site?: string): string {
  const path = `${base.replace(/\/?$/, '/')}${chapterPath(slug)}`;
  return site ? new URL(path, site).href : path;
}

/** Reads every chapter's MDX in site order. */
export function readChapterSources(root: string, base = '/', site?: string): ChapterSource[] {
  return chapters.map(({ slug }) => {
    const mdx = readFileSync(join(root, 'src', 'content', 'docs', `${slug}.mdx`), 'utf8');
    return { slug, title: readTitle(mdx, slug), url: chapterUrl(slug, base, site), mdx };
  });
}

/** The notebook of the project at `root`, titled like its start page. */
export function generateNotebook(root: string, base = '/', site?: string): Notebook {
  const sources = readChapterSources(root, base, site);
  return buildNotebook(sources, sources.find((c) => c.slug === 'index')?.title ?? 'Caltech 101');
}

/** The notebook as the text of an .ipynb file. */
export function serializeNotebook(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}
