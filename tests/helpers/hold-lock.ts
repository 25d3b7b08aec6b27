/**
 * Child process for the lock tests: takes the lock at argv[2] with the real acquireLock, prints
 * "held <pid>" and keeps it until killed (or, with "release" as argv[3], until stdin closes).
 */
import { acquireLock } from '../../src/lib/data/lock-node';

const release = await acquireLock(process.argv[2]);
process.stdout.write(`held ${process.pid}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
  if (process.argv[3] === 'release') await release();
  process.exit(0);
});
