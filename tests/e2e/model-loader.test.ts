/**
 * The notebook's model in the page, end to end: Debian's PyTorch writes a small model (16 px) the
 * way the chapter says (np.savez of the state_dict + _meta, tests/python/npz_model.py, with the
 * chapters' own SimpleCNN); the loader on "Das Modell benutzen und prüfen" reads it and its logits
 * on the check input equal PyTorch's within 1e-4. It scores the model on validation images of the
 * chapters' split only (checked against src/data/splits/chapters.json and the data set), and its
 * verdicts and share right equal PyTorch's on the same stored images (tests/python/npz_eval.py).
 * A file for another size is refused in German, naming the entry that does not fit; an own image
 * gets a prediction with the file's class names, and the look inside draws conv1's 32 filters.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { skipReason, urlOf, useBrowser } from './fixtures';
import { caltechFolder } from '../helpers/fixtures';
import { buildIndex, imagePath } from '../../src/lib/data/caltech101';
import { listDataset } from '../../src/lib/data/caltech101-node';
import { CHAPTERS_SPLIT_FILE, CHAPTERS_VAL_PER_CLASS, demoTrainSources } from '../../src/lib/data/chapters-val';
import type { AssetManifest } from '../../src/lib/data/manifest';
import { formatPercent } from '../../src/lib/format';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import numpy, torch'], { encoding: 'utf8' });
const noTorch = probe.status === 0 ? null : `${python} cannot import numpy and torch (apt-get install -y python3-torch)`;
if (noTorch && process.env.CI) throw new Error(`CI=true: ${noTorch}`);
if (noTorch) console.warn(`SKIP: ${noTorch}`);

const dir = mkdtempSync(join(tmpdir(), 'model-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs tests/python/npz_model.py and returns its stdout. */
function npzModel(...args: string[]): string {
  const r = spawnSync(python, ['tests/python/npz_model.py', ...args], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** The chapters' split as 'class/file' per image (the split file's positions in the data set's order). */
async function chaptersSplit(): Promise<{ train: string[]; val: Set<string> }> {
  const index = buildIndex(await listDataset(caltechFolder!));
  const split = JSON.parse(readFileSync(CHAPTERS_SPLIT_FILE, 'utf8')) as { train: number[]; val: number[] };
  const path = (p: number) => imagePath(index, index.images[p]);
  return { train: split.train.map(path), val: new Set(split.val.map(path)) };
}

/** Copies the served manifest and the sprite sheets of set `id` into `dir` (what the page itself loaded). */
async function fetchAssets(dir: string, id: string): Promise<void> {
  const get = async (file: string) => {
    const response = await fetch(urlOf(`generated/caltech101/${file}`));
    expect(response.ok, file).toBe(true);
    return Buffer.from(await response.arrayBuffer());
  };
  mkdirSync(dir, { recursive: true });
  const manifest = await get('manifest.json');
  writeFileSync(join(dir, 'manifest.json'), manifest);
  const set = (JSON.parse(manifest.toString()) as AssetManifest).sets.find((s) => s.id === id)!;
  for (const shard of set.shards) writeFileSync(join(dir, shard.file), await get(shard.file));
}

describe.skipIf(!!skipReason || !!noTorch || !caltechFolder)('a PyTorch model in the page', () => {
  const browser = useBrowser();

  it('loads a model written the chapter\'s way and computes PyTorch\'s logits', async () => {
    const file = join(dir, 'simplecnn_16.npz');
    const classes = ['Faces_easy', 'Motorbikes', 'Leopards'];
    const split = await chaptersSplit();
    const trainOn = classes.flatMap((c) => split.train.filter((s) => s.startsWith(`${c}/`)).slice(0, 30));
    const trained = spawnSync(python, ['tests/python/npz_train.py', file, '16', classes.join(','), caltechFolder!, ...trainOn], { encoding: 'utf8', timeout: 120_000 });
    expect(trained.status, trained.stderr).toBe(0);
    const expected = (JSON.parse(npzModel('load', file)) as { check_logits: number[] }).check_logits;
    const page = await browser.context.newPage();
    await page.goto(urlOf('pruefen/'));
    const loader = page.getByTestId('model-loader');
    // A text file renamed .npz first: a German reason, not the engine's English one.
    await loader.getByLabel('Modelldatei (.npz)').setInputFiles({ name: 'notiz.npz', mimeType: 'application/octet-stream', buffer: Buffer.from('nur Text\n'.repeat(20)) });
    await expect.poll(() => loader.getAttribute('data-state'), { timeout: 30_000, interval: 250 }).toBe('failed');
    expect(await loader.locator('.status').innerText()).toBe('notiz.npz ließ sich nicht lesen: keine .npz-Datei (kein ZIP-Archiv). Wähle die .npz-Datei, die das Notebook gespeichert hat.');
    await loader.getByLabel('Modelldatei (.npz)').setInputFiles(file);
    await expect.poll(() => loader.getAttribute('data-state'), { timeout: 60_000, interval: 250 }).toBe('ready');
    expect(await loader.locator('.about').innerText()).toMatch(/^16 × 16 Pixel, 3 Klassen; geschrieben von PyTorch/);
    const logits = JSON.parse((await loader.locator('.check').getAttribute('data-logits'))!) as number[];
    expect(logits).toHaveLength(3);
    expect(Math.max(...logits.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-4);

    // Scored on chapters-split validation images only, as PyTorch scores the same stored images.
    const evaluation = loader.getByRole('region', { name: 'Auf Validierungsbildern der Kapitel' });
    await expect.poll(() => evaluation.getAttribute('data-verdicts'), { timeout: 60_000, interval: 250 }).toMatch(/^\[/);
    const verdicts = JSON.parse((await evaluation.getAttribute('data-verdicts'))!) as [string, number, number][];
    await fetchAssets(join(dir, 'assets'), 'chapters-val-16');
    // Never an image the training demo trains on: those are left out, the rest of each class's planned ones count.
    const manifest = JSON.parse(readFileSync(join(dir, 'assets', 'manifest.json'), 'utf8')) as AssetManifest;
    const demoTrain = demoTrainSources(manifest);
    const planned = manifest.sets.find((s) => s.id === 'chapters-val-16')!.sources.filter((src) => classes.some((c) => src.startsWith(`${c}/`)));
    expect(planned).toHaveLength(3 * CHAPTERS_VAL_PER_CLASS[16]);
    expect(verdicts.map(([source]) => source)).toEqual(planned.filter((src) => !demoTrain.has(src)));
    expect(verdicts.filter(([source]) => !split.val.has(source))).toEqual([]);
    const r = spawnSync(python, ['tests/python/npz_eval.py', file, join(dir, 'assets'), 'chapters-val-16', ...verdicts.map(([source]) => source)], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const torch = JSON.parse(r.stdout) as { predicted: number[]; labels: number[]; correct: number };
    expect(verdicts.map(([, t]) => t)).toEqual(torch.labels);
    expect(verdicts.map(([, , q]) => q)).toEqual(torch.predicted);
    expect(new Set(torch.predicted).size).toBeGreaterThan(1); // the model tells images apart, so the comparison means something
    const n = verdicts.length;
    expect(await evaluation.getByRole('status').innerText()).toMatch(new RegExp(`^${torch.correct} von ${n} Validierungsbildern richtig \\(${formatPercent(torch.correct / n).replace(/[()]/g, '\\$&')}\\), aus 3 Klassen, je Klasse \\d+( bis \\d+)? Bilder?\\.`));
    expect(await evaluation.getByRole('img').count()).toBe(n);
    expect(await evaluation.getByRole('list', { name: 'Genauigkeit je Klasse (schlechteste zuerst)' }).getByRole('listitem').count()).toBe(3);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#4060c0' } }).png().toBuffer();
    await loader.getByLabel('Eigenes Bild', { exact: true }).setInputFiles({ name: 'eigen.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => loader.locator('.own-result').innerText(), { timeout: 30_000 }).toMatch(/^Vorhersage: (Faces_easy|Motorbikes|Leopards) \d+,\d\s%/);

    // A look inside for the second shown validation image: the training demo's figures.
    const inspect = loader.getByRole('region', { name: 'Ins Modell sehen' });
    await inspect.getByRole('combobox', { name: 'Bild' }).selectOption('example-1');
    await inspect.getByRole('button', { name: 'Ins Modell sehen' }).click();
    await expect.poll(() => inspect.getByRole('status').innerText(), { timeout: 30_000 }).toMatch(/^Blick ins Modell für Validierungsbild 2: /);
    expect(await inspect.locator('.inspect-filters canvas').count()).toBe(32);
    expect(await inspect.locator('.inspect-maps-conv2 canvas').count()).toBe(64);
    await page.close();
  }, 120_000);

  it('refuses a file whose shapes do not fit the size _meta declares, saying which', async () => {
    const file = join(dir, 'simplecnn_32.npz');
    npzModel('write', file, '32', 'a,b');
    // The same weights declared as 16 px: fc1.weight is [512, 4096], 16 px needs [512, 1024].
    const py = `import json, numpy as np; d = dict(np.load("${file}")); m = json.loads(str(d["_meta"])); m["imageSize"] = 16; d["_meta"] = json.dumps(m); np.savez("${file}", **d)`;
    expect(spawnSync(python, ['-c', py], { encoding: 'utf8' }).status).toBe(0);
    const page = await browser.context.newPage();
    await page.goto(urlOf('pruefen/'));
    const loader = page.getByTestId('model-loader');
    await loader.getByLabel('Modelldatei (.npz)').setInputFiles(file);
    await expect.poll(() => loader.getAttribute('data-state'), { timeout: 60_000, interval: 250 }).toBe('rejected');
    expect(await loader.getByRole('list', { name: 'Was nicht passt' }).innerText()).toBe('fc1.weight hat die Form [512, 4.096], erwartet ist [512, 1.024] (für die Bildgröße und Klassenzahl in _meta).');
    await page.close();
  }, 120_000);
});
