/**
 * The browser's data download (lib/data/download.ts) against a mock fetch and an in-memory Cache
 * API: byte progress, the cache keyed by the manifest hash, cancellation, German-worthy error
 * codes, the stored size and its deletion.
 */
import { describe, expect, it } from 'vitest';
import { CACHE_PREFIX, cacheNameFor, deleteStored, downloadSet, storedBytes, type DownloadEnv, type DownloadProgress } from '../../src/lib/data/download';

const BASE = 'https://example.test/generated/caltech101/';
const bytesOf = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 255);
const FILES: Record<string, Uint8Array> = { 'all-32-0.webp': bytesOf(1000, 1), 'all-32-1.webp': bytesOf(600, 2), 'demo-32-0.webp': bytesOf(50, 3) };
const shard = (file: string, count = 4) => ({ file, count, columns: 2, bytes: FILES[file].length });
const ALL = { id: 'all-32', bytes: 1600, shards: [shard('all-32-0.webp'), shard('all-32-1.webp')] };
const DEMO = { id: 'demo-32', bytes: 50, shards: [shard('demo-32-0.webp')] };
const manifest = (hash: string) => ({ hash, sets: [DEMO, ALL] });

/** An in-memory CacheStorage with the calls download.ts makes. */
function memoryCaches(): CacheStorage & { store: Map<string, Map<string, Uint8Array>> } {
  const store = new Map<string, Map<string, Uint8Array>>();
  const open = async (name: string) => {
    if (!store.has(name)) store.set(name, new Map());
    const entries = store.get(name)!;
    return {
      match: async (url: string) => (entries.has(url) ? new Response(entries.get(url)!.slice()) : undefined),
      put: async (url: string, response: Response) => void entries.set(url, new Uint8Array(await response.arrayBuffer())),
      delete: async (url: string) => entries.delete(url),
      keys: async () => [...entries.keys()].map((url) => new Request(url)),
    } as unknown as Cache;
  };
  return { store, open, has: async (n: string) => store.has(n), keys: async () => [...store.keys()], delete: async (n: string) => store.delete(n) } as never;
}

/** A fetch serving FILES in chunks of 256 bytes; counts requests. */
function mockFetch(options: { fail?: (url: string) => Error | number | null } = {}) {
  const calls: string[] = [];
  const fetch = (async (url: string, init?: RequestInit) => {
    calls.push(url);
    const failure = options.fail?.(url);
    if (failure instanceof Error) throw failure;
    if (typeof failure === 'number') return new Response('no', { status: failure });
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    const bytes = FILES[url.slice(BASE.length)];
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 256) c.enqueue(bytes.slice(i, i + 256));
        c.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'image/webp' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('downloading an all-N set', () => {
  it('reports bytes and shards up to the manifest totals and hands over every shard intact', async () => {
    const { fetch } = mockFetch();
    const env: DownloadEnv = { fetch, caches: memoryCaches() };
    const seen: DownloadProgress[] = [];
    const blobs: Uint8Array[] = [];
    await downloadSet(manifest('a'.repeat(64)), ALL, BASE, env, { onProgress: (p) => seen.push(p), onShard: async (b) => void blobs.push(new Uint8Array(await b.arrayBuffer())) });
    expect(blobs).toEqual([FILES['all-32-0.webp'], FILES['all-32-1.webp']]);
    expect(seen.at(-1)).toEqual({ bytes: 1600, totalBytes: 1600, shards: 2, totalShards: 2 });
    expect(seen.map((p) => p.bytes)).toEqual([...seen.map((p) => p.bytes)].sort((x, y) => x - y)); // never backwards
    expect(seen.some((p) => p.bytes > 0 && p.bytes < 1000)).toBe(true); // inside a shard, not only at its end
  });

  it('keeps the shards in a cache named after the manifest hash, so a second load needs no network', async () => {
    const caches = memoryCaches();
    const first = mockFetch();
    await downloadSet(manifest('a'.repeat(64)), ALL, BASE, { fetch: first.fetch, caches });
    expect([...caches.store.keys()]).toEqual([`${CACHE_PREFIX}${'a'.repeat(64)}`]);
    const second = mockFetch();
    await downloadSet(manifest('a'.repeat(64)), ALL, BASE, { fetch: second.fetch, caches });
    expect(first.calls).toHaveLength(2);
    expect(second.calls).toHaveLength(0);
    expect(await storedBytes(manifest('a'.repeat(64)), BASE, { fetch: second.fetch, caches })).toBe(1600);
  });

  it('drops the cache of an older manifest and never caches the small demo sets', async () => {
    const caches = memoryCaches();
    const { fetch } = mockFetch();
    await downloadSet(manifest('a'.repeat(64)), ALL, BASE, { fetch, caches });
    await downloadSet(manifest('b'.repeat(64)), DEMO, BASE, { fetch, caches });
    expect([...caches.store.keys()]).toEqual([`${CACHE_PREFIX}${'a'.repeat(64)}`]);
    await downloadSet(manifest('b'.repeat(64)), ALL, BASE, { fetch, caches });
    expect([...caches.store.keys()]).toEqual([cacheNameFor({ hash: 'b'.repeat(64) })]);
    expect(await storedBytes(manifest('a'.repeat(64)), BASE, { fetch, caches })).toBe(0);
  });

  it('refetches a cached shard whose size differs from the manifest', async () => {
    const caches = memoryCaches();
    const { fetch, calls } = mockFetch();
    const m = manifest('c'.repeat(64));
    await downloadSet(m, ALL, BASE, { fetch, caches });
    caches.store.get(cacheNameFor(m))!.set(`${BASE}all-32-1.webp`, new Uint8Array(3));
    await downloadSet(m, ALL, BASE, { fetch, caches });
    expect(calls.slice(2)).toEqual([`${BASE}all-32-1.webp`]);
  });

  it('stops on cancel with the code aborted, keeping the shards it finished', async () => {
    const caches = memoryCaches();
    const { fetch } = mockFetch();
    const abort = new AbortController();
    const run = downloadSet(manifest('d'.repeat(64)), ALL, BASE, { fetch, caches }, { signal: abort.signal, onShard: () => abort.abort() });
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(await storedBytes(manifest('d'.repeat(64)), BASE, { fetch, caches })).toBe(1000);
  });

  const failures: [string, (() => Error | number) | null][] = [
    ['offline', () => new TypeError('Failed to fetch')],
    ['http', () => 404],
    ['quota', null],
  ];
  it.each(failures)('names the failure %s', async (code, fail) => {
    const caches = memoryCaches();
    if (code === 'quota') {
      const open = caches.open.bind(caches);
      caches.open = async (name: string): Promise<Cache> => Object.assign(await open(name), { put: async (): Promise<void> => Promise.reject(new DOMException('full', 'QuotaExceededError')) });
    }
    const { fetch } = mockFetch({ fail: fail ? () => fail() : undefined });
    await expect(downloadSet(manifest('e'.repeat(64)), ALL, BASE, { fetch, caches })).rejects.toMatchObject({ code });
  });

  it('calls a file of the wrong size corrupt', async () => {
    const { fetch } = mockFetch();
    const wrong = { ...ALL, shards: [{ ...ALL.shards[0], bytes: 999 }] };
    await expect(downloadSet(manifest('f'.repeat(64)), wrong, BASE, { fetch, caches: memoryCaches() })).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('deletes every cache of the site and nothing else', async () => {
    const caches = memoryCaches();
    const { fetch } = mockFetch();
    await downloadSet(manifest('a'.repeat(64)), ALL, BASE, { fetch, caches });
    await caches.open('other-site');
    expect(await deleteStored({ fetch, caches })).toBe(1);
    expect([...caches.store.keys()]).toEqual(['other-site']);
    expect(await storedBytes(manifest('a'.repeat(64)), BASE, { fetch, caches })).toBe(0);
  });

  it('works without the Cache API (downloads, stores nothing)', async () => {
    const { fetch, calls } = mockFetch();
    await downloadSet(manifest('a'.repeat(64)), ALL, BASE, { fetch, caches: null });
    expect(calls).toHaveLength(2);
    expect(await storedBytes(manifest('a'.repeat(64)), BASE, { fetch, caches: null })).toBe(0);
  });
});
