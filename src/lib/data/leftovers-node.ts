/**
 * What a killed `npm run data` or build leaves beside the assets — `caltech101.tmp-PID` (a
 * half-written asset folder, megabytes), `caltech101.old-PID`, a lock and its temporary files —
 * is removed at the next start once its process is gone; and a built site keeps only the files
 * the manifest lists, so nothing half-done is ever published.
 */
import { readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { removeStaleLock } from './lock-node';
import { validateManifest } from './manifest';
import { leftByDeadProcess } from './process-node';

/** Files left by a process that died while breaking a stale lock are this old at least. */
const BREAKER_STALE_MS = 10_000;

/** Removes leftovers of stopped processes beside the asset folder `outDir`; returns their names. */
export async function removeAssetLeftovers(outDir: string, log: (message: string) => void = () => {}): Promise<string[]> {
  const parent = dirname(outDir);
  const base = basename(outDir);
  const removed: string[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(`${base}.`)) continue;
    const full = join(parent, name);
    const info = await stat(full).catch(() => null);
    if (!info) continue;
    const folder = /^\.(?:tmp|old)-(\d+)$/.exec(name.slice(base.length));
    const lockTmp = /^\.lock\.(\d+)-[0-9a-f-]+\.tmp$/.exec(name.slice(base.length));
    if ((folder || lockTmp) && leftByDeadProcess(Number((folder ?? lockTmp)![1]), info.mtimeMs)) {
      await rm(full, { recursive: true, force: true, maxRetries: 3 });
      removed.push(name);
    } else if (name === `${base}.lock` && (await removeStaleLock(full))) {
      removed.push(name);
    } else if (name === `${base}.lock.break` && Date.now() - info.mtimeMs > BREAKER_STALE_MS) {
      await unlink(full).catch(() => {});
      removed.push(name);
    }
  }
  if (removed.length > 0) log(`data: removed what stopped processes left beside the assets (${removed.join(', ')})`);
  return removed;
}

/** Every file below `dir`, relative to it (forward slashes). */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else files.push(rel);
  }
  return files;
}

/**
 * Trims a published copy of the assets (e.g. dist/generated/caltech101) to what its manifest
 * lists, and removes siblings such as `caltech101.tmp-PID` or `caltech101.lock` that a copy of
 * public/ took along; returns the removed paths, relative to the parent folder.
 */
export async function pruneToManifest(assetDir: string): Promise<string[]> {
  const parent = dirname(assetDir);
  const base = basename(assetDir);
  const removed: string[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (name.startsWith(`${base}.`)) {
      await rm(join(parent, name), { recursive: true, force: true });
      removed.push(name);
    }
  }
  const manifest = validateManifest(JSON.parse(await readFile(join(assetDir, 'manifest.json'), 'utf8')));
  const listed = new Set(['manifest.json', ...manifest.samples.map((s) => s.file), ...manifest.sets.flatMap((s) => s.shards.map((sh) => sh.file))]);
  for (const file of await listFiles(assetDir)) {
    if (listed.has(file)) continue;
    await rm(join(assetDir, file), { force: true });
    removed.push(`${base}/${file}`);
  }
  return removed;
}
