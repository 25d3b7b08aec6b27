/**
 * The replay harness end to end at a tiny size: scripts/export-draws.ts writes our engine's draws
 * and trains the same configuration on TensorFlow.js's CPU backend; scripts/pytorch/replay.py feeds
 * PyTorch those draws and must reproduce our numbers up to fp32 rounding — and with PyTorch's own
 * batch order it must not (the switch really switches).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caltechFolder } from '../helpers/fixtures';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
const noTorch = probe.status === 0 ? null : `${python} cannot import torch and torchvision (apt-get install -y python3-torch python3-torchvision)`;
if (noTorch && process.env.CI) throw new Error(`CI=true: ${noTorch}`);
if (noTorch) console.warn(`SKIP: ${noTorch}`);

describe.skipIf(!!noTorch || !caltechFolder)('replay harness (tiny, CPU)', () => {
  it('reproduces our engine with all of our draws, and differs with PyTorch\'s own batch order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'));
    try {
      const env = { ...process.env, CALTECH101_DIR: join(caltechFolder!, '..') };
      const draws = join(dir, 'draws.json');
      const ex = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/export-draws.ts', '--classes', '2', '--per-class', '4', '--size', '16', '--epochs', '2', '--batch', '4', '--train', '--out', draws], {
        encoding: 'utf8',
        timeout: 240_000,
        env,
      });
      expect(ex.status, ex.stderr + ex.stdout).toBe(0);
      const replay = (own: string[]) => {
        const out = join(dir, `r${own.join('-')}.json`);
        const r = spawnSync(python, ['scripts/pytorch/replay.py', '--draws', draws, '--out', out, ...own.flatMap((c) => ['--own', c])], { encoding: 'utf8', timeout: 120_000, env });
        expect(r.status, r.stderr + r.stdout).toBe(0);
        return JSON.parse(readFileSync(out, 'utf8')) as { maxDifference: Record<string, number> };
      };
      const same = replay([]);
      expect(same.maxDifference.trainLoss).toBeLessThan(1e-4);
      expect(same.maxDifference.valLoss).toBeLessThan(1e-4);
      expect(same.maxDifference.trainAccuracy).toBe(0);
      const own = replay(['order']);
      expect(own.maxDifference.trainLoss).toBeGreaterThan(1e-3);
    } finally {
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
