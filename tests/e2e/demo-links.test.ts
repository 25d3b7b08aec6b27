/**
 * Every demo's state is a link (issue 30, item 3), end to end in Chromium: a link with
 * non-default values opens each demo with them set; a link with garbage opens it with the
 * defaults and a German notice (never an error or a stuck demo); state changes are written back
 * into the address; "Link kopieren" copies it, or shows it when the clipboard is not available.
 * (tests/e2e/links.test.ts is another matter: the built site's internal links and anchors.)
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { skipReason, urlOf, useBrowser } from './fixtures';

const params = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);
const stem = (file: string) => file.replace(/^.*\//, '').replace(/\.[^.]*$/, '');
/** The ids (file stems) of a select's options, in order. */
const optionIds = (page: Page, selector: string) => page.locator(selector).evaluate((s: HTMLSelectElement) => [...s.options].map((o) => o.value));

describe.skipIf(!!skipReason)('the transforms playground from its link', () => {
  const browser = useBrowser();

  it('starts by itself with image, recipe, size, steps off and seed of the link, and writes changes back', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('data-augmentation/'));
    const files = await optionIds(page, 'transforms-playground select[name="sample"]');
    const image = stem(files[2]);
    await page.goto(urlOf(`data-augmentation/?pg-image=${image}&pg-recipe=original&pg-size=64&pg-off=rot2,resize&pg-seed=4294967295&demo-backend=cpu#live-demo-die-transformationskette`));
    const demo = page.locator('transforms-playground');
    await demo.getByRole('status').filter({ hasText: /Fertig/ }).waitFor({ timeout: 30_000 });
    expect(await demo.locator('select[name="sample"]').inputValue()).toBe(files[2]);
    expect(await demo.getByLabel('Eingabegröße').inputValue()).toBe('64');
    expect(await demo.getByRole('radio', { name: /Original/ }).isChecked()).toBe(true);
    expect(await demo.getByRole('checkbox', { name: /^Resize/ }).isChecked()).toBe(false);
    const boxes = await demo.locator('input[name="step"]').evaluateAll((bs: HTMLInputElement[]) => bs.map((b) => `${b.value}:${b.checked}`));
    expect(boxes).toContain('rot2:false');
    expect(boxes).toContain('rot1:true');
    const captions = (await demo.locator('.steps figcaption').allInnerTexts()).map((t) => t.split('\n')[0]);
    expect(captions).toContain('CenterCrop(64)');
    expect(await demo.locator('.link-notes').innerText()).toBe('');
    // The seed is the link's: "Neu würfeln" goes on from it (past the largest seed to 0), and the address follows.
    await demo.getByRole('button', { name: 'Neu würfeln' }).click();
    await expect.poll(() => params(page)['pg-seed']).toBe('0');
    expect(params(page)).toMatchObject({ 'pg-image': image, 'pg-recipe': 'original', 'pg-size': '64', 'pg-off': 'resize,rot2', 'demo-backend': 'cpu' });
    expect(new URL(page.url()).hash).toBe('#live-demo-die-transformationskette');
    await demo.getByLabel('Eingabegröße').selectOption('224');
    await expect.poll(() => params(page)['pg-size']).toBeUndefined();
    await page.close();
  });

  it('opens a link with garbage with the defaults and a German notice, and cleans the address', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('data-augmentation/?pg-size=17&pg-recipe=alle&pg-seed=-1&pg-off=zoom&pg-farbe=rot'));
    const demo = page.locator('transforms-playground');
    await demo.getByRole('status').filter({ hasText: /Fertig/ }).waitFor({ timeout: 30_000 });
    expect(await demo.getByLabel('Eingabegröße').inputValue()).toBe('224');
    expect(await demo.getByRole('radio', { name: /dieses Tutorial/ }).isChecked()).toBe(true);
    expect(await demo.locator('input[name="step"]').evaluateAll((bs: HTMLInputElement[]) => bs.every((b) => b.checked))).toBe(true);
    const note = await demo.locator('.link-notes').innerText();
    expect(note).toMatch(/^Transformationskette: Nicht alles aus dem Link ließ sich übernehmen\./);
    expect(note).toContain('„pg-size=17“; erlaubt: 16, 32, 64, 128, 224. Die Demo nimmt stattdessen die Voreinstellung (224).');
    expect(note).toContain('„pg-seed=-1“; erlaubt: eine ganze Zahl von 0 bis 4.294.967.295');
    expect(note).toContain('„pg-farbe=rot“, das kennt diese Demo nicht');
    expect(await demo.getByRole('alert').innerText()).toBe('');
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('copies its link by keyboard, says so, and says that an own image does not travel in it', async () => {
    const page = await browser.context.newPage();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(urlOf('')).origin });
    await page.goto(urlOf('data-augmentation/?pg-size=32'));
    const demo = page.locator('transforms-playground');
    await demo.getByRole('status').filter({ hasText: /Fertig/ }).waitFor({ timeout: 30_000 });
    await demo.getByRole('button', { name: 'Link kopieren' }).focus();
    await page.keyboard.press('Enter');
    await demo.getByRole('status').filter({ hasText: 'Link kopiert.' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).searchParams.get('pg-size')).toBe('32');
    expect(new URL(copied).hash).toBe('#live-demo-die-transformationskette');
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c04000' } }).png().toBuffer();
    await demo.locator('input[name="upload"]').setInputFiles({ name: 'mein-foto.png', mimeType: 'image/png', buffer: png });
    await demo.getByRole('status').filter({ hasText: /Fertig/ }).waitFor({ timeout: 30_000 });
    await expect.poll(() => demo.locator('.link-notes').innerText()).toMatch(/^Dein eigenes Bild reist nicht im Link mit/);
    await demo.getByRole('button', { name: 'Link kopieren' }).click();
    await expect.poll(() => demo.locator('.link-status').innerText()).toMatch(/^Link kopiert\. Dein eigenes Bild reist nicht im Link mit/);
    await page.close();
  });

  it('shows the link to copy by hand where the clipboard is not available', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await page.goto(urlOf('modell/?summary-size=16'));
    const demo = page.locator('model-summary');
    await demo.getByRole('button', { name: 'Link kopieren' }).click();
    expect(await demo.locator('.link-status').innerText()).toMatch(/^Die Zwischenablage ist hier nicht erreichbar\. Der Link steht markiert im Feld/);
    // The link in a read-only field, focused and selected whole, ready for Ctrl+C.
    const field = demo.getByRole('textbox', { name: 'Link zum Kopieren' });
    expect(await field.inputValue()).toMatch(/^http.*summary-size=16#live-demo-schichten-und-parameter-zum-nachrechnen$/);
    expect(await field.evaluate((f: HTMLInputElement) => [document.activeElement === f, f.readOnly, f.selectionStart, f.selectionEnd === f.value.length])).toEqual([true, true, 0, true]);
    await page.close();
  });
});

describe.skipIf(!!skipReason)('the other demos from their links', () => {
  const browser = useBrowser();

  it('batch preview: starts by itself with the recipe and seed of the link — the same link, the same batch', async () => {
    const page = await browser.context.newPage();
    const link = urlOf('visualisierung/?batch-recipe=val&batch-seed=123456');
    const batch = async () => {
      await page.goto(link);
      const demo = page.locator('batch-preview');
      await demo.getByRole('status').filter({ hasText: '64 Trainingsbilder' }).waitFor({ timeout: 30_000 });
      expect(await demo.getByLabel('Augmentierung').inputValue()).toBe('val');
      expect(params(page)).toEqual({ 'batch-recipe': 'val', 'batch-seed': '123456' });
      return demo.getByRole('list', { name: /Klassen der 64 Bilder/ }).getByRole('listitem').allInnerTexts();
    };
    const first = await batch();
    expect(first).toHaveLength(64);
    expect(await batch()).toEqual(first);
    await page.locator('batch-preview').getByRole('button', { name: 'Neue Stichprobe' }).click();
    await expect.poll(() => params(page)['batch-seed']).not.toBe('123456');
    expect(params(page)['batch-recipe']).toBe('val');
    await page.close();
  });

  it('batch preview: garbage gives the default recipe, a drawn seed and a notice', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('visualisierung/?batch-recipe=alle&batch-seed=12abc'));
    const demo = page.locator('batch-preview');
    await demo.getByRole('status').filter({ hasText: '64 Trainingsbilder' }).waitFor({ timeout: 30_000 });
    expect(await demo.getByLabel('Augmentierung').inputValue()).toBe('train');
    const note = await demo.locator('.link-notes').innerText();
    expect(note).toContain('„batch-recipe=alle“; erlaubt: original, train, val. Die Demo nimmt stattdessen die Voreinstellung (train).');
    expect(note).toContain('„batch-seed=12abc“');
    expect(params(page)['batch-seed']).toMatch(/^\d+$/);
    await page.close();
  });

  it('model summary: shows the size of the link; garbage shows 224 and a notice', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('modell/?summary-size=64'));
    const demo = page.locator('model-summary');
    expect(await demo.getByLabel('Eingabegröße').inputValue()).toBe('64');
    expect(await demo.locator('.total').innerText()).toBe('8.460.325');
    await demo.getByLabel('Eingabegröße').selectOption('32');
    await expect.poll(() => params(page)).toEqual({ 'summary-size': '32' });
    await page.goto(urlOf('modell/?summary-size=17'));
    expect(await demo.getByLabel('Eingabegröße').inputValue()).toBe('224');
    expect(await demo.locator('.link-notes').innerText()).toBe(
      'Schichten und Parameter: Nicht alles aus dem Link ließ sich übernehmen. Der Link enthält „summary-size=17“; erlaubt: 16, 32, 64, 128, 224. Die Demo nimmt stattdessen die Voreinstellung (224).',
    );
    await page.close();
  });

  it('convolution figure: shows image, own kernel values, stride and padding of the link; garbage shows the defaults and a notice', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('cnn/'));
    const files = await optionIds(page, 'convolution-figure select[name="sample"]');
    await page.goto(urlOf(`cnn/?conv-image=${stem(files[1])}&conv-kernel=custom&conv-values=0,0.5,0,0,-2,0,0,0.25,0&conv-stride=2&conv-padding=1`));
    const figure = page.locator('convolution-figure');
    const caption = figure.locator('.conv-output-caption');
    await expect.poll(() => caption.innerText(), { timeout: 20_000 }).toMatch(/^Ausgabe: 48 × 48 Werte, denn ⌊\(96 \+ 2 · 1 − 3\) \/ 2⌋ \+ 1 = 48/);
    expect(await figure.getByLabel('Bild').inputValue()).toBe(files[1]);
    expect(await figure.locator('select[name="kernel"]').inputValue()).toBe('custom');
    expect(await figure.locator('.kernel-grid input').evaluateAll((cs: HTMLInputElement[]) => cs.map((c) => c.value))).toEqual(['0', '0,5', '0', '0', '−2', '0', '0', '0,25', '0']);
    expect([await figure.getByLabel('Stride').inputValue(), await figure.getByLabel('Padding').inputValue()]).toEqual(['2', '1']);
    await figure.getByLabel('Kernel Zeile 1, Spalte 1').fill('1,5');
    await expect.poll(() => params(page)['conv-values']).toBe('1.5,0.5,0,0,-2,0,0,0.25,0');
    await figure.locator('select[name="kernel"]').selectOption('sharpen');
    await expect.poll(() => params(page)).toEqual({ 'conv-image': stem(files[1]), 'conv-kernel': 'sharpen', 'conv-stride': '2', 'conv-padding': '1' });

    await page.goto(urlOf('cnn/?conv-values=1,2,3&conv-stride=7&conv-kernel=gauss'));
    await expect.poll(() => caption.innerText(), { timeout: 20_000 }).toMatch(/^Ausgabe: 94 × 94 Werte/);
    expect(await figure.locator('select[name="kernel"]').inputValue()).toBe('edgeVertical');
    const note = await figure.locator('.link-notes').innerText();
    expect(note).toMatch(/^Faltung: Nicht alles aus dem Link ließ sich übernehmen\./);
    expect(note).toContain('„conv-values=1,2,3“; erlaubt: 9 Zahlen von −1.000 bis 1.000');
    expect(note).toContain('„conv-stride=7“; erlaubt: 1, 2, 3.');
    expect(await figure.getByRole('alert').innerText()).toBe('');
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });
});

describe.skipIf(!!skipReason)('the training demo from its link', () => {
  const browser = useBrowser();
  const form = (page: Page) =>
    page.locator('training-demo form').evaluate((f: HTMLFormElement) => Object.fromEntries([...f.querySelectorAll<HTMLInputElement>('select, input:checked')].map((c) => [c.name, c.value])));

  it('sets every setting of the link in the form before the start, writes changes back and copies the link', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('trainingsschleife/?demo-classes=3&demo-per-class=4&demo-size=16&demo-epochs=2&demo-batch=4&demo-lr=0.003&demo-recipe=original&demo-seed=7&demo-backend=cpu'));
    const demo = page.locator('training-demo');
    await demo.locator('.link-bar').waitFor();
    expect(await form(page)).toEqual({ classes: '3', perClass: '4', size: '16', epochs: '2', batch: '4', lr: '0.003', recipe: 'original' });
    expect(await demo.locator('select[name="batch"] option:checked').innerText()).toBe('4'); // not a form choice: added from the link
    expect(await demo.locator('.link-notes').innerText()).toBe('');
    await demo.locator('select[name="epochs"]').selectOption('5');
    await expect.poll(() => params(page)['demo-epochs']).toBeUndefined(); // the default leaves the address
    expect(params(page)).toMatchObject({ 'demo-classes': '3', 'demo-batch': '4', 'demo-seed': '7', 'demo-backend': 'cpu', 'demo-recipe': 'original' });
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(urlOf('')).origin });
    await demo.getByRole('button', { name: 'Link kopieren' }).click();
    await demo.getByRole('status').filter({ hasText: 'Link kopiert.' }).waitFor();
    const copied = new URL(await page.evaluate(() => navigator.clipboard.readText()));
    expect(Object.fromEntries(copied.searchParams)).toEqual(params(page));
    expect(copied.hash).toBe('#live-demo-simplecnn-in-deinem-browser-trainieren');
    await page.close();
  });

  it('opens a link with garbage with the defaults and a German notice, and cleans the address', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('trainingsschleife/?demo-size=17&demo-classes=zwei&demo-lr=1&demo-backend=gpu&demo-farbe=rot'));
    const demo = page.locator('training-demo');
    await demo.locator('.link-bar').waitFor();
    expect(await form(page)).toMatchObject({ classes: '5', size: '32', lr: '0.001', recipe: 'corrected' });
    const note = await demo.locator('.link-notes').innerText();
    expect(note).toMatch(/^Training im Browser: Nicht alles aus dem Link ließ sich übernehmen\./);
    expect(note).toContain('„demo-size=17“; erlaubt: 16, 32, 64, 128, 224. Die Demo nimmt stattdessen die Voreinstellung (32).');
    expect(note).toContain('„demo-backend=gpu“; erlaubt: webgpu, webgl, cpu.');
    expect(note).toContain('„demo-farbe=rot“, das kennt diese Demo nicht');
    expect(await demo.getByRole('alert').innerText()).toBe('');
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });
});

describe.skipIf(!!skipReason)('the example links on "Alle Live-Demos"', () => {
  const browser = useBrowser();
  const DEMOS: Record<string, string> = { 'pg-': 'transforms-playground', 'batch-': 'batch-preview', 'summary-': 'model-summary', 'conv-': 'convolution-figure', 'demo-': 'training-demo' };

  it('give one link per demo, and each opens its demo with every value taken (no notice)', async () => {
    const page = await browser.context.newPage();
    await page.goto(urlOf('live-demos/'));
    const hrefs = await page.locator('main a[href*="?"]').evaluateAll((as: HTMLAnchorElement[]) => as.map((a) => a.href));
    const prefixes = hrefs.map((h) => Object.keys(DEMOS).find((p) => [...new URL(h).searchParams.keys()].every((k) => k.startsWith(p))));
    expect(prefixes.toSorted()).toEqual(Object.keys(DEMOS).toSorted());
    for (const [i, href] of hrefs.entries()) {
      await page.goto(href);
      const demo = page.locator(DEMOS[prefixes[i]!]);
      await demo.locator('.link-bar').waitFor({ timeout: 30_000 });
      await expect.poll(() => params(page), { timeout: 30_000 }).toMatchObject(Object.fromEntries(new URL(href).searchParams));
      expect(await demo.locator('.link-notes').innerText()).toBe('');
    }
    await page.close();
  });
});
