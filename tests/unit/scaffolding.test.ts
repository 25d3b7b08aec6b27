/**
 * Learning scaffolding: every lesson from "Die Bibliotheken" to "Wie es besser geht" ends with
 * "## Das Wichtigste" (3–6 key points) and "## Prüfe dich selbst" (3–5 numbered questions, each
 * with its answer folded in <details><summary>Antwort</summary>…</details>), and at least one
 * question per chapter sends the reader to change code or a live demo and predict the outcome.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chapters } from '../../src/chapters';

/** Slugs of the lessons that carry the scaffolding, in reading order. */
export function scaffoldedSlugs(): string[] {
  const slugs = chapters.map((c) => c.slug);
  return slugs.slice(slugs.indexOf('bibliotheken'), slugs.indexOf('besser') + 1);
}

/** One question of "Prüfe dich selbst": its text and the answers folded under it. */
export interface Question {
  text: string;
  answers: string[];
}

/** The chapter's level-2 sections as [heading, body], in order; fenced code is skipped. */
function sections(mdx: string): [string, string][] {
  const out: [string, string][] = [];
  let fence = false;
  for (const line of mdx.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const h2 = !fence && line.match(/^## (.+)$/);
    if (h2) out.push([h2[1].trim(), '']);
    else if (out.length) out[out.length - 1][1] += `${line}\n`;
  }
  return out;
}

/** Top-level bullet points of a section ("- …" at column 0). */
export function keyPoints(body: string): string[] {
  return body.split('\n').filter((l) => /^- \S/.test(l)).map((l) => l.slice(2).trim());
}

/** Numbered questions of a section, each with the text of its folded answers. */
export function questions(body: string): Question[] {
  const items = body.split(/^(?=\d+\. )/m).filter((chunk) => /^\d+\. /.test(chunk));
  return items.map((item) => {
    const text = item.slice(0, item.search(/^\s*<details>/m) >= 0 ? item.search(/^\s*<details>/m) : undefined);
    const answers = [...item.matchAll(/<details>\s*<summary>Antwort<\/summary>([\s\S]*?)<\/details>/g)].map((m) => m[1].trim());
    return { text: text.replace(/^\d+\.\s*/, '').trim(), answers };
  });
}

/** A question that has the reader change code or use a demo, and predict before trying. */
export function asksToTryAndPredict(text: string): boolean {
  const change = /(?<!\p{L})(Ändere|Setze|Stelle|Lass|Lösche|Ersetze|Kommentiere|Vertausche|Wechsle|Wähle|Ziehe|Schicke|Baue|Live-Demo|Demo)(?!\p{L})/u;
  const predict = /(?<!\p{L})(erwartest|vorher|voraus|Rechne)(?!\p{L})/u;
  return change.test(text) && predict.test(text);
}

/** Everything wrong with a chapter's scaffolding, as readable messages (empty when fine). */
export function checkScaffolding(mdx: string): string[] {
  const problems: string[] = [];
  const all = sections(mdx);
  const [summary, quiz] = all.slice(-2);
  if (summary?.[0] !== 'Das Wichtigste' || quiz?.[0] !== 'Prüfe dich selbst') {
    return [`the last two sections must be "Das Wichtigste" and "Prüfe dich selbst", found ${JSON.stringify(all.slice(-2).map(([h]) => h))}`];
  }
  const points = keyPoints(summary[1]);
  if (points.length < 3 || points.length > 6) problems.push(`"Das Wichtigste" has ${points.length} points (want 3–6)`);
  const qs = questions(quiz[1]);
  if (qs.length < 3 || qs.length > 5) problems.push(`"Prüfe dich selbst" has ${qs.length} questions (want 3–5)`);
  qs.forEach((q, i) => {
    if (!q.text.endsWith('?')) problems.push(`question ${i + 1} does not end with a question mark: ${q.text}`);
    if (q.answers.length !== 1 || !q.answers[0]) problems.push(`question ${i + 1} needs exactly one non-empty folded answer`);
  });
  if (!qs.some((q) => asksToTryAndPredict(q.text))) problems.push('no question sends the reader to change code or a demo and predict what happens');
  return problems;
}

describe('learning scaffolding in the lessons', () => {
  it('covers the lessons from "Die Bibliotheken" to "Wie es besser geht", not the appendix, glossary or demo list', () => {
    const slugs = scaffoldedSlugs();
    expect(slugs[0]).toBe('bibliotheken');
    expect(slugs.at(-1)).toBe('besser');
    expect(slugs).not.toContain('glossar');
    expect(slugs).not.toContain('live-demos');
    expect(slugs.length).toBeGreaterThanOrEqual(13);
  });

  it.each(scaffoldedSlugs())('%s ends with key points and self-check questions with folded answers', (slug) => {
    expect(checkScaffolding(readFileSync(`src/content/docs/${slug}.mdx`, 'utf8'))).toEqual([]);
  });

  const good = [
    '## Text',
    'Prosa.',
    '## Das Wichtigste',
    '- eins',
    '- zwei',
    '- drei',
    '## Prüfe dich selbst',
    '1. Setze `x = 1`. Was erwartest du?',
    '',
    '   <details>',
    '   <summary>Antwort</summary>',
    '',
    '   Zwei.',
    '',
    '   </details>',
    '',
    '2. Warum?',
    '',
    '   <details>',
    '   <summary>Antwort</summary>',
    '',
    '   Darum.',
    '',
    '   </details>',
    '',
    '3. Wieso?',
    '',
    '   <details>',
    '   <summary>Antwort</summary>',
    '',
    '   Deshalb.',
    '',
    '   </details>',
    '',
  ].join('\n');

  it('accepts a well-formed ending', () => {
    expect(checkScaffolding(good)).toEqual([]);
  });

  it('finds missing sections, too few points, unfolded answers and no try-it question', () => {
    expect(checkScaffolding('## Text\nProsa.\n')[0]).toMatch(/last two sections/);
    expect(checkScaffolding(good.replace('- drei\n', ''))).toEqual(['"Das Wichtigste" has 2 points (want 3–6)']);
    expect(checkScaffolding(good.replace('   Darum.', '').replace('2. Warum?', '2. Warum? Darum.'))).toEqual([
      'question 2 does not end with a question mark: Warum? Darum.',
      'question 2 needs exactly one non-empty folded answer',
    ]);
    expect(checkScaffolding(good.replace('Setze `x = 1`. Was erwartest du?', 'Was ist x?'))).toEqual([
      'no question sends the reader to change code or a demo and predict what happens',
    ]);
    expect(checkScaffolding(good.replace(/## Prüfe dich selbst[\s\S]*$/, '## Prüfe dich selbst\n'))).toContain(
      '"Prüfe dich selbst" has 0 questions (want 3–5)',
    );
  });

  it('ignores headings inside fenced code', () => {
    expect(checkScaffolding(`${good}\n\`\`\`text\n## Das Wichtigste\n\`\`\`\n`)).toEqual([]);
  });
});
