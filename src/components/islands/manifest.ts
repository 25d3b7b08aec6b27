/** The data manifest, read at build time by the islands' server-rendered HTML. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_DIR, validateManifest, type AssetManifest } from '../../lib/data/manifest';

/** Reads public/generated/caltech101/manifest.json (the build's data integration wrote it). */
export function readAssetManifest(): AssetManifest {
  const path = join(process.cwd(), ASSET_DIR, 'manifest.json');
  try {
    return validateManifest(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    throw new Error(`cannot read the data manifest ${path} (${(error as Error).message}); run npm run data`);
  }
}

/** URL folder of the data assets for a site `base` ('/' or '/sub/'). */
export const assetUrl = (base: string) => `${base.replace(/\/?$/, '/')}generated/caltech101/`;
