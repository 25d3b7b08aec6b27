/**
 * Loads an image set of the data assets in the browser: fetches its PNG sprite sheets and cuts
 * them into the individual images (exact bytes: PNG is lossless and decoded without colour
 * conversion).
 */
import type { ImageSet } from './manifest';
import type { RGBAImage } from '../transforms/image';

/** Loads every image of `set`; `baseUrl` is the folder of manifest.json. Reports shards loaded. */
export async function loadImageSet(
  set: ImageSet,
  baseUrl: string,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (loaded: number, total: number) => void } = {},
): Promise<RGBAImage[]> {
  const images: RGBAImage[] = [];
  for (const [k, shard] of set.shards.entries()) {
    const response = await fetch(new URL(shard.file, baseUrl), { signal });
    if (!response.ok) throw new Error(`${shard.file}: HTTP ${response.status}`);
    const bitmap = await createImageBitmap(await response.blob(), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    for (let i = 0; i < shard.count; i++) {
      const x = (i % shard.columns) * set.size;
      const y = Math.floor(i / shard.columns) * set.size;
      const { data } = ctx.getImageData(x, y, set.size, set.size);
      images.push({ width: set.size, height: set.size, data });
    }
    onProgress?.(k + 1, set.shards.length);
  }
  return images;
}
