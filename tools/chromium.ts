/**
 * Debian's Chromium, driven by playwright-core (never `playwright install`), with the launch
 * arguments that give headless Chromium a software WebGPU adapter (SwiftShader) on machines
 * without a GPU; see shared/notes/webgpu-here.md.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Path of a Chromium binary: CHROMIUM_PATH, else Debian's /usr/bin/chromium; null if none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** The flags Debian's Chromium is started with for tests and benchmarks (headless, no sandbox, no network). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
  '--disable-vulkan-surface',
  '--ignore-gpu-blocklist',
];

/** Launches Chromium with a fresh profile; `webgpu: false` leaves out the flags that give it a WebGPU adapter. */
export async function launchBrowser(executablePath: string, { webgpu = true } = {}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'caltech-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: webgpu ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((a) => !/webgpu/i.test(a)),
    locale: 'de-DE',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      // A hung GPU process can make close() hang: give up after 15 s.
      await Promise.race([context.close(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
