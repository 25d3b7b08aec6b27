/**
 * The lesson rule over the built pages (dist/, no browser needed): no lesson's visible running
 * text names the workshop (repository paths, scripts, tests, profiles, meta lines, the computer it
 * was built on; see tests/helpers/lesson-rule.ts). Code frames and live demos are not running
 * text. The appendix "Unter der Haube", the glossary and the demo list are not lessons.
 */
import { describe, expect, it } from 'vitest';
import { findWorkshopWords, projectScriptNames } from '../helpers/lesson-rule';
import { builtPage, lessonSlugs, lessonText } from '../helpers/lesson-text';

describe('the lessons in the built site', () => {
  const scripts = projectScriptNames();

  it.each(lessonSlugs())('%s names no part of the workshop in its running text', (slug) => {
    const found = findWorkshopWords(lessonText(builtPage('dist', slug)), scripts);
    expect(found, 'move it to the appendix "Unter der Haube" (src/content/docs/unter-der-haube.mdx) and link it in one sentence').toEqual([]);
  });

  it('has the appendix, linked from the start page', () => {
    expect(builtPage('dist', 'index')).toContain('href="./unter-der-haube/"');
    expect(lessonText(builtPage('dist', 'unter-der-haube'))).toContain('WebGPU');
  });
});
