/**
 * "Every export gets a one-line doc comment" (conventions.md), checked with
 * tools/undocumented-exports.ts over the engine, the islands, the scripts and the tools.
 * `npx tsx tools/undocumented-exports.ts [folder …]` lists what is missing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceFiles, undocumentedExports } from '../../tools/undocumented-exports';

const DOCUMENTED = ['src/lib', 'src/components', 'scripts', 'tools'];

describe('doc comments on exports', () => {
  it('finds an export without one and accepts one with one (not a // comment, not one further up)', () => {
    const text = [
      '/** Documented. */',
      'export const a = 1;',
      '// only a line comment',
      'export function b() {}',
      '/** Too far up. */',
      'const hidden = 2;',
      'export interface C { x: number }',
      "export { a as d } from './elsewhere';",
      '/**',
      ' * Longer.',
      ' */',
      'export type E = string;',
    ].join('\n');
    expect(undocumentedExports('x.ts', text)).toEqual([
      { file: 'x.ts', line: 4, name: 'b' },
      { file: 'x.ts', line: 7, name: 'C' },
    ]);
  });

  it.each(DOCUMENTED)('%s documents every export', (path) => {
    const missing = sourceFiles(path).flatMap((f) => undocumentedExports(f, readFileSync(f, 'utf8')));
    expect(missing).toEqual([]);
  });
});
