/**
 * The lesson rule's matcher (tests/helpers/lesson-rule.ts) and the text it reads
 * (tests/helpers/lesson-text.ts), on samples. The rule itself runs over the built pages in
 * tests/e2e/lesson-rule.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { findWorkshopWords, projectScriptNames } from '../helpers/lesson-rule';
import { countWords, lessonText } from '../helpers/lesson-text';

describe('the lesson rule', () => {
  const scripts = projectScriptNames();

  it('knows the project scripts and not the learner files', () => {
    expect(scripts.has('run_chapters.py')).toBe(true);
    expect(scripts.has('hilfsfunktionen.py')).toBe(false);
  });

  it('finds paths, scripts, tests, profiles, meta lines and the build computer', () => {
    const text = [
      'Das Prüfprogramm (tests/python/lr_probe.py) steht als Anweisung für das Profil probe in der Meta-Zeile.',
      'Ergebnis in src/data/probes/loading-cost.json, gemessen mit npm run bench.',
      'Gemessen auf einem Kern des AMD-EPYC-Rechners, auf dem dieses Tutorial gebaut wird.',
      'Das Skript run_chapters.py führt es aus.',
    ].join(' ');
    expect(findWorkshopWords(text, scripts)).toEqual([
      'repository path: «tests/p»',
      'repository path: «src/d»',
      'command of the project: «npm run»',
      'test or test program: «Prüfprogramm»',
      'override profile: «Profil»',
      'meta line: «Meta-Zeile»',
      'computer it was built on: «EPYC»',
      'computer it was built on: «Rechners, auf dem»',
      'script of the project: «lr_probe.py»',
      'script of the project: «run_chapters.py»',
    ]);
  });

  it('lets a GPU as the device of a run, the learner files and a home folder pass', () => {
    const text = 'Trainiert auf einer NVIDIA H200. Die Datei hilfsfunktionen.py und python train.py; der Cache liegt unter ~/.cache/torch/hub/.';
    expect(findWorkshopWords(text, scripts)).toEqual([]);
  });
});

describe('the visible text of a built page', () => {
  const page = (content: string) =>
    `<html><body><main><div class="sl-markdown-content">${content}</div></main><nav>Navigation zählt nicht</nav></body></html>`;

  it('keeps running text, tables and folded answers', () => {
    const text = lessonText(page('<p>Ein Satz.</p><table><tr><td>Zelle eins</td></tr></table><details><summary>Frage?</summary><p>Antwort hier.</p></details>'));
    expect(text).toBe('Ein Satz. Zelle eins Frage? Antwort hier.');
    expect(countWords(text)).toBe(7);
  });

  it('drops code frames, demos, charts and screen-reader text', () => {
    const text = lessonText(
      page('<p>Text</p><div class="expressive-code"><pre>code frame</pre></div><training-demo>Demo-Knopf</training-demo><svg><text>Achse</text></svg><span class="sr-only">Abschnitt betitelt</span>'),
    );
    expect(text).toBe('Text');
  });
});
