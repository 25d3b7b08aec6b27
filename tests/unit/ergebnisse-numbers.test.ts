/**
 * "Ergebnisse" states no run result as a typed-in number: percentages, losses (decimal numbers)
 * and percentage-point differences in its prose come from the records through components
 * (RunNumber, RunTable, RunCurves). Code, imports and components are not prose; a short allowlist
 * names the few numbers that are not about runs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Numbers in the prose that are not run results, each with why. */
const ALLOWED: Record<string, string> = {
  'knapp 1 %': 'blind guessing: 1 of 101 classes',
  'gut 9 %': 'always guessing airplanes: 800 of 8,677 images',
  '99,93 %': "fc1's share of the parameters (chapter Modell)",
  '0,001': 'the learning rate, a setting',
  '25 Prozentpunkte': 'chapter pruefen: one error among four images of a class, arithmetic',
};

/** The chapter's prose: frontmatter, imports, fenced code, inline code, components and comments removed. */
function prose(mdx: string): string {
  return mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/^import .*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/<[A-Z][\s\S]*?\/>/g, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
}

const NUMBER = /(?:knapp |gut |etwa |rund )?\d[\d.]*(?:,\d+)?\s?%|\b\d+,\d{2,}\b|\b\d+(?:,\d+)?\s+Prozentpunkt\w*/g;

/** Every run-result-looking number in `text` that the allowlist does not name. */
function literalResults(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[0].replace(/\s+/g, ' ')).filter((n) => !Object.keys(ALLOWED).some((a) => n.endsWith(a) || a.endsWith(n)));
}

describe('the numbers of "Ergebnisse"', () => {
  it('come from the records, not from the prose', () => {
    const found = literalResults(prose(readFileSync('src/content/docs/ergebnisse.mdx', 'utf8')));
    expect(found, 'write these through <RunNumber …/> or <RunTable …/> (src/components), or allowlist a number that is not a run result').toEqual([]);
  });

  it('and those of "Das Modell benutzen und prüfen" too (no record holds per-image predictions)', () => {
    const found = literalResults(prose(readFileSync('src/content/docs/pruefen.mdx', 'utf8')));
    expect(found, 'describe without numbers, or measure them in a committed record first').toEqual([]);
  });

  it('finds typed-in results and leaves code and components alone', () => {
    const mdx = [
      '---\ntitle: x\n---',
      "import RunNumber from '../../components/RunNumber.astro';",
      'Die Genauigkeit lag bei 47,7 % und der Verlust bei 2,425, 1,3 Prozentpunkte darüber.',
      'Raten träfe knapp 1 % der Bilder. <RunNumber band="b" metric="valAccuracy" /> ist gemessen.',
      '```python\nprint(f"{acc:.1%}")  # 0,493 %\n```',
      'Inline `2,252` ist Code.',
    ].join('\n');
    expect(literalResults(prose(mdx))).toEqual(['47,7 %', '2,425', '1,3 Prozentpunkte']);
  });
});
