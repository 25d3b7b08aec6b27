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

/**
 * Numbers in "Wie es besser geht" that are not this project's measurements: settings, and the one
 * cited source (named in the chapter with its protocol: 30 training images per class, mean
 * per-class accuracy). Its own measurement comes from src/data/better/measured.json through
 * <BetterNumber …/>.
 */
const BETTER_ALLOWED: Record<string, string> = {
  '99,93 %': "fc1's share of the parameters (chapter Modell)",
  '30 %': 'the dropout probability p=0.3, a setting',
  '50 %': 'the smallest crop of RandomResizedCrop(scale=(0.5, 1.0)), a setting',
  '100 %': 'the largest crop of RandomResizedCrop, a setting',
  '0,05': 'the weight decay, a setting',
  '1,28': "ImageNet's 1.28 million training images (ILSVRC 2012), a data-set fact",
  '86,5 %': 'cited: Zeiler & Fergus, ECCV 2014, ImageNet-pretrained, Caltech 101 with 30 training images per class',
  '46,5 %': 'cited: Zeiler & Fergus, ECCV 2014, the same network without pretraining, same protocol',
};

/** Every run-result-looking number in `text` that the allowlist does not name. */
function literalResults(text: string, allowed: Record<string, string> = ALLOWED): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[0].replace(/\s+/g, ' ')).filter((n) => !Object.keys(allowed).some((a) => n.endsWith(a) || a.endsWith(n)));
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

  it('and those of "Wie es besser geht" (its measurement renders from src/data/better/measured.json)', () => {
    const found = literalResults(prose(readFileSync('src/content/docs/besser.mdx', 'utf8')), BETTER_ALLOWED);
    expect(found, 'write measured numbers through <BetterNumber …/>, or allowlist a setting or a cited number with its source').toEqual([]);
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
