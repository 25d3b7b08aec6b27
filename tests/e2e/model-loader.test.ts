/**
 * The notebook's model in the page, end to end: Debian's PyTorch writes a small model (16 px) the
 * way the chapter says (np.savez of the state_dict + _meta, tests/python/npz_model.py, with the
 * chapters' own SimpleCNN); the loader on "Das Modell benutzen und prüfen" reads it and its logits
 * on the check input equal PyTorch's within 1e-4. A file for another size is refused in German,
 * naming the entry that does not fit; an own image gets a prediction with the file's class names.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { skipReason, urlOf, useBrowser } from './fixtures';

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

describe.skipIf(!!skipReason || !!noTorch)('a PyTorch model in the page', () => {
  const browser = useBrowser();

  it('loads a model written the chapter\'s way and computes PyTorch\'s logits', async () => {
    const file = join(dir, 'simplecnn_16.npz');
    npzModel('write', file, '16', 'Faces_easy,Motorbikes,Leopards');
    const expected = (JSON.parse(npzModel('load', file)) as { check_logits: number[] }).check_logits;
    const page = await browser.context.newPage();
    await page.goto(urlOf('pruefen/'));
    const loader = page.getByTestId('model-loader');
    await loader.getByLabel('Modelldatei (.npz)').setInputFiles(file);
    await expect.poll(() => loader.getAttribute('data-state'), { timeout: 60_000, interval: 250 }).toBe('ready');
    expect(await loader.locator('.about').innerText()).toMatch(/^16 × 16 Pixel, 3 Klassen; geschrieben von PyTorch/);
    const logits = JSON.parse((await loader.locator('.check').getAttribute('data-logits'))!) as number[];
    expect(logits).toHaveLength(3);
    expect(Math.max(...logits.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-4);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#4060c0' } }).png().toBuffer();
    await loader.getByLabel('Eigenes Bild').setInputFiles({ name: 'eigen.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => loader.locator('.own-result').innerText(), { timeout: 30_000 }).toMatch(/^Vorhersage: (Faces_easy|Motorbikes|Leopards) \d+,\d\s%/);
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
