/**
 * Child process for the download fault test: downloads argv[2] `argv[3]` times into fresh cache
 * folders under argv[4] with the real ensureDataset, printing one line per attempt (its error's
 * first line). A crash that no `try` can catch ends this process, not the test runner.
 */
import { join } from 'node:path';
import { ensureDataset } from '../../src/lib/data/caltech101-node';

const [url, times, dir] = process.argv.slice(2);
for (let i = 0; i < Number(times); i++) {
  const outcome = await ensureDataset({ cacheDir: join(dir, `run-${i}`), url }).then(
    (folder) => `ok ${folder}`,
    (error: Error) => `${error.name}: ${error.message.replace(/\n/g, ' ')}`,
  );
  process.stdout.write(`${i} ${outcome}\n`);
}
