/**
 * Glossary links on first use (tests/helpers/glossary-links.ts): in every lesson, the first time a
 * glossary term appears in the prose it links to its entry, as the glossary promises.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glossaryTerms, linkFirstUses, unlinkedFirstUses } from '../helpers/glossary-links';
import { lessonSlugs } from '../helpers/lesson-text';

const terms = glossaryTerms(readFileSync('src/content/docs/glossar.mdx', 'utf8'));

describe('glossary links on first use', () => {
  it('knows every glossary entry with its anchor', () => {
    expect(terms.length).toBeGreaterThanOrEqual(30);
    expect(terms.find((t) => t.heading === 'Worker-Prozess')?.anchor).toBe('worker-prozess');
    expect(terms.find((t) => t.heading === 'Überanpassung')?.anchor).toBe('überanpassung');
  });

  it.each(lessonSlugs())('%s links each glossary term where it first uses it', (slug) => {
    const found = unlinkedFirstUses(readFileSync(`src/content/docs/${slug}.mdx`, 'utf8'), terms);
    expect(found, 'link the first use to ../glossar/#anchor').toEqual([]);
  });

  it('finds a first use before the link, and ignores code, headings, tags and link texts', () => {
    const mdx = [
      '---',
      'title: Gewichte im Titel zählen nicht',
      '---',
      '## Die Gewichte in einer Überschrift',
      'Inline `Gewichte` und <Aside title="Gewichte"> zählen nicht, [Gewichte](../modell/) als Linktext auch nicht.',
      'Hier stehen die Gewichte zum ersten Mal, und erst hier der Link: [Gewicht](../glossar/#gewicht).',
      '```python',
      '# Epoche im Code zählt nicht',
      '```',
    ].join('\n');
    expect(unlinkedFirstUses(mdx, terms)).toEqual(['Gewicht («Gewichte»)']);
    const fixed = linkFirstUses(mdx, terms, '../');
    expect(fixed).toContain('Hier stehen die [Gewichte](../glossar/#gewicht) zum ersten Mal');
    expect(unlinkedFirstUses(fixed, terms)).toEqual([]);
  });
});
