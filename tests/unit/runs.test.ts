/**
 * The full-run machinery without a GPU: a tiny configuration through the real train:full
 * script on SwiftShader's WebGPU yields a valid, fresh record; records are validated; a record
 * made with other code is recognised as stale; and the renderer draws a fixture record.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import reference from '../../src/data/reference/pytorch-full-run.json';
import { referenceBand, renderRunChart, type ReferenceRuns } from '../../src/lib/plot/curves';
import { checkFreshness, validateRecord, type RunRecord } from '../../src/lib/runs/record';
import { codeHash, dataHash, sha256 } from '../../src/lib/runs/record-node';
import { caltechFolder } from '../helpers/fixtures';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const noSwiftShader = existsSync(SWIFTSHADER) ? null : `${SWIFTSHADER} missing (apt-get install -y chromium)`;
if (noSwiftShader && process.env.CI) throw new Error(`CI=true: ${noSwiftShader}`);
if (noSwiftShader) console.warn(`SKIP: ${noSwiftShader}`);

describe.skipIf(!!noSwiftShader || !caltechFolder)('npm run train:full on SwiftShader (tiny configuration)', () => {
  it('trains 2 classes × 8 images at 16 × 16 for one epoch and writes a valid, fresh record', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'train-full-'));
    try {
      const out = join(dir, 'tiny.json');
      const r = spawnSync(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'scripts/train-full.ts', '--classes', '2', '--per-class', '8', '--size', '16', '--epochs', '1', '--batch', '8', '--name', 'tiny', '--out', out],
        { encoding: 'utf8', timeout: 240_000, env: { ...process.env, CALTECH101_DIR: join(caltechFolder!, '..') } },
      );
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toMatch(/WebGPU adapter .*swiftshader/i);
      const record = validateRecord(JSON.parse(readFileSync(out, 'utf8')));
      expect(record.config).toMatchObject({ classes: 2, perClass: 8, cropSize: 16, epochs: 1, recipe: 'original' });
      expect(record.images).toEqual({ train: 16, val: 4 });
      expect(record.environment.backend).toBe('webgpu');
      const current = { code: await codeHash('.'), data: await dataHash(caltechFolder!) };
      expect(await checkFreshness(record, current, sha256)).toEqual({ fresh: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});

describe('run records', () => {
  const fixture = () => JSON.parse(readFileSync('tests/fixtures/run-record-tiny.json', 'utf8')) as RunRecord;

  it('accepts the fixture record and rejects broken ones with a precise message', () => {
    expect(validateRecord(fixture()).name).toBe('tiny');
    const broken = fixture();
    broken.epochs[0].valLoss = Number.NaN;
    expect(() => validateRecord(broken, 'src/data/runs/x.json')).toThrow('src/data/runs/x.json: epoch 1: valLoss is NaN');
    const renumbered = fixture();
    renumbered.epochs[0].epoch = 2;
    expect(() => validateRecord(renumbered)).toThrow('run record: epoch 1 is numbered 2');
  });

  it('calls a record stale when the code or the data changed since it was made', async () => {
    const record = fixture();
    const same = { code: record.inputs.code, data: record.inputs.data };
    expect(await checkFreshness(record, same, sha256)).toEqual({ fresh: true });
    expect(await checkFreshness(record, { ...same, code: '0'.repeat(64) }, sha256)).toEqual({ fresh: false, reason: 'the training code changed' });
    expect(await checkFreshness(record, { ...same, data: '0'.repeat(64) }, sha256)).toEqual({ fresh: false, reason: 'the data changed' });
  });
});

describe('run curves renderer', () => {
  it('summarises the three reference seeds as a band per epoch', () => {
    const band = referenceBand(reference as ReferenceRuns, 'accuracy');
    const last = band.filter((b) => b.epoch === 10 && b.series === 'Validierung')[0];
    expect([last.min, last.max].map((v) => v.toFixed(3))).toEqual(['0.468', '0.493']);
  });

  it('draws the reference band and a fixture record into the expected SVG', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const record = validateRecord(JSON.parse(readFileSync('tests/fixtures/run-record-tiny.json', 'utf8')));
    const svg = renderRunChart({ document: document as unknown as Document, reference: reference as ReferenceRuns, record: record.epochs, metric: 'loss' }) as Element;
    const text = svg.outerHTML.replace(/(\d+\.\d{2})\d+/g, '$1'); // rounded, like Plot's own test harness
    expect(text).toMatchSnapshot();
    expect(svg.querySelectorAll('path').length).toBeGreaterThanOrEqual(6); // 2 bands, 2 means, 2 record lines
  });
});
