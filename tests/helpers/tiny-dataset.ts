/** A tiny Caltech 101 for the data tests: every class folder with one small JPEG, and archives of it. */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import * as tar from 'tar';
import yazl from 'yazl';
import { CLASS_NAMES } from '../../src/lib/data/caltech101';

/** Makes 101_ObjectCategories/ with one small JPEG per class (plus BACKGROUND_Google) under `dir`; returns its path. */
export async function makeTinyDataset(dir: string, classes: readonly string[] = CLASS_NAMES): Promise<string> {
  const root = join(dir, '101_ObjectCategories');
  for (const [i, name] of [...classes, 'BACKGROUND_Google'].entries()) {
    mkdirSync(join(root, name), { recursive: true });
    const jpeg = await sharp({ create: { width: 12 + (i % 5), height: 9, channels: 3, background: { r: i * 2, g: 128, b: 255 - i } } })
      .jpeg()
      .toBuffer();
    writeFileSync(join(root, name, 'image_0001.jpg'), jpeg);
  }
  return root;
}

/** A JPEG of noise, `side` px square, large enough (tens of KB) to damage 4 KB in its middle. */
export async function noiseJpeg(side = 160, seed = 1): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  let x = seed;
  for (let i = 0; i < pixels.length; i++) pixels[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

/** A zip with the given members. */
export async function zipOf(entries: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(data, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The official archive's layout around the tiny data set in `dir`: a zip holding caltech-101/101_ObjectCategories.tar.gz; and that member's MD5. */
export async function archiveOf(dir: string, work: string): Promise<{ zip: Buffer; md5: string }> {
  const tarball = join(work, `${Date.now()}-${Math.random().toString(36).slice(2)}.tar.gz`);
  await tar.c({ gzip: true, cwd: dir, file: tarball }, ['101_ObjectCategories']);
  const tgz = readFileSync(tarball);
  return { zip: await zipOf({ 'caltech-101/101_ObjectCategories.tar.gz': tgz }), md5: createHash('md5').update(tgz).digest('hex') };
}
