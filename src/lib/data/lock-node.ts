/**
 * A lock file, so two `npm run data` (or a build and `npm run data`) never write the same
 * assets at once. The file holds the owner's pid; a lock whose process is gone is taken over.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { DatasetError } from './caltech101-node';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes the lock at `path` or throws if a running process holds it; resolves with a release function. */
export async function acquireLock(path: string, what = 'npm run data'): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(path, String(process.pid), { flag: 'wx' });
      return async () => {
        await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new DatasetError(
          `another ${what} is already writing the data assets (pid ${owner}, lock ${path})`,
          'wait for it to finish, then run again',
        );
      }
      await rm(path, { force: true }); // stale: its process has ended
    }
  }
  throw new DatasetError(`could not take the lock ${path}`, 'run again');
}
