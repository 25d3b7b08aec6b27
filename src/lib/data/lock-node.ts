/**
 * A lock file, so two `npm run data` (or a build and `npm run data`) never write the same
 * assets at once. The file names its holder: the process id and a token of this acquisition.
 * It holds against a second holder in the same process (the token differs) and in another
 * process (its pid is alive); a lock whose process is gone (killed) is taken over.
 *
 * Own code rather than `proper-lockfile`: that library decides staleness by the lock's age
 * (it refreshes an mtime every few seconds, stale after 10 s by default), so a lock left by a
 * killed `npm run data` blocks the next run for that long and a long stall of the event loop
 * can lose the lock; here the holder's pid decides at once. The price: it works on one
 * machine only (pids are local), which is all `npm run data` needs.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { DatasetError } from './caltech101-node';

/** Tokens of the locks this process holds now. */
const held = new Set<string>();

/** A breaker file older than this was left by a process that died while breaking a stale lock. */
const BREAKER_STALE_MS = 10_000;

const isAlive = (pid: number, token: string) => {
  // Our own pid with a token we do not hold: left by an earlier process that had our pid.
  if (pid === process.pid) return held.has(token);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Creates `path` with `text` atomically: the content is written to a temporary file first and
 * hard-linked into place, so nobody ever reads a half-written lock. Resolves false if it exists.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const tmp = `${path}.${process.pid}-${randomUUID()}.tmp`;
  await writeFile(tmp, text);
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

const readText = (path: string) => readFile(path, 'utf8').catch((error) => (code(error) === 'ENOENT' ? null : Promise.reject(error)));

/**
 * Removes the stale lock at `path` if it still reads `seen` (exported for its test). Done under a second, short-lived
 * lock (`path.break`): two processes that both found the same stale lock could otherwise
 * each remove it, the second removing the lock the first has just taken.
 */
export async function breakStale(path: string, seen: string): Promise<void> {
  const breaker = `${path}.break`;
  if (!(await createExclusive(breaker, String(process.pid)))) {
    const age = await stat(breaker).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > BREAKER_STALE_MS) await unlink(breaker).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20)); // someone else is breaking it: look again
    return;
  }
  try {
    if ((await readText(path)) === seen) await unlink(path).catch(() => {});
  } finally {
    await unlink(breaker).catch(() => {});
  }
}

/** Takes the lock at `path` or throws if a running holder has it; resolves with a release function. */
export async function acquireLock(path: string, what = 'npm run data'): Promise<() => Promise<void>> {
  const token = randomUUID();
  const mine = JSON.stringify({ pid: process.pid, token });
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await createExclusive(path, mine)) {
      held.add(token);
      return async () => {
        if (!held.delete(token)) return; // released before: never touch a later holder's lock
        if ((await readText(path)) === mine) await unlink(path).catch(() => {});
      };
    }
    const seen = await readText(path);
    if (seen === null) continue; // released in the meantime
    let owner: { pid?: unknown; token?: unknown } = {};
    try {
      owner = JSON.parse(seen);
    } catch {
      // not ours (an older format or garbage): stale
    }
    if (typeof owner.pid === 'number' && typeof owner.token === 'string' && isAlive(owner.pid, owner.token)) {
      throw new DatasetError(
        `another ${what} is already writing the data assets (${owner.pid === process.pid ? 'in this process' : `pid ${owner.pid}`}, lock ${path})`,
        'wait for it to finish, then run again',
      );
    }
    await breakStale(path, seen);
  }
  throw new DatasetError(`could not take the lock ${path}`, 'run again; if it keeps failing, delete the lock file');
}
