/**
 * One vocabulary in the reader's text: the chapters' prose uses the forms the glossary defines
 * (das Logit, der Optimierer, Augmentierung, Biases, words instead of abbreviations in tables).
 * Code, headings and titles, parentheses (where the English name may stand) and the glossary
 * itself are exempt; see src/content/docs/glossar.mdx.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';

/** Forms the chapters do not use, with the form they use instead. */
export const FORBIDDEN: { pattern: RegExp; instead: string }[] = [
  { pattern: /\b(der|den|jeder|jeden|einen) Logit\b/i, instead: 'das Logit' },
  { pattern: /\bein Logit, der\b/i, instead: 'ein Logit, das' },
  { pattern: /\b(der|den) (größte|größten|kleinste|kleinsten|höchste|höchsten) Logit\b/i, instead: 'das größte Logit' },
  { pattern: /\b(ein|jeder) \p{L}+er Logit\b/iu, instead: 'ein größeres Logit' },
  { pattern: /Datenanreicherung/i, instead: 'Augmentierung' },
  { pattern: /\b(die|der|eine|einer) Augmentation\b/i, instead: 'die Augmentierung' },
  { pattern: /\bBiase\b/, instead: 'Biases' },
  { pattern: /\b(der|den|dem|des) Optimizers?\b/i, instead: 'der Optimierer' },
  { pattern: /\bTrain-Genauigkeit\b/, instead: 'Genauigkeit (Training)' },
  { pattern: /\bVal-Genauigkeit\b/, instead: 'Genauigkeit (Validierung)' },
  { pattern: /\bTrain-Verlust\b/, instead: 'Verlust (Training)' },
  { pattern: /\bVal-Verlust\b/, instead: 'Verlust (Validierung)' },
];

/**
 * The prose of an MDX chapter, line by line with its line numbers: frontmatter, imports, fenced
 * code, inline code, headings, component tags and their attributes (titles), link targets and
 * parentheses are blanked out.
 */
export function proseLines(mdx: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence = false;
  let front = false;
  mdx.split('\n').forEach((raw, i) => {
    if (i === 0 && raw === '---') return void (front = true);
    if (front) return void (raw === '---' && (front = false));
    if (/^\s*(```|~~~)/.test(raw)) return void (fence = !fence);
    if (fence || /^(import |export |#)/.test(raw)) return;
    const text = raw
      .replace(/`[^`]*`/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\]\([^)]*\)/g, '] ')
      .replace(/\([^()]*\)/g, ' ');
    out.push({ line: i + 1, text });
  });
  return out;
}

/** `file:line: found «…», write «…»` for every forbidden form in a chapter's prose. */
export function findForbidden(file: string, mdx: string): string[] {
  const found: string[] = [];
  for (const { line, text } of proseLines(mdx)) {
    for (const { pattern, instead } of FORBIDDEN) {
      const m = text.match(pattern);
      if (m) found.push(`${file}:${line}: found «${m[0]}», write «${instead}»`);
    }
  }
  return found;
}

describe('one vocabulary in the chapters', () => {
  const prose = chapters.filter((c) => c.slug !== 'glossar');

  it.each(prose)('$slug uses the glossary forms in its prose', ({ slug }) => {
    const file = `src/content/docs/${slug}.mdx`;
    expect(findForbidden(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('finds each forbidden form in prose and ignores it in code, headings and parentheses', () => {
    const sample = [
      '---',
      'title: Der Logit im Titel zählt nicht',
      '---',
      '## Der Logit in einer Überschrift',
      'Hier steht der Logit im Text.',
      'Und hier Datenanreicherung (Datenanreicherung in Klammern zählt nicht).',
      '| Train-Genauigkeit | Val-Verlust |',
      '`der Logit` im Code zählt nicht, der Optimizer im Text schon.',
      '```python',
      '# der Logit, Datenanreicherung, Biase',
      '```',
      '<Aside title="Biase im Titel">',
    ].join('\n');
    expect(findForbidden('sample.mdx', sample)).toEqual([
      'sample.mdx:5: found «der Logit», write «das Logit»',
      'sample.mdx:6: found «Datenanreicherung», write «Augmentierung»',
      'sample.mdx:7: found «Train-Genauigkeit», write «Genauigkeit (Training)»',
      'sample.mdx:7: found «Val-Verlust», write «Verlust (Validierung)»',
      'sample.mdx:8: found «der Optimizer», write «der Optimierer»',
    ]);
  });

  it('has a glossary in the sidebar that defines each term once', () => {
    expect(chapters.map((c) => c.slug)).toContain('glossar');
    const headings = [...readFileSync('src/content/docs/glossar.mdx', 'utf8').matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    expect(headings.length).toBeGreaterThanOrEqual(20);
    expect(new Set(headings).size).toBe(headings.length);
  });
});
