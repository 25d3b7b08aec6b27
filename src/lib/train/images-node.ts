/**
 * The training images for a Node run: decoded like Pillow, resized exactly like torchvision's
 * Resize and kept as bytes (8,677 images at 256 px are 1.7 GB), which train:full uploads to the
 * GPU once (webgpu/augment.ts). Decoded once: later runs read the disk cache
 * (image-cache-node.ts); the first decode runs on all cores (decode-worker-node.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { cacheFile, cacheKey, readCache, writeCache } from './image-cache-node';
import { decodeResized } from './decode-node';
import type { DecodeTask } from './decode-worker-node';

/** `count` images of `size` × `size` px as RGB bytes, image after image (`[count, size, size, 3]`). */
export interface DecodedImages {
  count: number;
  size: number;
  bytes: Uint8Array;
}

/** Options of loading and decoding the training images in Node (cache folder, project root, progress). */
export interface LoadOptions {
  /** Where the decode cache lives (e.g. .cache/images); without it every run decodes. */
  cacheDir?: string;
  /** The project root, for the decode source's hash in the cache key (default: the working directory). */
  projectRoot?: string;
  /** Worker threads for the first decode (default: one per core; 0 decodes on the main thread). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  /** What happened to the cache, for the terminal. */
  onCache?: (message: string) => void;
}

/** Images per task sent to a worker: small enough for a smooth progress bar. */
const TASK = 16;
/** In the bundle built by scripts/device/pack.sh the worker is decode-worker.mjs next to it. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './decode-worker-node.ts' : './decode-worker.mjs', import.meta.url);

/** A decode worker; from TypeScript sources (tsx, vitest) it registers tsx's loader first. */
function startWorker(): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL);
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true });
}

/** Decodes `paths` into `bytes` with `workers` threads, tasks handed out as threads become free. */
async function decodeParallel(folder: string, paths: string[], size: number, bytes: Uint8Array, workers: number, onProgress?: (done: number, total: number) => void): Promise<void> {
  const perImage = size * size * 3;
  let next = 0;
  let done = 0;
  const pool = Array.from({ length: Math.min(workers, Math.ceil(paths.length / TASK)) }, startWorker);
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolveAll, reject) => {
            const send = () => {
              if (next >= paths.length) return resolveAll();
              const task: DecodeTask = { id: next, folder, paths: paths.slice(next, next + TASK), size };
              next += task.paths.length;
              worker.postMessage(task);
            };
            worker.on('message', (m: { id: number; bytes?: Uint8Array; error?: string }) => {
              if (m.error !== undefined || !m.bytes) return reject(new Error(m.error ?? 'decode worker sent no bytes'));
              bytes.set(m.bytes, m.id * perImage);
              done += m.bytes.length / perImage;
              onProgress?.(done, paths.length);
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Decodes `paths` one after the other on this thread. */
async function decodeSerial(folder: string, paths: string[], size: number, bytes: Uint8Array, onProgress?: (done: number, total: number) => void): Promise<void> {
  for (const [k, path] of paths.entries()) {
    await decodeResized(folder, path, size, bytes, k * size * size * 3);
    onProgress?.(k + 1, paths.length);
  }
}

/** Decodes and resizes `paths` (relative to the data-set folder) to `size` px, or reads them from the cache. */
export async function loadImages(folder: string, paths: string[], size: number, options: LoadOptions = {}): Promise<DecodedImages> {
  const { cacheDir, onProgress, onCache } = options;
  let cache: { file: string; key: string } | null = null;
  if (cacheDir) {
    try {
      cache = { file: cacheFile(cacheDir, size), key: await cacheKey(folder, paths, size, options.projectRoot ?? process.cwd()) };
    } catch (error) {
      onCache?.(`decode cache off: ${(error as Error).message}`);
    }
  }
  if (cache) {
    const hit = await readCache(cache.file, cache.key, paths.length, size);
    if ('bytes' in hit) {
      onCache?.(`decode cache: ${paths.length} images at ${size} px from ${cache.file}`);
      onProgress?.(paths.length, paths.length);
      return { count: paths.length, size, bytes: hit.bytes };
    }
    onCache?.(`decode cache: ${hit.reason}; decoding ${paths.length} images`);
  }
  const bytes = new Uint8Array(paths.length * size * size * 3);
  const workers = options.workers ?? availableParallelism();
  if (workers > 0 && paths.length > TASK) await decodeParallel(folder, paths, size, bytes, workers, onProgress);
  else await decodeSerial(folder, paths, size, bytes, onProgress);
  if (cache) {
    await writeCache(cache.file, cache.key, paths.length, size, bytes);
    onCache?.(`decode cache: wrote ${cache.file}`);
  }
  return { count: paths.length, size, bytes };
}
