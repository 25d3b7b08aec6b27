/**
 * "Every export gets a one-line doc comment" (conventions.md), checked with
 * tools/undocumented-exports.ts over the engine parts whose exports are all documented so far.
 * `npx tsx tools/undocumented-exports.ts` lists what is left in all of src/lib and scripts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceFiles, undocumentedExports } from '../../tools/undocumented-exports';

const DOCUMENTED = [
  'src/lib/format.ts',
  'src/lib/stats.ts',
  'src/lib/plot',
  'src/lib/webgpu/kernels',
  'src/lib/webgpu/augment.ts',
  'src/lib/webgpu/augment-params.ts',
  'src/lib/transforms/recipes.ts',
  'src/lib/transforms/chain.ts',
  'src/lib/transforms/batch.ts',
  'src/lib/transforms/random.ts',
  'src/lib/model/convolve.ts',
  'src/lib/model/inspect.ts',
  'src/lib/model/simplecnn.ts',
  'src/lib/model/summary.ts',
  'src/lib/train/recipes.ts',
  'src/lib/runs/format.ts',
  'src/lib/runs/freshness.ts',
  'src/lib/runs/code-files.ts',
  'src/lib/runs/inputs-node.ts',
  'src/lib/runs/record-node.ts',
  'tools/undocumented-exports.ts',
];

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
