/**
 * The .npz reader and writer (src/lib/model/npz.ts, npy.ts) against NumPy itself: files written by
 * Debian's numpy (np.savez and np.savez_compressed) read back exactly, and files we write load with
 * np.load (no pickle) to the same values and the same `_meta` string.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy, encodeFloat32Npy, encodeStringNpy } from '../../src/lib/model/npy';
import { crc32, readNpz, writeNpz } from '../../src/lib/model/npz';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' });
const noNumpy = probe.status === 0 ? null : `${python} cannot import numpy (apt-get install -y python3-numpy)`;
if (noNumpy && process.env.CI) throw new Error(`CI=true: ${noNumpy}`);
if (noNumpy) console.warn(`SKIP: ${noNumpy}`);

const dir = mkdtempSync(join(tmpdir(), 'npz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npy and zip pieces', () => {
  it('round-trips float32 arrays and strings with astral code points', () => {
    const a = decodeNpy(encodeFloat32Npy([2, 3], Float32Array.from([1, -2, 3.5, 0, 1e-8, -0])));
    expect(a).toEqual({ kind: 'float32', shape: [2, 3], data: Float32Array.from([1, -2, 3.5, 0, 1e-8, -0]) });
    expect(decodeNpy(encodeStringNpy('{"ä": "𝄞"}'))).toEqual({ kind: 'string', shape: [], text: '{"ä": "𝄞"}' });
  });
  it('pads the header to a multiple of 64 bytes as NumPy does', () => {
    const bytes = encodeFloat32Npy([5], new Float32Array(5));
    expect((10 + new DataView(bytes.buffer).getUint16(8, true)) % 64).toBe(0);
  });
  it('computes the zip CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('names what it cannot read', () => {
    expect(() => decodeNpy(new Uint8Array(20))).toThrow(/not a \.npy/);
    const f8 = encodeFloat32Npy([1], new Float32Array(1));
    f8.set(new TextEncoder().encode("<f8"), 21);
    expect(() => decodeNpy(f8)).toThrow(/unsupported dtype <f8/);
  });
});

describe.skipIf(!!noNumpy)('against NumPy', () => {
  spawnSync(python, ['tests/python/npz_fixture.py', 'write', dir], { encoding: 'utf8' });
  const expected = noNumpy ? null : (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { meta: string; arrays: Record<string, { shape: number[]; values: number[] }> });

  it.each([['plain', 'np.savez'], ['compressed', 'np.savez_compressed']])('reads what %s.npz from %s holds', async (kind) => {
    const npz = await readNpz(new Uint8Array(readFileSync(join(dir, `${kind}.npz`))));
    expect([...npz.keys()].sort()).toEqual(['_meta', 'conv1.bias', 'conv1.weight', 'scalar']);
    expect(npz.get('_meta')).toEqual({ kind: 'string', shape: [], text: expected!.meta });
    for (const [name, { shape, values }] of Object.entries(expected!.arrays)) {
      expect(npz.get(name)).toEqual({ kind: 'float32', shape, data: Float32Array.from(values) });
    }
  });

  it('writes files np.load reads without pickle, values and _meta intact', async () => {
    const weight = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 1e3);
    const meta = JSON.stringify({ classes: ['Gesicht', 'ß', '🙂'] });
    const bytes = writeNpz([{ name: 'fc.weight', shape: [4, 6], data: weight }, { name: 'fc.bias', shape: [4], data: Float32Array.from([1, 2, 3, 4]) }], meta);
    const file = join(dir, 'ours.npz');
    writeFileSync(file, bytes);
    const r = spawnSync(python, ['tests/python/npz_fixture.py', 'read', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const seen = JSON.parse(r.stdout) as Record<string, { shape: number[]; dtype: string; values: number[] | string }>;
    expect(Object.keys(seen)).toEqual(['fc.weight', 'fc.bias', '_meta']);
    expect(seen['fc.weight']).toEqual({ shape: [4, 6], dtype: '<f4', values: Array.from(weight) });
    expect(seen._meta.values).toBe(meta);
    expect(seen._meta.dtype).toMatch(/^<U/);
    expect(await readNpz(bytes)).toEqual(new Map([
      ['fc.weight', { kind: 'float32', shape: [4, 6], data: weight }],
      ['fc.bias', { kind: 'float32', shape: [4], data: Float32Array.from([1, 2, 3, 4]) }],
      ['_meta', { kind: 'string', shape: [], text: meta }],
    ]));
  });
});
