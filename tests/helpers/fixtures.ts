/**
 * Fixtures that live outside the repository (the Caltech 101 copy, the PyTorch reference
 * outputs). Outside CI a test may skip with a printed reason when one is missing; under
 * CI=true a missing fixture fails the run, because CI is where everything is present.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Absolute path of `path` if it exists; else null after printing why (or throwing in CI). */
function locate(path: string, what: string, fix: string): string | null {
  const full = resolve(path);
  if (existsSync(full)) return full;
  const message = `${what} not found at ${full} (${fix})`;
  if (process.env.CI) throw new Error(`CI=true: ${message}`);
  console.warn(`SKIP: ${message}`);
  return null;
}

/** The 101_ObjectCategories/ folder of CALTECH101_DIR (default ../shared/caltech101). */
export const caltechFolder = locate(
  join(process.env.CALTECH101_DIR || '../shared/caltech101', '101_ObjectCategories'),
  'Caltech 101',
  'set CALTECH101_DIR to a folder that holds 101_ObjectCategories/',
);

/** The torchvision reference outputs (../shared/reference/torchvision). */
export const referenceFolder = locate('../shared/reference/torchvision', 'torchvision reference outputs', 'see shared/reference/README.md');
