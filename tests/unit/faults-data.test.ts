/**
 * Fault injection for the data step around the download (issue 27): a second run while the lock
 * is held, a lock of a reused pid, what killed runs leave behind, damaged images, an incomplete
 * or symlinked data set, a folder where the lock belongs, and the one-line message of
 * `npm run data`. Faults come through seams (a child holding the lock, files placed on disk,
 * a stand-in dist/), never through mounts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASS_NAMES } from '../../src/lib/data/caltech101';
import { DatasetError, listDataset } from '../../src/lib/data/caltech101-node';
import OFFICIAL_DIGESTS from '../../src/lib/data/caltech101-digests.json';
import { toDatasetError } from '../../src/lib/data/dataset-error';
import { acquireLock } from '../../src/lib/data/lock-node';
import { prepareData } from '../../src/lib/data/prepare-node';
import { computeDigests, decodeWithSharp, verifyImages } from '../../src/lib/data/verify-node';
import { dataAssets } from '../../src/integrations/data-assets';
import { caltechFolder } from '../helpers/fixtures';
import { holdLockInChild, killHard } from '../helpers/lock-holder';
import { makeTinyDataset, noiseJpeg } from '../helpers/tiny-dataset';

const work = mkdtempSync(join(tmpdir(), 'faults-data-'));
let tiny = ''; // a complete tiny data set, copied by the tests that change it
beforeAll(async () => {
  tiny = await makeTinyDataset(join(work, 'tiny'));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let projects = 0;
/** A fresh project root and a copy of the tiny data set for it. */
function project() {
  const root = join(work, `project-${++projects}`);
  const data = join(root, 'data');
  cpSync(tiny, join(data, '101_ObjectCategories'), { recursive: true });
  return { root, data, folder: join(data, '101_ObjectCategories') };
}

/** prepareData on a tiny data set: its images are not the official ones, so no official digests unless given. */
const prepare = (root: string, dir: string, extra: Record<string, unknown> = {}) =>
  prepareData({ projectRoot: root, env: { CALTECH101_DIR: dir }, progress: false, log: () => {}, digests: {}, ...extra });

/** The pid of a process that has ended. */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

describe('one data lock: a second run waits', () => {
  it('waits while another process holds the lock, says whom it waits for, and goes on once it is free', async () => {
    const { root, data } = project();
    mkdirSync(join(root, '.cache'), { recursive: true });
    const child = await holdLockInChild(join(root, '.cache', 'caltech101.lock'), 'release');
    const logs: string[] = [];
    const run = prepare(root, data, { log: (m: string) => logs.push(m), waitSeconds: 60 });
    await new Promise((r) => setTimeout(r, 800));
    const exited = new Promise((r) => child.once('exit', r));
    child.stdin!.end(); // the holder finishes
    await exited;
    const result = await run;
    expect(result.built).toBe(true);
    expect(logs[0]).toMatch(new RegExp(`^data: waiting for pid ${child.pid} \\(npm run data, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\) to finish`));
  }, 60_000);

  it('gives up after the time it was given, naming the holder and what to do', async () => {
    const { root, data } = project();
    mkdirSync(join(root, '.cache'), { recursive: true });
    const child = await holdLockInChild(join(root, '.cache', 'caltech101.lock'));
    try {
      const err = await prepare(root, data, { waitSeconds: 1 }).catch((e) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect(err.message).toMatch(
        new RegExp(
          `^gave up after waiting 1 s for pid ${child.pid} \\(npm run data, since .+ UTC\\), which holds the data lock ${join(root, '.cache', 'caltech101.lock')}\n` +
            '  → let it finish and run again \\(or wait longer: CALTECH101_LOCK_WAIT=<seconds>\\)',
        ),
      );
      expect(existsSync(join(root, 'public'))).toBe(false);
    } finally {
      await killHard(child);
    }
  }, 30_000);

  it('takes over a lock whose pid now belongs to an unrelated process (reused after the holder died)', async () => {
    const other = spawn('sleep', ['30']);
    try {
      const oldFormat = join(work, 'reused-old.lock'); // no start time recorded: written before that process started
      writeFileSync(oldFormat, JSON.stringify({ pid: other.pid, token: 'from-a-dead-run' }));
      utimesSync(oldFormat, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      await (await acquireLock(oldFormat))();
      const recorded = join(work, 'reused-new.lock'); // a start time that is not that process's
      writeFileSync(recorded, JSON.stringify({ pid: other.pid, token: 'from-a-dead-run', start: '1', since: new Date().toISOString() }));
      await (await acquireLock(recorded))();
      expect(readdirSync(work).filter((f) => f.startsWith('reused-'))).toEqual([]);
    } finally {
      other.kill();
    }
  });
});

describe('leftovers of killed runs', () => {
  it('removes what dead processes left beside the assets and in the cache at the next start', async () => {
    const { root, data } = project();
    const generated = join(root, 'public', 'generated');
    const dead = deadPid();
    for (const dir of [`caltech101.tmp-${dead}`, `caltech101.old-${dead}`]) {
      mkdirSync(join(generated, dir), { recursive: true });
      writeFileSync(join(generated, dir, 'demo-32-0.png'), 'half written');
    }
    writeFileSync(join(generated, 'caltech101.lock'), JSON.stringify({ pid: dead, token: 'killed' }));
    writeFileSync(join(generated, `caltech101.lock.${dead}-0b0c0d0e-1111-2222-3333-444455556666.tmp`), 'x');
    mkdirSync(join(root, '.cache', 'caltech101', `.download-${dead}-${Date.now() - 1000}`), { recursive: true });
    const logs: string[] = [];
    await prepare(root, data, { log: (m: string) => logs.push(m) });
    expect(readdirSync(generated)).toEqual(['caltech101']);
    expect(readdirSync(join(root, '.cache', 'caltech101'))).toEqual([]);
    expect(logs.join('\n')).toContain(`caltech101.tmp-${dead}`);
  }, 30_000);

  it('publishes only what the manifest lists: a lock or a half-written folder never reaches dist/', async () => {
    const { root, data } = project();
    const { manifest } = await prepare(root, data);
    const dist = join(root, 'dist');
    cpSync(join(root, 'public'), dist, { recursive: true }); // what Astro copies
    mkdirSync(join(dist, 'generated', 'caltech101.tmp-4242'));
    writeFileSync(join(dist, 'generated', 'caltech101.tmp-4242', 'demo-32-0.png'), 'half');
    writeFileSync(join(dist, 'generated', 'caltech101.lock'), '{"pid":4242}');
    writeFileSync(join(dist, 'generated', 'caltech101', 'stray.png'), 'not listed');
    const hook = dataAssets().hooks['astro:build:done'] as ((o: unknown) => Promise<void>) | undefined;
    await hook?.({ dir: pathToFileURL(`${dist}/`), logger: { info: () => {} } });
    expect(readdirSync(join(dist, 'generated'))).toEqual(['caltech101']);
    const listed = ['manifest.json', ...manifest.samples.map((s) => s.file.split('/')[0]), ...manifest.sets.flatMap((s) => s.shards.map((sh) => sh.file))];
    expect(readdirSync(join(dist, 'generated', 'caltech101')).sort()).toEqual([...new Set(listed)].sort());
  }, 30_000);
});

describe('damaged and unusual data sets', () => {
  it('names a truncated image and one with 4 KB zeroed in place, and writes no assets', async () => {
    const { root, data, folder } = project();
    for (const [name, seed] of [['ant', 1], ['wrench', 2]] as const) writeFileSync(join(folder, name, 'image_0002.jpg'), await noiseJpeg(160, seed));
    const paths = Object.entries(await listDataset(folder)).flatMap(([c, files]) => (c === 'BACKGROUND_Google' ? [] : files.sort().map((f) => `${c}/${f}`)));
    const digests = await computeDigests(folder, paths.sort()); // the undamaged set is "official" here
    const truncated = join(folder, 'ant', 'image_0002.jpg');
    const zeroed = join(folder, 'wrench', 'image_0002.jpg');
    const bytes = readFileSync(truncated);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const z = readFileSync(zeroed);
    z.fill(0, 3000, 3000 + 4096);
    writeFileSync(zeroed, z);
    await expect(decodeWithSharp(readFileSync(zeroed))).resolves.toBeUndefined(); // the decoder alone does not see these zeros
    const err = await prepare(root, data, { digests }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain(`damaged images in ${folder}: 2 files cannot be decoded or differ from the originals:\n`);
    // The decoder's own words vary when several images decode at once (libvips keeps one error buffer).
    expect(err.message).toMatch(new RegExp(`${truncated} \\((VipsJpeg: [^)]+|Warning treated as error due to failOn setting)\\)`));
    expect(err.message).toMatch(new RegExp(`${zeroed} \\(its content differs from the official data set's: SHA-256 [0-9a-f]{8}…, expected ${digests.wrench.slice(8, 16)}…\\)`));
    expect(existsSync(join(root, 'public', 'generated', 'caltech101'))).toBe(false);
  }, 30_000);

  it('checks only what changed on a second run (by size and modification time)', async () => {
    const { folder } = project();
    const paths = CLASS_NAMES.map((c) => `${c}/image_0001.jpg`);
    const digests = await computeDigests(folder, [...paths].sort());
    const cacheFile = join(work, `verified-${projects}.json`);
    expect(await verifyImages(folder, paths, { cacheFile, digests })).toEqual({ decoded: 101, known: 0 });
    expect(await verifyImages(folder, paths, { cacheFile, digests })).toEqual({ decoded: 0, known: 101 });
    const file = join(folder, 'okapi', 'image_0001.jpg');
    const bytes = readFileSync(file);
    writeFileSync(file, Buffer.alloc(bytes.length, 0).fill(bytes.subarray(0, 3), 0, 3)); // same size, new content
    await expect(verifyImages(folder, paths, { cacheFile, digests })).rejects.toThrow(`${file} (`);
    expect(await verifyImages(folder, paths.filter((p) => !p.startsWith('okapi/')), { cacheFile, digests })).toEqual({ decoded: 0, known: 100 });
    writeFileSync(cacheFile, '{"format":1,"fol'); // a cache cut short (disk full) counts as no cache
    expect(await verifyImages(folder, paths.filter((p) => !p.startsWith('okapi/')), { cacheFile, digests })).toEqual({ decoded: 100, known: 0 });
  }, 30_000);

  it.skipIf(!caltechFolder)('catches 4 KB zeroed in a real Caltech image that decodes without a warning, by the official digests', async () => {
    const { root, data, folder } = project();
    rmSync(join(folder, 'barrel'), { recursive: true });
    mkdirSync(join(folder, 'barrel'));
    const file = join(folder, 'barrel', 'image_0024.jpg');
    const z = readFileSync(join(caltechFolder!, 'barrel', 'image_0024.jpg'));
    z.fill(0, 6135, 6135 + 4096); // found by trying: libjpeg decodes this without complaint
    writeFileSync(file, z);
    await expect(decodeWithSharp(readFileSync(file))).resolves.toBeUndefined();
    const err = await prepare(root, data, { digests: { barrel: OFFICIAL_DIGESTS.barrel } }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain(`${file} (its content differs from the official data set's`);
  }, 30_000);

  it('names an incomplete data set in one message with what to do', async () => {
    const { root, data, folder } = project();
    rmSync(join(folder, 'okapi'), { recursive: true });
    const err = await prepare(root, data).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe(
      `${folder} is not a complete Caltech 101: missing class folders: okapi\n  → point CALTECH101_DIR at a complete copy, or unset it to download one`,
    );
  });

  it('follows a class folder that is a symbolic link', async () => {
    const { root, data, folder } = project();
    renameSync(join(folder, 'ant'), join(work, `ant-elsewhere-${projects}`));
    symlinkSync(join(work, `ant-elsewhere-${projects}`), join(folder, 'ant'));
    const { manifest } = await prepare(root, data);
    expect(manifest.dataset.classes).toEqual([...CLASS_NAMES]);
  }, 30_000);

  it('names a class folder link that leads nowhere', async () => {
    const { root, data, folder } = project();
    rmSync(join(folder, 'ant'), { recursive: true });
    symlinkSync(join(work, 'nowhere'), join(folder, 'ant'));
    const err = await prepare(root, data).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe(`${join(folder, 'ant')} is a symbolic link to something that does not exist\n  → fix or remove the link`);
  });

  it('says so in one message when a folder is where the lock file belongs (EISDIR)', async () => {
    const { root, data } = project();
    const lock = join(root, '.cache', 'caltech101.lock');
    mkdirSync(lock, { recursive: true });
    const err = await prepare(root, data).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toBe(
      `taking the lock ${lock} failed: a folder is in the way where a file belongs (EISDIR)\n  → remove or rename that folder and run again`,
    );
  });
});

describe('file-system errors from any step', () => {
  it.each([
    ['ENOSPC', 'write', 'no space left on the device', 'free some space'],
    ['EROFS', 'mkdir', 'the file system is read-only', 'run from a writable copy of the project'],
    ['EISDIR', 'open', 'a folder is in the way where a file belongs', 'remove or rename that folder'],
    ['EACCES', 'open', 'permission denied', 'check the permissions of this path'],
  ])('turns %s into what is wrong and what to do', (code, syscall, what, hint) => {
    const raw = Object.assign(new Error(`${code}: raw text, ${syscall} '/p/x'`), { code, syscall, path: '/p/x' });
    expect(toDatasetError(raw, 'writing the data assets').message).toMatch(
      new RegExp(`^writing the data assets failed: ${what} \\(${code} at /p/x\\)\n {2}→ ${hint}[^\n]*$`),
    );
  });
});

describe('npm run data on a fault', () => {
  const tsx = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;
  const runData = (cwd: string, env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', tsx, resolve('scripts/data.ts')], { cwd, env: { ...process.env, CI: '', DEBUG: '', ...env }, encoding: 'utf8', timeout: 60_000 });

  it('ends an incomplete data set in what is wrong and what to do, without a stack', () => {
    const { root, data, folder } = project();
    rmSync(join(folder, 'okapi'), { recursive: true });
    const child = runData(root, { CALTECH101_DIR: data });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(
      new RegExp(`\ndata: ${folder} is not a complete Caltech 101: missing class folders: okapi\n  → point CALTECH101_DIR at a complete copy, or unset it to download one\n$`),
    );
    expect(child.stderr).not.toMatch(/^\s+at /m); // no stack
  }, 60_000);

  it('refuses a wait time that is no number, naming the variable', () => {
    const { root, data } = project();
    const child = runData(root, { CALTECH101_DIR: data, CALTECH101_LOCK_WAIT: 'soon' });
    expect(child.status).toBe(1);
    expect(child.stderr).toBe(
      'data: invalid CALTECH101_LOCK_WAIT="soon" (seconds to wait for another data step, a number ≥ 0)\n  → set it to e.g. 600, or unset it for the default of 1200\n',
    );
  }, 60_000);
});
