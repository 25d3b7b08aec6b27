/**
 * The visible text of the built lessons (dist/<slug>/index.html): what a reader reads in a chapter.
 * Shared by the word count (tests/count-lesson-words.ts) and the lesson rule (tests/e2e/lesson-rule.test.ts).
 *
 * Counted: running text, headings, lists, tables, asides and folded answers (<details>) inside the
 * page's main content. Not counted: code frames (Expressive Code, <pre>), scripts and styles, SVG
 * charts, text only screen readers get (.sr-only) and the live demos (custom elements other than Starlight's own).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { chapters, chapterPath } from '../../src/chapters';

/** Chapters that are not lessons: the appendix, the glossary and the demo list. */
export const NOT_LESSONS = new Set(['unter-der-haube', 'glossar', 'live-demos']);

/** The lessons' slugs in reading order. */
export const lessonSlugs = (): string[] => chapters.map((c) => c.slug).filter((s) => !NOT_LESSONS.has(s));

/** Selectors of what is not running text: code frames, scripts, charts and live demos. */
const HIDDEN = ['.expressive-code', '.sr-only', 'pre', 'script', 'style', 'template', 'svg', 'noscript'];

/** The main content element of a built page with code frames, scripts, charts and demos removed. */
export function lessonContent(html: string): Element {
  const { document } = parseHTML(html);
  const main = document.querySelector('.sl-markdown-content') ?? document.querySelector('main');
  if (!main) throw new Error('no .sl-markdown-content or <main> in the page');
  for (const el of [...main.querySelectorAll(HIDDEN.join(','))]) el.remove();
  // Live demos are custom elements (<training-demo> …); Starlight's own (<starlight-tabs>) hold content.
  for (const el of [...main.querySelectorAll('*')]) {
    const tag = el.tagName.toLowerCase();
    if (tag.includes('-') && !tag.startsWith('starlight-') && el.isConnected) el.remove();
  }
  return main as unknown as Element;
}

/** The visible text of a built page's content: its text nodes joined by spaces (so blocks never run together). */
export function lessonText(html: string): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) parts.push(node.nodeValue ?? '');
    for (const child of [...node.childNodes]) walk(child);
  };
  walk(lessonContent(html) as unknown as Node);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Words in a text: whitespace-separated tokens that contain a letter or a digit. */
export const countWords = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** The built page of a chapter in `dist`. */
export const builtPage = (dist: string, slug: string): string => readFileSync(join(dist, chapterPath(slug), 'index.html'), 'utf8');

/** Visible words per lesson in a built site, and their sum. */
export function countLessonWords(dist = 'dist'): { perChapter: Record<string, number>; total: number } {
  const perChapter = Object.fromEntries(lessonSlugs().map((slug) => [slug, countWords(lessonText(builtPage(dist, slug)))]));
  return { perChapter, total: Object.values(perChapter).reduce((a, b) => a + b, 0) };
}
