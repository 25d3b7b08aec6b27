/** Shared set-up for end-to-end test files: one browser per file, the site's base URL, skips. */
import { afterAll, beforeAll, inject } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from '../../tools/chromium';

export const baseURL = inject('baseURL');
const chromiumPath = inject('chromium');

/** Why end-to-end tests cannot run here, or null when they can. CI never skips (global setup fails instead). */
export const skipReason: string | null = chromiumPath
  ? null
  : 'no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH): skipping end-to-end tests';
if (skipReason) console.warn(`SKIP: ${skipReason}`);

/** Opens one browser for the calling test file and closes it afterwards. */
export function useBrowser(options: { webgpu?: boolean } = {}): { readonly context: BrowserContext } {
  const holder = {} as { context: BrowserContext; close: () => Promise<void> };
  beforeAll(async () => {
    if (skipReason) return;
    Object.assign(holder, await launchBrowser(chromiumPath!, options));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return {
    get context() {
      return holder.context;
    },
  };
}

/** Absolute URL of a site path such as 'cnn/' ('' for the start page). */
export const urlOf = (path: string) => new URL(path, baseURL).href;
