/**
 * The full-run machinery without a GPU: a tiny configuration through the real train:full
 * script on SwiftShader's WebGPU yields a valid, fresh record; records are validated; a record
 * made with other code is recognised as stale. (The charts: tests/unit/charts.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashRun, validateRecord, type RunRecord } from '../../src/lib/runs/record';
import { checkFreshness, describeStale } from '../../src/lib/runs/freshness';
import { de } from '../../src/components/islands/de';
import { codeHash, dataHash, pytorchCodeHash, sha256 } from '../../src/lib/runs/record-node';
import { caltechFolder } from '../helpers/fixtures';
import { ASSET_FORMAT } from '../../src/lib/data/manifest';

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
      expect(record.format).toBe(2);
      expect(record.provenance).toMatchObject({ engine: 'ours', program: 'npm run train:full', precision: { mode: 'fp32' }, concurrent: false });
      const current = { code: await codeHash('.'), data: await dataHash(caltechFolder!) };
      expect(await checkFreshness(record, current, sha256)).toEqual({ fresh: true, reasons: [] });
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
    expect(() => validateRecord(broken, 'src/data/runs/x.json')).toThrow('src/data/runs/x.json: epochs[0].valLoss is NaN, not a finite number');
    const renumbered = fixture();
    renumbered.epochs[0].epoch = 2;
    expect(() => validateRecord(renumbered)).toThrow('run record: epochs[0].epoch is 2, expected 1 (epochs are numbered consecutively from 1)');
  });

  const withProvenance = (): RunRecord => ({
    ...fixture(),
    format: 2,
    provenance: {
      engine: 'pytorch',
      program: 'scripts/pytorch/reference_original.py',
      versions: { torch: '2.11.0', torchvision: '0.26.0' },
      device: 'NVIDIA H200',
      precision: { mode: 'fp32', flags: { cudnnAllowTf32: false, matmulAllowTf32: false } },
      dataLoading: { workers: 15, note: 'DataLoader, persistent workers' },
      concurrent: true,
    },
  });

  it('requires provenance from format 2 on and checks it', () => {
    expect(validateRecord(withProvenance()).provenance?.engine).toBe('pytorch');
    const none = withProvenance();
    delete none.provenance;
    expect(() => validateRecord(none)).toThrow('run record: provenance missing');
    const contradiction = withProvenance();
    contradiction.provenance!.precision.flags.cudnnAllowTf32 = true;
    expect(() => validateRecord(contradiction)).toThrow(/precision.mode fp32 contradicts its flags/);
    const workers = withProvenance();
    workers.provenance!.dataLoading.workers = -1;
    expect(() => validateRecord(workers)).toThrow(/dataLoading needs workers/);
    const engine = withProvenance();
    (engine.provenance as { engine: string }).engine = 'jax';
    expect(() => validateRecord(engine)).toThrow('provenance.engine jax (ours or pytorch)');
    const split = withProvenance();
    split.config.split = 'chapters';
    expect(() => validateRecord(split)).toThrow('config.split chapters (expected NAME:SHA256)');
  });

  it('calls a record stale when the code or the data changed since it was made, with structured reasons', async () => {
    const record = fixture();
    const same = { code: record.inputs.code, data: record.inputs.data };
    const other = '0'.repeat(64);
    expect(await checkFreshness(record, same, sha256)).toEqual({ fresh: true, reasons: [] });
    expect(await checkFreshness(record, { ...same, code: other }, sha256)).toEqual({
      fresh: false,
      reasons: [{ code: 'code-changed', data: { recorded: record.inputs.code, current: other } }],
    });
    const both = await checkFreshness(record, { code: other, data: other }, sha256);
    expect(both.reasons.map((r) => r.code)).toEqual(['code-changed', 'data-changed']);
    expect(describeStale(both.reasons)).toBe('the training code changed and the data changed');
    expect(describeStale(both.reasons, de.staleRecord.reasons, 'und')).toBe('der Trainingscode hat sich seitdem geändert und die Daten haben sich seitdem geändert');
    const edited = { ...record, config: { ...record.config, epochs: record.config.epochs + 1 } };
    expect((await checkFreshness(edited, same, sha256)).reasons).toEqual([{ code: 'record-edited', data: { recorded: record.hash, expected: expect.stringMatching(/^[0-9a-f]{64}$/) } }]);
  });

  it('leaves the data set to the build: no component imports what finds, lists or downloads it', () => {
    const components = readdirSync('src/components', { recursive: true, encoding: 'utf8' }).filter((f) => /\.(astro|ts)$/.test(f));
    expect(components.length).toBeGreaterThan(5);
    const offenders = components.filter((f) => /caltech101-node|prepare-node'|\bensureDataset\b|\bdataHash\b|\blistDataset\b/.test(readFileSync(join('src/components', f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

describe('records of the PyTorch arms (written by scripts/pytorch/records.py)', () => {
  const read = (name: string) => validateRecord(JSON.parse(readFileSync(`tests/fixtures/${name}.json`, 'utf8')), name);

  it.each(['pytorch-original-tiny', 'pytorch-corrected-tiny'])('%s validates and hashes its parts as hashRun does', async (name) => {
    const record = read(name);
    expect(record.provenance?.engine).toBe('pytorch');
    expect(await hashRun(record.config, record.inputs.data, record.inputs.code, sha256)).toBe(record.hash);
  });

  it("hashes the original arm's script as the build recomputes it", async () => {
    const record = read('pytorch-original-tiny');
    const now = await pytorchCodeHash(record.provenance!.program);
    // what scripts/pytorch/records.py writes as inputs.code for that script today
    const py = spawnSync('python3', ['-c', "import sys; sys.path.insert(0, 'scripts/pytorch'); import records; print(records.sha256_text(open('scripts/pytorch/reference_original.py', encoding='utf-8').read()))"], { encoding: 'utf8' });
    expect(py.status, py.stderr).toBe(0);
    expect(now).toBe(py.stdout.trim());
    expect(await pytorchCodeHash('tests/python/run_chapters.py --profile device')).toBeNull();
  });

  it.skipIf(!caltechFolder)("hashes the data set as our engine does (the original arm ran on all of Caltech 101)", async () => {
    expect(read('pytorch-original-tiny').inputs.data).toBe(await dataHash(caltechFolder!));
  });
});

describe('current run inputs for the build', () => {
  it('takes the data hash from the asset manifest (no data set needed) and the code hash from src/lib', async () => {
    const root = mkdtempSync(join(tmpdir(), 'run-inputs-'));
    try {
      const { currentRunInputs } = await import('../../src/lib/runs/inputs-node');
      await expect(currentRunInputs(root)).rejects.toThrow(/cannot read the data manifest .*manifest\.json .*run npm run data/);
      const other = mkdtempSync(join(tmpdir(), 'run-inputs-'));
      cpSync('src/lib', join(other, 'src/lib'), { recursive: true });
      mkdirSync(join(other, 'public/generated/caltech101'), { recursive: true });
      const dataset = { classes: ['a', 'b'], counts: [1, 1], total: 2, authors: '', licence: '', record: '', indexHash: 'b'.repeat(64) };
      const manifest = { format: ASSET_FORMAT, hash: 'a'.repeat(64), dataset, split: {}, samples: [], demoClasses: [], sets: [] };
      writeFileSync(join(other, 'public/generated/caltech101/manifest.json'), JSON.stringify(manifest));
      try {
        const inputs = await currentRunInputs(other);
        expect(inputs).toEqual({ code: await codeHash('.'), data: manifest.dataset.indexHash });
        expect(currentRunInputs(other)).toBe(currentRunInputs(other)); // computed once per build
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
