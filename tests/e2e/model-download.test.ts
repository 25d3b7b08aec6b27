/**
 * "Modell herunterladen", end to end: a tiny run on the CPU backend in Chromium, the downloaded .npz
 * loaded with Debian's PyTorch into the chapters' own SimpleCNN (strict, tests/python/npz_model.py),
 * and PyTorch's logits on the file's check input equal the page's (computed by the page's worker on
 * the trained model and stored in `_meta.check`) within 1e-4. `_meta` carries what the page showed.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { skipReason, urlOf, useBrowser } from './fixtures';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import numpy, torch'], { encoding: 'utf8' });
const noTorch = probe.status === 0 ? null : `${python} cannot import numpy and torch (apt-get install -y python3-torch)`;
if (noTorch && process.env.CI) throw new Error(`CI=true: ${noTorch}`);
if (noTorch) console.warn(`SKIP: ${noTorch}`);

interface Loaded {
  meta: { imageSize: number; classes: string[]; recipe: string; seed: number; epochs: number; valAccuracy: number; tool: string; check: { input: string; logits: number[] } };
  check_logits: number[];
}

describe.skipIf(!!skipReason || !!noTorch)('the page\'s model in PyTorch', () => {
  const browser = useBrowser();

  it('downloads a model that loads strictly into the chapters\' SimpleCNN with the page\'s logits', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('trainingsschleife/?demo-classes=2&demo-per-class=4&demo-size=16&demo-batch=4&demo-epochs=2&demo-seed=7&demo-backend=cpu'));
    const demo = page.getByTestId('training-demo');
    const button = demo.getByRole('button', { name: 'Modell herunterladen (.npz)' });
    await demo.getByRole('button', { name: 'Training starten' }).click();
    expect(await button.isDisabled()).toBe(true);
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 120_000, interval: 250 }).toBe('done');
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('simplecnn-seite-16px.npz');
    const r = spawnSync(python, ['tests/python/npz_model.py', 'load', await download.path()], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const { meta, check_logits } = JSON.parse(r.stdout) as Loaded;
    expect(meta).toMatchObject({ imageSize: 16, recipe: 'corrected', seed: 7, epochs: 2 });
    const rows = await demo.getByRole('table', { name: /Konfusionsmatrix/ }).locator('tbody th').allInnerTexts();
    expect(meta.classes).toEqual(rows.map((t) => t.trim()));
    // The validation accuracy is the one the epoch table showed last ("75,0 %").
    const last = (await demo.locator('table.epochs tbody tr').last().innerText()).split('\t').map((c) => c.trim());
    expect(last).toContain(`${(meta.valAccuracy * 100).toFixed(1).replace('.', ',')}\u00a0%`);
    expect(meta.check.logits).toHaveLength(2);
    expect(Math.max(...check_logits.map((v, i) => Math.abs(v - meta.check.logits[i])))).toBeLessThan(1e-4);
    await page.close();
  }, 180_000);
});
