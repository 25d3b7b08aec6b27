/**
 * Vitest global setup of the unit tests: makes the torchvision reference outputs (five Caltech
 * 101 images through the original transforms, tests/python/torchvision_oracle.py --reference)
 * from the data set with Debian's torchvision, once, into .cache/torchvision-reference/. They
 * derive from Caltech images, which the project never commits. Made again when the oracle
 * script or the data set's location changes; written to a temporary folder and renamed, so a
 * killed run never leaves half a set behind. Outside CI a missing data set or torchvision skips
 * with the reason printed; under CI=true it fails.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REFERENCE_DIR, caltechFolder } from './dataset';

const SCRIPT = 'tests/python/torchvision_oracle.py';

/** What the outputs were made from: the oracle script and the data set's folder. */
function stampOf(categories: string): string {
  const script = createHash('sha256').update(readFileSync(SCRIPT)).digest('hex');
  return JSON.stringify({ script, categories });
}

/** Makes .cache/torchvision-reference/ unless it is there and current; returns its path or null. */
export async function ensureReference(): Promise<string | null> {
  if (!caltechFolder) return null;
  const out = resolve(REFERENCE_DIR);
  const stamp = stampOf(caltechFolder);
  const stampFile = join(out, 'stamp.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return out;
  // only now: probing Python for torchvision costs seconds on every test run
  const { runPython, torchSkipReason } = await import('./python');
  if (torchSkipReason) return null;
  const temp = `${out}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  console.log(runPython(SCRIPT, ['--reference', caltechFolder, temp]).trim());
  writeFileSync(join(temp, 'stamp.json'), stamp);
  rmSync(out, { recursive: true, force: true });
  renameSync(temp, out);
  return out;
}

/** Vitest's global setup hook. */
export default async function setup() {
  await ensureReference();
}
