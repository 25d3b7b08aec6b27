/**
 * Downloads an image set's shards in the browser with byte progress, cancellation and the
 * Cache API: a set's shards are kept in a cache named after the manifest hash, so a second
 * visit loads them without the network, and a new manifest's cache never mixes with an old one.
 * `fetch` and `caches` are passed in (the page's, the worker's, or a test's mocks).
 */
import type { AssetManifest, ImageSet, SpriteShard } from './manifest';

/** Why a download failed: the reader cancelled, storage is full, no network, a bad HTTP status, no Cache API, or a file of the wrong size. */
export type DownloadErrorCode = 'aborted' | 'quota' | 'offline' | 'http' | 'no-cache' | 'corrupt';

/** A failed download with its code (the island words it in German) and an English message for the log. */
export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** What the download functions use from the browser: `fetch` and `caches` (null where the Cache API is missing). */
export interface DownloadEnv {
  fetch: typeof fetch;
  caches: CacheStorage | null;
}

/** Progress of a set's download: bytes and shards so far, of the totals from the manifest. */
export interface DownloadProgress {
  bytes: number;
  totalBytes: number;
  shards: number;
  totalShards: number;
}

/** Prefix of every cache this site keeps its data in. */
export const CACHE_PREFIX = 'caltech101-data-';

/** The cache of one manifest's data: named after its hash. */
export const cacheNameFor = (manifest: Pick<AssetManifest, 'hash'>): string => `${CACHE_PREFIX}${manifest.hash}`;

/** What the download functions read from a manifest: its hash and its sets' shards (the page passes a trimmed copy). */
export type DataManifest = Pick<AssetManifest, 'hash'> & { sets: Pick<ImageSet, 'id' | 'shards' | 'bytes'>[] };

/** Sets worth keeping in the Cache API: the all-N sets (tens of MB); the small demo sets ride on the HTTP cache. */
export const isStoredSet = (set: Pick<ImageSet, 'id'>): boolean => set.id.startsWith('all-');

/** The sets the page stores, as listed in `manifest`. */
export const storedSets = <S extends Pick<ImageSet, 'id'>>(manifest: { sets: S[] }): S[] => manifest.sets.filter(isStoredSet);

/** Turns a thrown value into a DownloadError: aborts, quota errors and network failures get their code. */
export function toDownloadError(error: unknown, signal?: AbortSignal): DownloadError {
  if (error instanceof DownloadError) return error;
  const e = error as { name?: string; message?: string };
  if (signal?.aborted || e?.name === 'AbortError') return new DownloadError('aborted', 'download cancelled');
  if (e?.name === 'QuotaExceededError') return new DownloadError('quota', `storage quota exceeded (${e.message})`);
  if (error instanceof TypeError) return new DownloadError('offline', `network failure (${e.message})`);
  return new DownloadError('http', e?.message ?? String(error));
}

/**
 * One shard as a Blob: from `cache` when it holds it with the manifest's byte count, else from
 * the network (then stored in `cache`). `onBytes` hears the bytes received so far.
 */
export async function fetchShard(
  url: string,
  shard: SpriteShard,
  env: DownloadEnv,
  { cache, signal, onBytes }: { cache: Cache | null; signal?: AbortSignal; onBytes?: (bytes: number) => void },
): Promise<Blob> {
  try {
    const hit = await cache?.match(url);
    if (hit) {
      const blob = await hit.blob();
      if (blob.size === shard.bytes) {
        onBytes?.(blob.size);
        return blob;
      }
      await cache!.delete(url); // a damaged entry is fetched anew
    }
    const response = await env.fetch(url, { signal });
    if (!response.ok) throw new DownloadError('http', `${shard.file}: HTTP ${response.status}`);
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let received = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
      onBytes?.((received += value.length));
    }
    const blob = new Blob(parts, { type: response.headers.get('content-type') ?? 'image/webp' });
    if (blob.size !== shard.bytes) throw new DownloadError('corrupt', `${shard.file}: ${blob.size} bytes, the manifest says ${shard.bytes}`);
    await cache?.put(url, new Response(blob, { headers: { 'content-type': blob.type, 'content-length': String(blob.size) } }));
    return blob;
  } catch (error) {
    throw toDownloadError(error, signal);
  }
}

/** Opens the manifest's cache, first deleting the caches of older manifests; null without the Cache API. */
export async function openDataCache(manifest: Pick<AssetManifest, 'hash'>, env: DownloadEnv): Promise<Cache | null> {
  if (!env.caches) return null;
  const name = cacheNameFor(manifest);
  for (const old of await env.caches.keys()) if (old.startsWith(CACHE_PREFIX) && old !== name) await env.caches.delete(old);
  return env.caches.open(name);
}

/** Downloads (or finds in the cache) every shard of `set`, reporting bytes and shards; `onShard` gets each Blob in order. */
export async function downloadSet(
  manifest: Pick<AssetManifest, 'hash'>,
  set: Pick<ImageSet, 'id' | 'shards' | 'bytes'>,
  baseUrl: string,
  env: DownloadEnv,
  options: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void; onShard?: (blob: Blob, index: number) => Promise<void> | void } = {},
): Promise<void> {
  const { signal, onProgress, onShard } = options;
  const cache = isStoredSet(set) ? await openDataCache(manifest, env) : null;
  let before = 0;
  const report = (bytes: number, shards: number) => onProgress?.({ bytes, totalBytes: set.bytes, shards, totalShards: set.shards.length });
  for (const [k, shard] of set.shards.entries()) {
    if (signal?.aborted) throw new DownloadError('aborted', 'download cancelled');
    const blob = await fetchShard(new URL(shard.file, baseUrl).href, shard, env, { cache, signal, onBytes: (b) => report(before + b, k) });
    before += shard.bytes;
    report(before, k + 1);
    await onShard?.(blob, k);
  }
}

/** Bytes of `manifest`'s stored sets that the cache holds (by the manifest's shard sizes). */
export async function storedBytes(manifest: DataManifest, baseUrl: string, env: DownloadEnv): Promise<number> {
  if (!env.caches || !(await env.caches.has(cacheNameFor(manifest)))) return 0;
  const cache = await env.caches.open(cacheNameFor(manifest));
  const held = new Set((await cache.keys()).map((r) => r.url));
  return storedSets(manifest)
    .flatMap((set) => set.shards)
    .filter((shard) => held.has(new URL(shard.file, baseUrl).href))
    .reduce((sum, shard) => sum + shard.bytes, 0);
}

/** Deletes every cache of this site's data (all manifests); returns how many there were. */
export async function deleteStored(env: DownloadEnv): Promise<number> {
  if (!env.caches) return 0;
  const names = (await env.caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX));
  for (const name of names) await env.caches.delete(name);
  return names.length;
}
