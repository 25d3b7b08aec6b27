/**
 * A run's output (src/lib/runs/output-node.ts): checked before any work, written atomically, and
 * every failure one line that says what is wrong and what to do. Faults come in through the
 * file-system seam (ENOSPC, EROFS, half-written files) or real paths (a folder, a file as parent);
 * nothing here starts WebGPU.
 */
import * as fsp from 'node:fs/promises';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutput, OutputError, recordOutputPath, writeOutput, type OutputFs } from '../../src/lib/runs/output-node';

const dir = mkdtempSync(join(tmpdir(), 'run-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An error as Node's fs throws it. */
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** The real file system with one call replaced. */
const withFault = (replace: Partial<OutputFs>): OutputFs => ({
  mkdir: (p, o) => fsp.mkdir(p, o),
  writeFile: (p, d) => fsp.writeFile(p, d),
  rename: (a, b) => fsp.rename(a, b),
  rm: (p, o) => fsp.rm(p, o),
  stat: (p) => fsp.stat(p),
  ...replace,
});

/** The message of the OutputError `promise` rejects with (fails when it resolves or throws anything else). */
async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(OutputError);
  const message = (error as Error).message;
  expect(message).not.toContain('\n'); // one line, no stack
  return message;
}

describe('checkOutput (before any work)', () => {
  it('creates the folder and leaves nothing behind when the path is writable', async () => {
    const out = join(dir, 'ok', 'deep', 'run.json');
    await checkOutput(out);
    expect(readdirSync(join(dir, 'ok', 'deep'))).toEqual([]);
  });

  it.each([
    ['EROFS', 'mkdir', 'the file system is read-only; choose a writable place with --out'],
    ['EACCES', 'mkdir', 'permission denied; choose a folder you may write to with --out'],
    ['ENOSPC', 'writeFile', 'no space left on the device; free some space or choose another --out'],
  ] as const)('says %s in one line when %s fails', async (code, call, why) => {
    const out = join(dir, 'faulty', 'run.json');
    const message = await failure(checkOutput(out, { fs: withFault({ [call]: async () => Promise.reject(fsError(code)) }) }));
    expect(message).toBe(`cannot write ${out}: ${why}`);
  });

  it('refuses a folder as the output file', async () => {
    mkdirSync(join(dir, 'a-folder'));
    expect(await failure(checkOutput(join(dir, 'a-folder'), { option: '--json' }))).toBe(
      `cannot write ${join(dir, 'a-folder')}: it is a folder; name a file in it, e.g. --json ${join(dir, 'a-folder', 'run.json')}`,
    );
  });

  it('refuses a path below a file (the EEXIST that came after training)', async () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = join(dir, 'a-file', 'runs', 'run.json');
    expect(await failure(checkOutput(out))).toBe(`cannot write ${out}: a part of its path is a file, not a folder; choose another --out`);
  });
});

describe('writeOutput (atomic)', () => {
  it('replaces the file whole', async () => {
    const out = join(dir, 'atomic', 'run.json');
    await writeOutput(out, 'first\n');
    await writeOutput(out, 'second\n');
    expect(readFileSync(out, 'utf8')).toBe('second\n');
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['run.json']);
  });

  it.each(['ENOSPC', 'EROFS', 'EDQUOT'])('leaves the old file and no temporary file when the disk says %s halfway', async (code) => {
    const out = join(dir, `half-${code}`, 'run.json');
    await writeOutput(out, '{"old": true}\n');
    const halfWrite = async (path: string, data: string) => {
      await fsp.writeFile(path, data.slice(0, data.length / 2));
      throw fsError(code);
    };
    const message = await failure(writeOutput(out, `{"new": "${'x'.repeat(1000)}"}\n`, { fs: withFault({ writeFile: halfWrite }) }));
    expect(message).toMatch(new RegExp(`^cannot write ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(readFileSync(out, 'utf8')).toBe('{"old": true}\n');
    expect(readdirSync(join(dir, `half-${code}`))).toEqual(['run.json']);
  });

  it('says EISDIR in one line and removes its temporary file when the target became a folder', async () => {
    const out = join(dir, 'became-folder');
    mkdirSync(join(out, 'inside'), { recursive: true });
    expect(await failure(writeOutput(out, 'x'))).toMatch(/: it is a folder; name a file in it/);
    expect(readdirSync(dir).filter((f) => f.startsWith('became-folder.tmp'))).toEqual([]);
  });
});

describe('recordOutputPath (train:full --name / --out)', () => {
  it('writes under .cache/runs/ by default, never over a committed record in src/data/', () => {
    expect(recordOutputPath('full-run')).toBe(resolve('.cache/runs/full-run.json'));
    expect(recordOutputPath('full-run', 'src/data/runs/full-run.json')).toBe(resolve('src/data/runs/full-run.json'));
  });

  it.each(['../../src/data/runs/full-run', 'runs/x', '.hidden', '', 'a b'])('refuses the name %j', (name) => {
    expect(() => recordOutputPath(name)).toThrow(`invalid --name: ${name} (letters, digits, ".", "_" and "-", e.g. full-run)`);
  });
});
