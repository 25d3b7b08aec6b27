/**
 * Reads every record and reference file the site publishes (every .json under src/data/, in
 * every folder: runs, reference, probes, better, …) and checks its numbers (check-numbers.ts).
 * The build calls it before any page is rendered (src/integrations/data-records.ts), so a bad
 * record fails the build naming the file and the field; invalid JSON names the file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkRecordNumbers, parseRecordText } from './check-numbers';

/** Where the published records live, relative to the project root. */
export const DATA_DIR = 'src/data';

/** The .json files under `folder`, recursively, sorted (paths relative to `root`). */
export function listDataFiles(root: string, folder = DATA_DIR): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.isFile() && entry.name.endsWith('.json')) found.push(relative(root, path));
    }
  };
  visit(join(root, folder));
  return found.sort();
}

/** Reads and checks every data file of the project at `root`; returns them parsed, by path. Throws a RecordError at the first bad one. */
export function loadDataFiles(root: string, folder = DATA_DIR): Map<string, unknown> {
  const files = new Map<string, unknown>();
  for (const file of listDataFiles(root, folder)) {
    const value = parseRecordText(readFileSync(join(root, file), 'utf8'), file);
    checkRecordNumbers(value, file);
    files.set(file, value);
  }
  return files;
}
