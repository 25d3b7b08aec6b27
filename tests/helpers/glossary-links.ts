/**
 * Glossary links on first use: in every lesson, the first time a glossary term appears in the
 * prose it links to its entry (../glossar/#anchor), as the glossary promises. Prose here is the
 * MDX outside frontmatter, imports, code fences, headings, inline code, JSX tags, {expressions}
 * and existing links. Used by tests/unit/glossary-links.test.ts.
 */
import GithubSlugger from 'github-slugger';

/** A glossary heading and the forms in which the chapters use it. */
export interface Term {
  heading: string;
  pattern: RegExp;
}

/** Forms of each glossary term in running text (the heading alone where that is enough). */
const FORMS: Record<string, RegExp> = {
  Batch: /\bBatch(?!-Normalisierung)(?:es|größe)?\b/,
  Epoche: /\bEpoche(?:n)?\b/,
  'Training und Validierung': /\bValidierung\b/,
  Tensor: /\bTensor(?:en|s)?\b/,
  Startwert: /\bStartwert(?:e|en)?\b/,
  'Worker-Prozess': /\bWorker-Prozess(?:e|en)?\b/,
  Gewicht: /\bGewicht(?:e|en)?\b/,
  Bias: /\bBias(?:es)?\b(?!-)/,
  Faltung: /\bFaltung(?:en)?\b/,
  Kernel: /\bKernel(?:s)?\b/,
  Merkmalskarte: /\bMerkmalskarte(?:n)?\b/,
  Pooling: /(?<!Average )\b(?:Max-)?Pooling\b/,
  'Rezeptives Feld': /\brezeptive(?:s|n)? Feld(?:es|s)?\b/i,
  'Vollständig verbundene Schicht': /\bvollständig verbundene(?:n)? Schicht(?:en)?\b/i,
  Aktivierungsfunktion: /\bAktivierungsfunktion(?:en)?\b/,
  Logit: /\bLogits?\b/,
  Verlust: /\bVerlust(?:e|es)?\b/,
  Verlauf: /\bVerlauf\b(?=\s*`history`)/,
  Genauigkeit: /\bGenauigkeit\b(?! je Klasse)/,
  Gradient: /\bGradient(?:en)?\b/,
  Optimierer: /\bOptimierer(?:s)?\b/,
  Lernrate: /\bLernrate(?:n)?\b(?!-)/,
  Normalisierung: /(?<![\p{L}-])Normalisierung\b/u,
  Datenleck: /\bDatenleck(?:s)?\b/,
  Rechengraph: /\bRechengraph(?:en|s)?\b/,
};

/** The glossary's terms (its ### headings) with their anchors and forms. */
export function glossaryTerms(glossary: string): (Term & { anchor: string })[] {
  const slugger = new GithubSlugger();
  return [...glossary.matchAll(/^### (.+)$/gm)].map(([, heading]) => {
    const escaped = heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return { heading, anchor: slugger.slug(heading), pattern: FORMS[heading] ?? new RegExp(`(?<![\\p{L}-])${escaped}(?![\\p{L}])`, 'u') };
  });
}

/** Ranges of a line that are not prose: inline code, JSX/HTML tags, {expressions}, links (text and target). */
function blockedRanges(line: string): [number, number][] {
  const out: [number, number][] = [];
  for (const re of [/`[^`]*`/g, /<[^>]*>/g, /\{[^}]*\}/g, /\[[^\]]*\]\([^)]*\)/g]) {
    for (const m of line.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  }
  return out;
}

/** Each prose line with its offset in the file. */
export function proseLinesWithOffsets(mdx: string): { offset: number; text: string }[] {
  const out: { offset: number; text: string }[] = [];
  let offset = 0;
  let fence = false;
  let front = false;
  mdx.split('\n').forEach((line, i) => {
    const start = offset;
    offset += line.length + 1;
    if (i === 0 && line === '---') return void (front = true);
    if (front) return void (line === '---' && (front = false));
    if (/^\s*(```|~~~)/.test(line)) return void (fence = !fence);
    if (fence || /^(import |export |#)/.test(line)) return;
    out.push({ offset: start, text: line });
  });
  return out;
}

/** The file offset of a term's first use in prose outside links, or -1. */
export function firstUse(mdx: string, pattern: RegExp): { at: number; length: number } | null {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const { offset, text } of proseLinesWithOffsets(mdx)) {
    const blocked = blockedRanges(text);
    for (const m of text.matchAll(global)) {
      if (!blocked.some(([a, b]) => m.index! >= a && m.index! < b)) return { at: offset + m.index!, length: m[0].length };
    }
  }
  return null;
}

/** Terms a chapter uses in its prose before (or without) linking them to the glossary. */
export function unlinkedFirstUses(mdx: string, terms: (Term & { anchor: string })[]): string[] {
  const found: string[] = [];
  for (const t of terms) {
    const use = firstUse(mdx, t.pattern);
    if (!use) continue;
    const link = mdx.search(new RegExp(`\\]\\(\\.{1,2}/glossar/#${t.anchor.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
    if (link < 0 || link > use.at) found.push(`${t.heading} («${mdx.slice(use.at, use.at + use.length)}»)`);
  }
  return found;
}

/** `mdx` with each unlinked first use wrapped in a glossary link (prefix './' on the start page, else '../'). */
export function linkFirstUses(mdx: string, terms: (Term & { anchor: string })[], prefix: string): string {
  let out = mdx;
  for (const t of terms) {
    if (unlinkedFirstUses(out, [t]).length === 0) continue;
    const use = firstUse(out, t.pattern)!;
    const word = out.slice(use.at, use.at + use.length);
    out = `${out.slice(0, use.at)}[${word}](${prefix}glossar/#${t.anchor})${out.slice(use.at + use.length)}`;
  }
  return out;
}
