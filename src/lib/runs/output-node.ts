/**
 * Where a script's result goes, checked before any work and written so that nothing is half
 * written: `checkOutput` creates the folder and writes and removes a probe file there (a run
 * that would die writing its record after minutes of training dies at once instead);
 * `writeOutput` writes a temporary file next to the target and renames it over the target.
 * Failures end in one line that says what is wrong and what to do (OutputError). The file
 * system comes in as a parameter, so the tests inject ENOSPC, EROFS or EISDIR without a mount.
 */
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The file-system calls used here (node:fs/promises by default; tests pass failing ones). */
export interface OutputFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, data: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: true }): Promise<void>;
  stat(path: string): Promise<{ isDirectory(): boolean }>;
}

/** How an output is named in messages (e.g. "--out") and the file system to use. */
export interface OutputOptions {
  option?: string;
  fs?: OutputFs;
}

/** A result that cannot be written: the message is one line with the cause and what to do. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** Where a run's record goes by default: under .cache/, never over a committed record in src/data/runs/. */
export const DEFAULT_RECORD_FOLDER = '.cache/runs';

/**
 * The absolute path of the record `name`: `out` when given, else .cache/runs/NAME.json under
 * `root`. A name must be a plain file name (letters, digits, ".", "_", "-"), so `--name` cannot
 * reach into src/data/ either; throws a RangeError saying so.
 */
export function recordOutputPath(name: string, out?: string, root = '.'): string {
  if (!/^[A-Za-z0-9][\w.-]*$/.test(name)) throw new RangeError(`invalid --name: ${name} (letters, digits, ".", "_" and "-", e.g. full-run)`);
  return resolve(root, out ?? join(DEFAULT_RECORD_FOLDER, `${name}.json`));
}

/** The one-line message for a failed write of `path`, by error code. */
export function describeOutputFailure(path: string, error: unknown, option = '--out'): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why: Record<string, string> = {
    ENOSPC: `no space left on the device; free some space or choose another ${option}`,
    EDQUOT: `the disk quota is used up; free some space or choose another ${option}`,
    EROFS: `the file system is read-only; choose a writable place with ${option}`,
    EACCES: `permission denied; choose a folder you may write to with ${option}`,
    EPERM: `permission denied; choose a folder you may write to with ${option}`,
    EISDIR: `it is a folder; name a file in it, e.g. ${option} ${join(path, 'run.json')}`,
    ENOTDIR: `a part of its path is a file, not a folder; choose another ${option}`,
    EEXIST: `a part of its path is a file, not a folder; choose another ${option}`,
    ENAMETOOLONG: `the name is too long; choose a shorter ${option}`,
  };
  const detail = (code && why[code]) ?? `${(error as Error)?.message ?? String(error)}; choose another ${option}`;
  return `cannot write ${path}: ${detail}`;
}

/**
 * Checks that `path` can be written, before any work: not a folder, its folder can be created,
 * and a probe file can be written there and removed. Throws an OutputError otherwise.
 */
export async function checkOutput(path: string, { option = '--out', fs = fsPromises }: OutputOptions = {}): Promise<void> {
  const isFolder = await fs.stat(path).then((s) => s.isDirectory(), () => false);
  if (isFolder) throw new OutputError(describeOutputFailure(path, Object.assign(new Error('is a folder'), { code: 'EISDIR' }), option));
  const probe = join(dirname(path), `.${basename(path)}.probe-${process.pid}`);
  try {
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(probe, '');
  } catch (error) {
    throw new OutputError(describeOutputFailure(path, error, option));
  } finally {
    await fs.rm(probe, { force: true }).catch(() => {});
  }
}

/**
 * Writes `text` to `path` atomically: a temporary file next to it, then a rename, so a reader
 * (or a crash) sees the old file or the whole new one, never half of it. On failure the
 * temporary file is removed and an OutputError says what is wrong.
 */
export async function writeOutput(path: string, text: string, { option = '--out', fs = fsPromises }: OutputOptions = {}): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await fs.mkdir(dirname(path), { recursive: true });
    await fs.writeFile(temporary, text);
    await fs.rename(temporary, path);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => {});
    throw new OutputError(describeOutputFailure(path, error, option));
  }
}
