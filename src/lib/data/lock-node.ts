/**
 * A lock file, so two `npm run data` (or a build and `npm run data`, or a training run that must
 * download first) never download, unpack or write the same data at once. The file names its
 * holder: process id, start time of that process, when it took the lock, what it is doing and a
 * token of this acquisition. It holds against a second holder in the same process (the token
 * differs) and in another process (that process still runs); a lock whose process is gone —
 * killed, or its pid now reused by another program — is taken over at once.
 *
 * Own code rather than `proper-lockfile`: that library decides staleness by the lock's age
 * (it refreshes an mtime every few seconds, stale after 10 s by default), so a lock left by a
 * killed `npm run data` blocks the next run for that long and a long stall of the event loop
 * can lose the lock; here the holder's process decides at once. The price: it works on one
 * machine only (pids are local), which is all `npm run data` needs.
 */
import { randomUUID } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { DatasetError, toDatasetError } from './dataset-error';
import { leftByDeadProcess, processStartTicks } from './process-node';

/** Tokens of the locks this process holds now. */
const held = new Set<string>();

/** A breaker file older than this was left by a process that died while breaking a stale lock. */
const BREAKER_STALE_MS = 10_000;

/** What a lock file says about its holder. */
export interface LockOwner {
  pid: number;
  token: string;
  /** The holder's process start (clock ticks since boot, Linux), to tell a reused pid. */
  start?: string | null;
  /** When the lock was taken (ISO 8601). */
  since?: string;
  what?: string;
}

/** Thrown by acquireLock while a running process holds the lock. */
export class LockHeldError extends DatasetError {
  constructor(readonly path: string, readonly owner: LockOwner) {
    super(`the data is in use: ${describeOwner(owner)} holds the lock ${path}`, 'wait for it to finish, then run again');
  }
}

/** "pid 123 (npm run data, since 2026-12-06 10:04:05 UTC)", or "this process (…)" for a holder in this process. */
export function describeOwner(owner: LockOwner): string {
  const details = [owner.what, owner.since && `since ${owner.since.replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')}`].filter(Boolean).join(', ');
  const who = owner.pid === process.pid && held.has(owner.token) ? 'this process' : `pid ${owner.pid}`;
  return details ? `${who} (${details})` : who;
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Whether the holder named in a lock file written at `writtenMs` still runs. */
function isAlive(owner: LockOwner, writtenMs: number) {
  // Our own pid with a token we do not hold: left by an earlier process that had our pid.
  if (owner.pid === process.pid) return held.has(owner.token);
  return !leftByDeadProcess(owner.pid, writtenMs, owner.start);
}

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

/** The holder named by the lock text `seen`, or null when it names none (garbage, an older format). */
function parseOwner(seen: string): LockOwner | null {
  try {
    const owner = JSON.parse(seen);
    return typeof owner?.pid === 'number' && typeof owner?.token === 'string' ? owner : null;
  } catch {
    return null;
  }
}

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

/** Takes the lock at `path` for `what` (named to whoever waits) or throws a LockHeldError if a running holder has it; resolves with a release function. */
export async function acquireLock(path: string, what = 'npm run data'): Promise<() => Promise<void>> {
  try {
    return await tryAcquire(path, what);
  } catch (error) {
    throw toDatasetError(error, `taking the lock ${path}`);
  }
}

async function tryAcquire(path: string, what: string): Promise<() => Promise<void>> {
  const token = randomUUID();
  const mine = JSON.stringify({ pid: process.pid, token, start: processStartTicks(process.pid), since: new Date().toISOString(), what });
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
    const owner = parseOwner(seen);
    const written = await stat(path).then((s) => s.mtimeMs, () => Date.now());
    if (owner && isAlive(owner, written)) throw new LockHeldError(path, owner);
    await breakStale(path, seen);
  }
  throw new DatasetError(`could not take the lock ${path}`, 'run again; if it keeps failing, delete the lock file');
}

/** How long waitForLock waits by default: CALTECH101_LOCK_WAIT seconds, else 20 minutes (a slow first download). */
export function lockWaitSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.CALTECH101_LOCK_WAIT;
  if (text === undefined || text === '') return 20 * 60;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new DatasetError(`invalid CALTECH101_LOCK_WAIT=${JSON.stringify(text)} (seconds to wait for another data step, a number ≥ 0)`, 'set it to e.g. 600, or unset it for the default of 1200');
  }
  return seconds;
}

/** How long and for what a second run waits on the data lock. */
export interface WaitOptions {
  what?: string;
  /** Give up after this many seconds (default: lockWaitSeconds()). 0: do not wait. */
  waitSeconds?: number;
  /** Told once whom we wait for, and again every `reportEverySeconds`. */
  log?: (message: string) => void;
  reportEverySeconds?: number;
  pollMs?: number;
}

/**
 * Takes the lock at `path`, waiting while a running process holds it: says whom it waits for
 * (pid, what, since when) and gives up after `waitSeconds` with a message that names the holder.
 */
export async function waitForLock(path: string, options: WaitOptions = {}): Promise<() => Promise<void>> {
  const { what = 'npm run data', log = () => {}, reportEverySeconds = 30, pollMs = 250 } = options;
  const waitSeconds = options.waitSeconds ?? lockWaitSeconds();
  const started = Date.now();
  let reported = -Infinity;
  for (;;) {
    try {
      return await acquireLock(path, what);
    } catch (error) {
      if (!(error instanceof LockHeldError)) throw error;
      const waited = (Date.now() - started) / 1000;
      if (waited >= waitSeconds) {
        throw new DatasetError(
          `gave up after waiting ${Math.round(waited)} s for ${describeOwner(error.owner)}, which holds the data lock ${path}`,
          `let it finish and run again (or wait longer: CALTECH101_LOCK_WAIT=<seconds>); if that process is no data step, delete ${path}`,
        );
      }
      if (Date.now() - reported >= reportEverySeconds * 1000) {
        reported = Date.now();
        log(`data: waiting for ${describeOwner(error.owner)} to finish (lock ${path}; giving up after ${waitSeconds} s)`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

/** Removes the lock at `path` (and its breaker and temporary files) when its holder is gone; for clean-up at start. */
export async function removeStaleLock(path: string): Promise<boolean> {
  const seen = await readText(path).catch(() => null);
  if (seen === null) return false;
  const owner = parseOwner(seen);
  const written = await stat(path).then((s) => s.mtimeMs, () => Date.now());
  if (owner && isAlive(owner, written)) return false;
  await breakStale(path, seen);
  return true;
}
