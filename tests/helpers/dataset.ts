/**
 * The Caltech 101 copy the tests use, found where the README says: CALTECH101_DIR, else where
 * `npm run data` puts it (the data library's own default, never a folder outside the project).
 * Outside CI a test may skip with a printed reason when one is missing; under CI=true a missing
 * fixture fails the run, because CI is where everything is present.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CALTECH101 } from '../../src/lib/data/caltech101';
import { datasetOptionsFromEnv, defaultCacheDir } from '../../src/lib/data/caltech101-node';

/** Absolute path of `path` if it exists; else null after printing why (or throwing in CI). */
export function locate(path: string, what: string, fix: string): string | null {
  const full = resolve(path);
  if (existsSync(full)) return full;
  const message = `${what} not found at ${full} (${fix})`;
  if (process.env.CI) throw new Error(`CI=true: ${message}`);
  console.warn(`SKIP: ${message}`);
  return null;
}

/** The folder that holds 101_ObjectCategories/: CALTECH101_DIR, else where `npm run data` puts it. */
export const caltechRoot = datasetOptionsFromEnv().dir ?? defaultCacheDir();

/** The 101_ObjectCategories/ folder of the data set (CALTECH101_DIR, else .cache/caltech101). */
export const caltechFolder = locate(
  join(caltechRoot, CALTECH101.folder),
  'Caltech 101',
  'set CALTECH101_DIR to a folder that holds 101_ObjectCategories/, or run `npm run data`',
);

/** Where the torchvision reference outputs are made during the test run (tests/helpers/reference.ts). */
export const REFERENCE_DIR = '.cache/torchvision-reference';
