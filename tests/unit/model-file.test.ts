/**
 * The model file both ways against Debian's PyTorch, with the chapters' own SimpleCNN class
 * (tests/python/npz_model.py): a tfjs model written by encodeModelFile loads strictly into it and
 * gives the same logits; a model the chapter's way writes (np.savez of the state_dict + _meta) loads
 * into tfjs with the same logits. And a file that does not fit says what does not fit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPyTorchTensors } from '../../src/lib/model/export-pytorch';
import { importPyTorchWeights } from '../../src/lib/model/import-pytorch';
import { CHECK_INPUT, checkInput, encodeModelFile, readModelFile, weightsOf } from '../../src/lib/model/model-file';
import { writeNpz } from '../../src/lib/model/npz';
import { createSimpleCNN } from '../../src/lib/model/simplecnn';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import numpy, torch'], { encoding: 'utf8' });
const noTorch = probe.status === 0 ? null : `${python} cannot import numpy and torch (apt-get install -y python3-torch)`;
if (noTorch && process.env.CI) throw new Error(`CI=true: ${noTorch}`);
if (noTorch) console.warn(`SKIP: ${noTorch}`);

const dir = mkdtempSync(join(tmpdir(), 'model-file-'));
beforeAll(async () => void (await tf.setBackend('cpu')));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const logitsOf = (net: ReturnType<typeof createSimpleCNN>, size: number) =>
  Array.from(tf.tidy(() => net.model.predict(tf.tensor4d(checkInput(size), [1, size, size, 3])) as tf.Tensor).dataSync());
const maxDiff = (a: number[], b: number[]) => (a.length === b.length ? Math.max(...a.map((v, i) => Math.abs(v - b[i]))) : Infinity);
const torchLoad = (file: string) => {
  const r = spawnSync(python, ['tests/python/npz_model.py', 'load', file], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { meta: { imageSize: number; classes: string[] }; check_logits: number[] };
};

describe.skipIf(!!noTorch)('model file against PyTorch', () => {
  it.each([16, 32])('a page model at %i px loads strictly into the chapters\' SimpleCNN with the same logits', async (size) => {
    const net = createSimpleCNN(tf, { inputSize: size, numClasses: 3, seed: 5 });
    const logits = logitsOf(net, size);
    const file = join(dir, `page-${size}.npz`);
    writeFileSync(file, encodeModelFile(await exportPyTorchTensors(net), { imageSize: size, classes: ['a', 'b', 'c'], check: { input: CHECK_INPUT, logits } }));
    const seen = torchLoad(file);
    expect(seen.meta.classes).toEqual(['a', 'b', 'c']);
    expect(maxDiff(seen.check_logits, logits)).toBeLessThan(1e-4);
    net.model.dispose();
  }, 60_000);

  it('a model written the chapter\'s way loads into the page with PyTorch\'s logits', async () => {
    const file = join(dir, 'torch-16.npz');
    const w = spawnSync(python, ['tests/python/npz_model.py', 'write', file, '16', 'Faces_easy,Motorbikes,Leopards,airplanes'], { encoding: 'utf8', timeout: 120_000 });
    expect(w.status, w.stderr).toBe(0);
    const read = await readModelFile(new Uint8Array(readFileSync(file)));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.meta.classes).toEqual(['Faces_easy', 'Motorbikes', 'Leopards', 'airplanes']);
    const net = createSimpleCNN(tf, { inputSize: 16, numClasses: 4, seed: 9 });
    const { manifest, buffer } = weightsOf(read.tensors);
    importPyTorchWeights(tf, net, manifest, buffer);
    expect(maxDiff(logitsOf(net, 16), torchLoad(file).check_logits)).toBeLessThan(1e-4);
    net.model.dispose();
  }, 60_000);
});

describe('a file that does not fit', () => {
  const f = (n: number) => new Float32Array(n);
  const tensors = (size: number, classes: number) => [
    { name: 'conv1.weight', shape: [32, 3, 3, 3], data: f(864) }, { name: 'conv1.bias', shape: [32], data: f(32) },
    { name: 'conv2.weight', shape: [64, 32, 3, 3], data: f(18432) }, { name: 'conv2.bias', shape: [64], data: f(64) },
    { name: 'fc1.weight', shape: [512, 64 * (size / 4) ** 2], data: f(512 * 64 * (size / 4) ** 2) }, { name: 'fc1.bias', shape: [512], data: f(512) },
    { name: 'fc2.weight', shape: [classes, 512], data: f(classes * 512) }, { name: 'fc2.bias', shape: [classes], data: f(classes) },
  ];
  it('names a shape that belongs to another size than _meta declares', async () => {
    const r = await readModelFile(writeNpz(tensors(16, 2), JSON.stringify({ imageSize: 32, classes: ['a', 'b'] })));
    expect(r).toEqual({ ok: false, problems: [{ code: 'shape', name: 'fc1.weight', shape: [512, 1024], expected: [512, 4096] }] });
  });
  it('names missing and extra entries and a missing _meta', async () => {
    const t = tensors(16, 2).filter((x) => x.name !== 'fc2.bias').concat([{ name: 'bn.weight', shape: [1], data: f(1) }]);
    expect(await readModelFile(writeNpz(t, JSON.stringify({ imageSize: 16, classes: ['a', 'b'] })))).toEqual({
      ok: false,
      problems: [{ code: 'missing', name: 'fc2.bias', shape: [2] }, { code: 'extra', name: 'bn.weight' }],
    });
    expect(await readModelFile(writeNpz(tensors(16, 2)))).toEqual({ ok: false, problems: [{ code: 'no-meta' }] });
    expect(await readModelFile(writeNpz(tensors(16, 2), '{"imageSize": 18, "classes": ["a", "b"]}'))).toEqual({ ok: false, problems: [{ code: 'bad-meta', detail: 'imageSize 18' }] });
  });
});
