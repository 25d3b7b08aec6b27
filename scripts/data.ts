/**
 * npm run data [-- --force]: gets Caltech 101 (CALTECH101_DIR, or a download that is verified
 * and unpacked into .cache/caltech101) and writes the site's data assets to
 * public/generated/caltech101/ when they are missing or stale.
 */
import { prepareData, ASSET_DIR } from '../src/lib/data/prepare-node';
import { DatasetError } from '../src/lib/data/caltech101-node';

const force = process.argv.includes('--force');
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
