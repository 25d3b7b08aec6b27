/**
 * The data lock: it holds against a second holder in the same process and in another process,
 * a release never frees a later holder's lock, and a lock left by a killed process is taken over.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, breakStale } from '../../src/lib/data/lock-node';
import { holdLockInChild, killHard } from '../helpers/lock-holder';

const work = mkdtempSync(join(tmpdir(), 'lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('data lock', () => {
  it('refuses a second holder in the same process, and the first release does not free the second holder', async () => {
    const path = join(work, 'same.lock');
    const first = await acquireLock(path);
    await expect(acquireLock(path)).rejects.toThrow(
      new RegExp(`^the data is in use: this process \\(npm run data, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\) holds the lock ${path}\n  → wait for it to finish, then run again$`),
    );
    await first();
    expect(existsSync(path)).toBe(false);
    const second = await acquireLock(path);
    await first(); // a late second call of the first release
    expect(existsSync(path)).toBe(true);
    await expect(acquireLock(path)).rejects.toThrow(/: this process \(/);
    await second();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses a holder while another process holds the lock, and takes over once that process is killed', async () => {
    const path = join(work, 'other.lock');
    const child = await holdLockInChild(path);
    try {
      await expect(acquireLock(path)).rejects.toThrow(`the data is in use: pid ${child.pid} (npm run data, since `);
    } finally {
      await killHard(child);
    }
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(child.pid); // stale: left by the killed process
    const release = await acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    await release();
    expect(readdirSync(work).filter((f) => f.startsWith('other.lock'))).toEqual([]); // no temporary or breaker files left
  });

  it('keeps the lock of another process that released it cleanly and took it again', async () => {
    const path = join(work, 'handover.lock');
    const child = await holdLockInChild(path, 'release');
    child.stdin!.end(); // the child releases and exits
    await new Promise((resolve) => child.once('exit', resolve));
    expect(existsSync(path)).toBe(false);
    const release = await acquireLock(path);
    await release();
  });

  it('lets exactly one of many simultaneous takers have a stale lock', async () => {
    const path = join(work, 'race.lock');
    const child = await holdLockInChild(path);
    await killHard(child);
    const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(path)));
    const winners = attempts.filter((a) => a.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const messages = attempts.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason.message));
    expect(messages).toHaveLength(7);
    for (const m of messages) expect(m).toMatch(new RegExp(`: this process \\(npm run data, since .*\\) holds the lock ${path}\n  → wait for it to finish, then run again$`));
    await (winners[0] as PromiseFulfilledResult<() => Promise<void>>).value();
  });

  it('never removes a lock that was taken after it was found stale', async () => {
    const path = join(work, 'late.lock');
    const child = await holdLockInChild(path);
    await killHard(child);
    const staleText = readFileSync(path, 'utf8');
    rmSync(path); // someone else broke it ...
    const release = await acquireLock(path); // ... and it is taken again
    await breakStale(path, staleText); // a slower taker that had read the stale lock before
    expect(existsSync(path)).toBe(true);
    await release();
  });

  it('takes over a lock that names this process but not one of its holders (a pid reused after a restart)', async () => {
    const path = join(work, 'reused.lock');
    writeFileSync(path, JSON.stringify({ pid: process.pid, token: 'from-an-earlier-process' }));
    const release = await acquireLock(path);
    await release();
    expect(existsSync(path)).toBe(false);
  });
});
