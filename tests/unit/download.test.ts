/**
 * Getting the data set the way torchvision does — download, verify, unpack — against an
 * archive this test makes (a zip holding a tar.gz with all 101 class folders, one tiny image
 * each) served from 127.0.0.1; and every way that can go wrong, each leaving nothing behind.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tar from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, CLASS_NAMES } from '../../src/lib/data/caltech101';
import { DatasetError, ensureDataset, listDataset } from '../../src/lib/data/caltech101-node';
import { buildAssets } from '../../src/lib/data/assets-node';
import { holdLockInChild, killHard } from '../helpers/lock-holder';
import { makeTinyDataset, zipOf } from '../helpers/tiny-dataset';

const work = mkdtempSync(join(tmpdir(), 'caltech-dl-'));
const files: Record<string, Buffer> = {};
let server: Server;
let base = '';
let goodMd5 = '';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const leftovers = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

beforeAll(async () => {
  const src = join(work, 'src');
  await makeTinyDataset(src);
  const tarball = join(work, '101_ObjectCategories.tar.gz');
  await tar.c({ gzip: true, cwd: src, file: tarball }, ['101_ObjectCategories']);
  const tgz = readFileSync(tarball);
  goodMd5 = md5(tgz);
  const annotations = Buffer.from('not needed for classification');
  files['/good.zip'] = await zipOf({ 'caltech-101/101_ObjectCategories.tar.gz': tgz, 'caltech-101/Annotations.tar': annotations });
  files['/truncated.zip'] = files['/good.zip'].subarray(0, Math.floor(files['/good.zip'].length / 2));
  files['/corrupt-tar.zip'] = await zipOf({ 'caltech-101/101_ObjectCategories.tar.gz': tgz.subarray(0, Math.floor(tgz.length * 0.6)) });
  files['/no-member.zip'] = await zipOf({ 'caltech-101/Annotations.tar': annotations });
  server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (!body) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(work, { recursive: true, force: true });
});

describe('downloading Caltech 101', () => {
  it('downloads, verifies and unpacks an archive end to end; the assets build from it', async () => {
    const cacheDir = join(work, 'ok');
    const folder = await ensureDataset({ cacheDir, url: `${base}/good.zip`, md5: goodMd5 });
    expect(folder).toBe(join(cacheDir, '101_ObjectCategories'));
    expect(leftovers(cacheDir)).toEqual(['101_ObjectCategories']); // no zip, tar.gz or temp folder left
    const index = buildIndex(await listDataset(folder));
    expect([index.classes.length, index.images.length]).toEqual([101, 101]);
    const out = join(work, 'ok-assets', 'caltech101');
    const result = await buildAssets({ datasetFolder: folder, outDir: out });
    expect(result.built).toBe(true);
    expect(result.manifest.dataset.total).toBe(101);
    expect((await buildAssets({ datasetFolder: folder, outDir: out })).built).toBe(false);
    // A second ensureDataset finds the unpacked copy and does not download again.
    expect(await ensureDataset({ cacheDir, url: `${base}/gone.zip` })).toBe(folder);
  });

  it('refuses an archive whose checksum does not match, keeping nothing', async () => {
    const cacheDir = join(work, 'bad-md5');
    const err = await ensureDataset({ cacheDir, url: `${base}/good.zip`, md5: '0'.repeat(32) }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toContain(`expected MD5 ${'0'.repeat(32)}, got ${goodMd5}`);
    expect(leftovers(cacheDir)).toEqual([]);
  });

  it('refuses a truncated zip, keeping nothing', async () => {
    const cacheDir = join(work, 'truncated');
    await expect(ensureDataset({ cacheDir, url: `${base}/truncated.zip`, md5: goodMd5 })).rejects.toThrow(/is not a readable zip archive/);
    expect(leftovers(cacheDir)).toEqual([]);
  });

  it('refuses a corrupt image archive inside a valid zip, keeping nothing', async () => {
    const cacheDir = join(work, 'corrupt');
    const tgz = readFileSync(join(work, '101_ObjectCategories.tar.gz'));
    const corruptMd5 = md5(tgz.subarray(0, Math.floor(tgz.length * 0.6))); // the checksum fits: only unpacking can tell
    await expect(ensureDataset({ cacheDir, url: `${base}/corrupt-tar.zip`, md5: corruptMd5 })).rejects.toThrow(/could not be unpacked/);
    expect(leftovers(cacheDir)).toEqual([]);
  });

  it('says which member is missing from a zip', async () => {
    await expect(ensureDataset({ cacheDir: join(work, 'no-member'), url: `${base}/no-member.zip` })).rejects.toThrow(
      /does not contain caltech-101\/101_ObjectCategories\.tar\.gz/,
    );
  });

  it('names both ways out when there is no network and no CALTECH101_DIR', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise((r) => closed.close(r)); // nothing listens there now
    const err = await ensureDataset({ cacheDir: join(work, 'offline'), url: `http://127.0.0.1:${port}/caltech-101.zip` }).catch((e) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.message).toMatch(/could not download Caltech 101 from http:\/\/127\.0\.0\.1:\d+\/caltech-101\.zip/);
    expect(err.message).toContain('connect to the internet');
    expect(err.message).toContain('CALTECH101_DIR');
  });

  it('reports an HTTP error with its status', async () => {
    await expect(ensureDataset({ cacheDir: join(work, 'http404'), url: `${base}/missing.zip` })).rejects.toThrow(/HTTP 404/);
  });

  it('refuses a CALTECH101_DIR without 101_ObjectCategories/', async () => {
    await expect(ensureDataset({ dir: work })).rejects.toThrow(`CALTECH101_DIR=${work} does not contain 101_ObjectCategories/`);
  });
});

describe('checking a local copy', () => {
  it('names the missing class when a folder lacks one', async () => {
    const folder = await makeTinyDataset(join(work, 'missing'), CLASS_NAMES.filter((c) => c !== 'okapi'));
    await expect(buildAssets({ datasetFolder: folder, outDir: join(work, 'missing-out', 'c') })).rejects.toThrow(
      'missing class folders: okapi',
    );
  });

  it('names an unreadable image by its path and writes no assets', async () => {
    const folder = await makeTinyDataset(join(work, 'unreadable'));
    writeFileSync(join(folder, 'panda', 'image_0002.jpg'), Buffer.from('this is no jpeg'));
    writeFileSync(join(folder, 'wrench', 'image_0002.jpg'), Buffer.alloc(0));
    const out = join(work, 'unreadable-out', 'c');
    const err = await buildAssets({ datasetFolder: folder, outDir: out }).catch((e) => e);
    expect(err.message).toContain(`${join(folder, 'panda', 'image_0002.jpg')} (not a JPEG file)`);
    expect(err.message).toContain(`${join(folder, 'wrench', 'image_0002.jpg')} (not a JPEG file)`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to run while another process holds the lock, and takes over a stale lock', async () => {
    const folder = await makeTinyDataset(join(work, 'locked'));
    const out = join(work, 'locked-out', 'c');
    mkdirSync(join(out, '..'), { recursive: true });
    const other = await holdLockInChild(`${out}.lock`);
    try {
      await expect(buildAssets({ datasetFolder: folder, outDir: out })).rejects.toThrow(
        `the data is in use: pid ${other.pid} (npm run data, since `,
      );
      expect(existsSync(out)).toBe(false);
    } finally {
      await killHard(other); // leaves its lock file behind, as a crash would
    }
    expect(existsSync(`${out}.lock`)).toBe(true);
    const result = await buildAssets({ datasetFolder: folder, outDir: out }); // the lock's process has ended
    expect(result.built).toBe(true);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });
});
