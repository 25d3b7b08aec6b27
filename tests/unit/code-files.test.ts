/**
 * The code hash's file lists (src/lib/runs/code-files.ts) cover the whole training path: every
 * src/lib file that scripts/train-full.ts imports, directly or through other files, is listed as
 * results-relevant, speed-only or I/O — and nothing is listed twice or listed but missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IO_FILES, RESULT_FILES, SPEED_FILES } from '../../src/lib/runs/code-files';
import { codeHash } from '../../src/lib/runs/record-node';

const LIB = resolve('src/lib');
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The file a relative import names: X.ts or X/index.ts. */
function resolveImport(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate;
  if (spec.endsWith('.json') && existsSync(base)) return base;
  throw new Error(`${relative('.', from)}: cannot resolve import ${spec}`);
}

/** Every project file reachable from `entry` through relative imports (type-only ones included). */
function importClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [resolve(entry)];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file) || !file.endsWith('.ts')) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) todo.push(resolveImport(file, m[1] ?? m[2] ?? m[3]));
  }
  return seen;
}

describe('the code hash file lists', () => {
  it('classify every src/lib file the training path imports', () => {
    const reached = [...importClosure('scripts/train-full.ts')].filter((f) => f.startsWith(LIB + '/')).map((f) => relative(LIB, f));
    expect(reached.length).toBeGreaterThan(20);
    const listed = new Set([...RESULT_FILES, ...SPEED_FILES, ...IO_FILES]);
    const unlisted = reached.filter((f) => !listed.has(f)).sort();
    expect(unlisted, `add these to RESULT_FILES (can change a run's numbers) or SPEED_FILES / IO_FILES in src/lib/runs/code-files.ts`).toEqual([]);
  });

  it('name existing files, each in one list only', () => {
    const all = [...RESULT_FILES, ...SPEED_FILES, ...IO_FILES];
    expect(all.filter((f) => !existsSync(join(LIB, f)))).toEqual([]);
    expect(all.filter((f, i) => all.indexOf(f) !== i)).toEqual([]);
  });

  it('hash the results-relevant files only', async () => {
    const h = await codeHash('.');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    // a speed-only kernel is not part of it: the hash over a copy without it stays the same
    const { mkdtemp, cp, rm, appendFile } = await import('node:fs/promises');
    const dir = await mkdtemp(join((await import('node:os')).tmpdir(), 'codehash-'));
    try {
      await cp('src/lib', join(dir, 'src/lib'), { recursive: true });
      await appendFile(join(dir, 'src/lib', SPEED_FILES[0]), '\n// speed only\n');
      expect(await codeHash(dir)).toBe(h);
      await appendFile(join(dir, 'src/lib', 'train/loop.ts'), '\n// results\n');
      expect(await codeHash(dir)).not.toBe(h);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
