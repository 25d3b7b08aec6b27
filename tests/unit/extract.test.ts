import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSymbol, listSymbols } from '../../src/integrations/code-tabs/extract';

const SOURCE = `import x from 'y';

/** Adds. */
export function add(a: number, b: number): number {
  const s = '}'; // a brace in a string
  return a + b;
}

// a plain comment, not a doc comment
export const ONE = 1,
  TWO = 2;

/**
 * A class.
 */
export class Box {
  value = { nested: { deep: true } };
}

interface Hidden { a: string }
`;

describe('extractSymbol', () => {
  it('cuts a function with its doc comment and reports its lines', () => {
    expect(extractSymbol(SOURCE, 'add')).toEqual({
      code: "/** Adds. */\nexport function add(a: number, b: number): number {\n  const s = '}'; // a brace in a string\n  return a + b;\n}",
      startLine: 3,
      endLine: 7,
    });
  });

  it('cuts a class with nested braces', () => {
    const { code, startLine, endLine } = extractSymbol(SOURCE, 'Box');
    expect(code).toBe('/**\n * A class.\n */\nexport class Box {\n  value = { nested: { deep: true } };\n}');
    expect([startLine, endLine]).toEqual([13, 18]);
  });

  it('finds every name of a multi-name const, without a plain comment above it', () => {
    expect(extractSymbol(SOURCE, 'TWO').code).toBe('export const ONE = 1,\n  TWO = 2;');
  });

  it('returns the whole file when no symbol is named', () => {
    const { code, startLine, endLine } = extractSymbol(SOURCE);
    expect(code).toBe(SOURCE.trimEnd());
    expect([startLine, endLine]).toEqual([1, 20]);
  });

  it('names the declared symbols when asked for a missing one', () => {
    expect(listSymbols(SOURCE)).toEqual(['add', 'ONE', 'TWO', 'Box', 'Hidden']);
    expect(() => extractSymbol(SOURCE, 'sub', 'src/lib/x.ts')).toThrow(
      'symbol "sub" is not declared at the top level of src/lib/x.ts (declared there: add, ONE, TWO, Box, Hidden)',
    );
  });

  it('cuts real library code exactly as it stands in the file', () => {
    const file = 'src/lib/train/metrics.ts';
    const source = readFileSync(file, 'utf8');
    const { code, startLine, endLine } = extractSymbol(source, 'EpochMeter', file);
    expect(code.startsWith('/** Running totals')).toBe(true);
    expect(source.split('\n').slice(startLine - 1, endLine).join('\n')).toBe(code);
  });
});
