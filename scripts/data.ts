/**
 * npm run data [-- --force] (`--help` lists the options): gets Caltech 101 (CALTECH101_DIR, or a download that is verified
 * and unpacked into .cache/caltech101) and writes the site's data assets to
 * public/generated/caltech101/ when they are missing or stale.
 */
import { parseCommandLine } from './cli';

const { force } = parseCommandLine('data', {
  command: 'npm run data --',
  summary: 'Gets Caltech 101 and writes the data assets to public/generated/caltech101/ when they are missing or stale.',
  options: { force: { kind: 'flag', help: 'rebuild the assets even when they are up to date' } },
});
// Loaded after the options are checked: sharp and tar are slow to load.
const { prepareData, ASSET_DIR } = await import('../src/lib/data/prepare-node');
const { DatasetError } = await import('../src/lib/data/caltech101-node');
try {
  const result = await prepareData({ force });
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
  console.error(error instanceof DatasetError ? `data: ${error.message}` : error);
  process.exitCode = 1;
}
