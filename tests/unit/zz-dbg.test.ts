import { it } from 'vitest';
import { launchBrowser } from '../e2e/chromium';
import { serveStatic } from '../e2e/static-server';
it('dbg', async () => {
  const { url, server } = await serveStatic('/work/main/dist');
  const b = await launchBrowser('/usr/bin/chromium');
  const page = await b.context.newPage();
  page.on('console', m => console.log('CONSOLE', m.type(), m.text().slice(0, 300)));
  page.on('pageerror', m => console.log('PAGEERROR', m.message));
  await page.goto(url + 'trainingsschleife/?demo-classes=2&demo-per-class=4&demo-size=16&demo-epochs=2&demo-batch=4');
  const demo = page.getByTestId('training-demo');
  const t0 = Date.now();
  await demo.getByRole('button', { name: 'Training starten' }).click();
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(2000);
    const st = await demo.getAttribute('data-state');
    console.log(((Date.now()-t0)/1000).toFixed(0), st, await demo.getAttribute('data-backend'), await demo.getAttribute('data-epoch'), '|', await demo.locator('.status').innerText(), '|', await demo.locator('.progress-line').innerText(), '|', await demo.locator('.error').innerText());
    if (st === 'done' || st === 'error') break;
  }
  await demo.screenshot({ path: '/tmp/shot-train.png' });
  await b.close(); server.close();
}, 200000);
