/**
 * Loads an image set of the data assets in the browser: downloads its sprite sheets (download.ts:
 * the all-N sets through the Cache API) and cuts them into the individual images (exact bytes:
 * the sheets are lossless and decoded without colour conversion or premultiplied alpha). Meant for
 * a worker: decoding a large sheet there never blocks the page.
 */
import { downloadSet, type DownloadProgress } from './download';
import type { AssetManifest, ImageSet } from './manifest';
import type { RGBAImage } from '../transforms/image';

/** Decodes one sheet to RGBA bytes, exactly as stored. */
export async function decodeSheet(blob: Blob): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return ctx.getImageData(0, 0, canvas.width, canvas.height);
}

/** Cuts image `i` (`size` px, `columns` per row) out of a decoded sheet. */
export function cutImage(sheet: { width: number; data: Uint8ClampedArray }, i: number, columns: number, size: number): RGBAImage {
  const x0 = (i % columns) * size;
  const y0 = Math.floor(i / columns) * size;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    const from = ((y0 + y) * sheet.width + x0) * 4;
    data.set(sheet.data.subarray(from, from + size * 4), y * size * 4);
  }
  return { width: size, height: size, data };
}

/** Options of loadImageSet: cancellation, progress, and the manifest whose cache keeps an all-N set (download.ts). */
export interface LoadSetOptions {
  signal?: AbortSignal;
  /** Shards loaded so far, of all. */
  onProgress?: (loaded: number, total: number) => void;
  onBytes?: (p: DownloadProgress) => void;
  /** The manifest `set` comes from: with it an all-N set is kept in the Cache API under its hash. */
  manifest?: AssetManifest;
}

/** Loads every image of `set`; `baseUrl` is the folder of manifest.json. */
export async function loadImageSet(set: ImageSet, baseUrl: string, { signal, onProgress, onBytes, manifest }: LoadSetOptions = {}): Promise<RGBAImage[]> {
  const images: RGBAImage[] = [];
  const env = { fetch: globalThis.fetch.bind(globalThis), caches: manifest && typeof caches !== 'undefined' ? caches : null };
  await downloadSet(manifest ?? { hash: '' }, set, baseUrl, env, {
    signal,
    onProgress: onBytes,
    onShard: async (blob, k) => {
      const sheet = await decodeSheet(blob);
      const shard = set.shards[k];
      for (let i = 0; i < shard.count; i++) images.push(cutImage(sheet, i, shard.columns, set.size));
      onProgress?.(k + 1, set.shards.length);
    },
  });
  return images;
}
