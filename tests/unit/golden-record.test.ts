/**
 * The golden record: a tiny seeded `npm run train:full` (3 classes × 8 images, 32 × 32, original
 * recipe, 2 epochs, batch 8, seed 3) on SwiftShader's WebGPU must give the accuracies and losses
 * it gave at commit 25b7456 (tests/fixtures/golden-record.json), within 1e-5 relative. Work on
 * speed (transforms, kernels, input pipeline) must not change what is trained.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../src/lib/runs/record';
import type { EpochMetrics } from '../../src/lib/train/loop';
import { caltechFolder } from '../helpers/fixtures';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
const noSwiftShader = existsSync(SWIFTSHADER) ? null : `${SWIFTSHADER} missing (apt-get install -y chromium)`;
if (noSwiftShader && process.env.CI) throw new Error(`CI=true: ${noSwiftShader}`);
if (noSwiftShader) console.warn(`SKIP: ${noSwiftShader}`);

/** The compared fields: every accuracy and loss of an epoch (not its seconds or tensor count). */
const METRICS = ['trainLoss', 'trainLossLastBatch', 'trainAccuracy', 'valLoss', 'valLossLastBatch', 'valAccuracy'] as const;
const RELATIVE = 1e-5;

/** tests/fixtures/golden-record.json: the arguments of the run and its numbers at 25b7456. */
interface GoldenRecord {
  args: string[];
  images: { train: number; val: number };
  epochs: Pick<EpochMetrics, (typeof METRICS)[number] | 'epoch'>[];
}
const golden = JSON.parse(readFileSync('tests/fixtures/golden-record.json', 'utf8')) as GoldenRecord;

/** Every metric that differs from the golden record by more than 1e-5 relative, as readable lines. */
function diffGolden(actual: readonly EpochMetrics[], expected: GoldenRecord['epochs']): string[] {
  if (actual.length !== expected.length) return [`${actual.length} epochs instead of ${expected.length}`];
  return expected.flatMap((want, i) =>
    METRICS.flatMap((key) => {
      const got = actual[i][key];
      const ok = Math.abs(got - want[key]) <= RELATIVE * Math.max(Math.abs(want[key]), 1e-12);
      return ok ? [] : [`epoch ${want.epoch} ${key}: ${got} instead of ${want[key]}`];
    }),
  );
}

describe.skipIf(!!noSwiftShader || !caltechFolder)('the golden record (npm run train:full, tiny and seeded, on SwiftShader)', () => {
  it('gives the accuracies and losses of commit 25b7456', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'golden-'));
    try {
      const out = join(dir, 'golden.json');
      const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/train-full.ts', ...golden.args, '--name', 'golden', '--out', out], {
        encoding: 'utf8',
        timeout: 1_800_000, // a safety net: about a minute on an idle 2-core machine, 20 when seven helpers share it
        env: { ...process.env, CALTECH101_DIR: join(caltechFolder!, '..') },
      });
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(r.stdout).toMatch(/WebGPU adapter .*swiftshader/i);
      const record = validateRecord(JSON.parse(readFileSync(out, 'utf8')));
      expect(record.config).toMatchObject({ classes: 3, perClass: 8, cropSize: 32, epochs: 2, batchSize: 8, seed: 3, recipe: 'original' });
      expect(record.images).toEqual(golden.images);
      expect(diffGolden(record.epochs, golden.epochs)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_860_000);
});
