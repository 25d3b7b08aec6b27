/**
 * The lesson rule: a lesson's visible running text (tests/helpers/lesson-text.ts: code frames and
 * live demos removed) names no repository path, script, test, profile, meta line or computer it
 * was built on. A GPU as the device of a named run ("auf einer NVIDIA H200") is fine. The
 * workshop is explained once, in the appendix "Unter der Haube".
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';

/** What a lesson must not say, each with a name for the failure message. */
export const WORKSHOP_WORDS: { name: string; pattern: RegExp }[] = [
  { name: 'repository path', pattern: /(?<![\w~./])(?:src|tests|scripts|bench|public|shared|\.cache|\.ci)\/[\w.-]/ },
  { name: 'command of the project', pattern: /\b(?:npm run|npx|tsx|vitest|pytest|unittest)\b/ },
  { name: 'test or test program', pattern: /\b(?:Prüfprogramm\w*|Testdatei\w*|Unit-Tests?|automatischen Tests|Tests des Projekts|Testlauf)\b/ },
  { name: 'override profile', pattern: /\bProfil(?:e|s|en)?\b|\b(?:test|device|probe|record)-(?:sub|after)\b/ },
  { name: 'meta line', pattern: /\bMeta-?Zeile\w*/ },
  { name: 'computer it was built on', pattern: /\b(?:EPYC|Xeon|Ryzen|SwiftShader)\b|auf dem (?:dieses|das) (?:Tutorial|Projekt|die Seite) gebaut|Rechners?, auf dem/ },
];

/**
 * Basenames of the project's own scripts and tests (tracked *.py, *.ts, *.mjs, *.sh outside
 * src/content): a lesson names none of them. The learner's own files (hilfsfunktionen.py, train.py)
 * are not tracked, so they stay allowed.
 */
export function projectScriptNames(): Set<string> {
  const files = execFileSync('git', ['ls-files', 'scripts', 'tests', 'bench', 'src/lib', 'src/integrations'], { encoding: 'utf8' }).split('\n');
  return new Set(files.filter((f) => /\.(py|ts|mjs|sh)$/.test(f)).map((f) => basename(f)));
}

/** Every workshop word in a lesson's text, as `name: «match»`. */
export function findWorkshopWords(text: string, scripts: Set<string> = new Set()): string[] {
  const found: string[] = [];
  for (const { name, pattern } of WORKSHOP_WORDS) {
    for (const m of text.matchAll(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`))) {
      found.push(`${name}: «${m[0]}»`);
    }
  }
  for (const [token] of text.matchAll(/[\w.-]+\.(?:py|ts|mjs|sh)\b/g)) {
    if (scripts.has(basename(token))) found.push(`script of the project: «${token}»`);
  }
  return found;
}
