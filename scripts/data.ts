/**
 * npm run data [-- --force] (`--help` lists the options): gets Caltech 101 (CALTECH101_DIR, or a download that is verified
 * and unpacked into .cache/caltech101), checks every image's content and writes the site's data
 * assets to public/generated/caltech101/ when they are missing or stale. While another data step
 * holds the lock (.cache/caltech101.lock) it waits, up to --wait seconds (CALTECH101_LOCK_WAIT, default 1200).
 */
import { parseCommandLine } from './cli';

const { force, wait } = parseCommandLine('data', {
  command: 'npm run data --',
  summary: 'Gets Caltech 101, checks every image and writes the data assets to public/generated/caltech101/ when they are missing or stale.',
  options: {
    force: { kind: 'flag', help: 'rebuild the assets even when they are up to date' },
    wait: { kind: 'int', min: 0, help: 'seconds to wait while another data step holds the lock (default: CALTECH101_LOCK_WAIT, else 1200)' },
  },
});
// Loaded after the options are checked: sharp and tar are slow to load.
const { prepareData, ASSET_DIR } = await import('../src/lib/data/prepare-node');
const { toDatasetError } = await import('../src/lib/data/dataset-error');
try {
  const result = await prepareData({ force, waitSeconds: wait });
  const { manifest } = result;
  if (result.built) {
    console.log(
      `data: wrote ${ASSET_DIR}/ in ${result.seconds.toFixed(1)} s — ${manifest.dataset.classes.length} classes, ` +
        `${manifest.dataset.total} images (${manifest.split.train} train / ${manifest.split.val} val); ` +
        manifest.sets.map((s) => `${s.id}: ${s.labels.length} images, ${(s.bytes / 1e6).toFixed(2)} MB`).join('; '),
    );
  } else {
    console.log(`data: ${ASSET_DIR}/ is up to date (hash ${result.hash.slice(0, 12)}, checked in ${result.seconds.toFixed(1)} s); nothing to do`);
  }
} catch (error) {
  // What is wrong and what to do; the stack only on request (DEBUG=1).
  console.error(`data: ${toDatasetError(error).message}`);
  if (process.env.DEBUG) console.error(error);
  process.exitCode = 1;
}
