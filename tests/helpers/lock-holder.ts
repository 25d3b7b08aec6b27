/** Starts tests/helpers/hold-lock.ts in another Node process and waits until it holds the lock. */
import { spawn, type ChildProcess } from 'node:child_process';


/** A child process that holds the lock at `path`; resolves once it does. */
export function holdLockInChild(path: string, mode: 'keep' | 'release' = 'keep'): Promise<ChildProcess> {
  // One process (tsx as a loader, not its CLI, which would run the script in a grandchild).
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/hold-lock.ts', path, mode], { stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const held = out.match(/held (\d+)/);
      if (held) {
        if (Number(held[1]) !== child.pid) reject(new Error(`lock holder runs as pid ${held[1]}, not ${child.pid}`));
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.once('exit', (status) => reject(new Error(`lock holder exited with ${status} before holding the lock: ${out}`)));
  });
}

/** Kills `child` with SIGKILL (no clean-up runs) and waits until it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}
