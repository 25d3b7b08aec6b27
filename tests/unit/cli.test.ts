/**
 * The scripts' shared command-line parser (scripts/cli.ts): unknown options and bad values are
 * refused with the valid choices, and every script in scripts/ exits with code 2 on them before
 * it starts WebGPU, a browser or reads any data.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatHelp, parseOptions, type CommandSpec } from '../../scripts/cli';

const SPEC = {
  command: 'npm run x --',
  summary: 'A test command.',
  options: {
    epochs: { kind: 'int', min: 1, max: 1000, default: 10, help: 'epochs' },
    'per-class': { kind: 'int', min: 1, or: ['all'], default: 'all', help: 'images per class' },
    size: { kind: 'choice', choices: [16, 32, 224], default: 224, help: 'input size' },
    kernels: { kind: 'choices', choices: ['stock', 'fast'], default: ['stock', 'fast'], help: 'kernel sets' },
    lr: { kind: 'number', above: 0, below: 1, default: 0.001, help: 'learning rate' },
    split: { kind: 'file', help: 'a split file' },
    name: { kind: 'string', default: 'full-run', help: 'name' },
    profile: { kind: 'flag', help: 'profile' },
  },
} as const satisfies CommandSpec;

const parse = (...argv: string[]) => parseOptions(SPEC, argv);

describe('parseOptions', () => {
  it('fills in defaults and reads every kind of option', () => {
    expect(parse().values).toEqual({ epochs: 10, 'per-class': 'all', size: 224, kernels: ['stock', 'fast'], lr: 0.001, split: undefined, name: 'full-run', profile: false });
    const { values } = parse('--epochs', '3', '--per-class=8', '--size', '32', '--kernels', 'fast', '--lr', '1e-2', '--split', 'package.json', '--profile');
    expect(values).toMatchObject({ epochs: 3, 'per-class': 8, size: 32, kernels: ['fast'], lr: 0.01, split: 'package.json', profile: true });
    expect(parse('--help').help).toBe(true);
  });

  it.each([
    [['--epoch', '3'], 'unknown option --epoch (did you mean --epochs?); options: --epochs --per-class --size --kernels --lr --split --name --profile --help'],
    [['--bogus'], 'unknown option --bogus; options: --epochs --per-class --size --kernels --lr --split --name --profile --help'],
    [['--epochs', 'ten'], 'invalid --epochs "ten" (expected a whole number 1 … 1000)'],
    [['--epochs', '0'], 'invalid --epochs "0" (expected a whole number 1 … 1000)'],
    [['--epochs', '2.5'], 'invalid --epochs "2.5" (expected a whole number 1 … 1000)'],
    [['--per-class', 'some'], 'invalid --per-class "some" (expected a whole number ≥ 1, or all)'],
    [['--size', '17'], 'invalid --size "17" (choose 16, 32 or 224)'],
    [['--kernels', 'fast,quick'], 'invalid --kernels "fast,quick" (a comma-separated list of stock or fast)'],
    [['--lr', 'abc'], 'invalid --lr "abc" (expected a number between 0 and 1, e.g. 0.001)'],
    [['--lr', '1'], 'invalid --lr "1" (expected a number between 0 and 1, e.g. 0.001)'],
    [['--lr', 'NaN'], 'invalid --lr "NaN" (expected a number between 0 and 1, e.g. 0.001)'],
    [['--split', 'no/such/file.json'], 'invalid --split "no/such/file.json" (no such file)'],
    [['--epochs'], '--epochs needs a value'],
    [['--profile=yes'], '--profile takes no value'],
    [['train'], 'unexpected argument "train" (options start with --)'],
  ])('refuses %j with a message that names the valid choices', (argv, message) => {
    expect(() => parse(...argv)).toThrow(message);
  });

  it('lists every option with its values and default in --help', () => {
    const help = formatHelp(SPEC);
    expect(help.split('\n')[0]).toBe('usage: npm run x -- [options]');
    for (const line of ['--epochs N', 'epochs (1 … 1000) [default 10]', '--size 16|32|224', '--kernels stock,fast', '[default stock,fast]', '--lr X', '(0 < X < 1)', '--split FILE', '--profile', '--help']) {
      expect(help).toContain(line);
    }
  });
});

describe('every script refuses a misspelt option with exit code 2 before touching anything', () => {
  const root = resolve('.');
  const empty = mkdtempSync(join(tmpdir(), 'cli-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  /** Runs a script from an empty folder, so anything it would read or write there would show. */
  const runScript = (script: string, args: string[]) =>
    spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts', script), ...args], {
      cwd: empty,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, CALTECH101_DIR: '', CALTECH101_URL: 'http://127.0.0.1:9/nothing.zip' },
    });

  it('covers every script', () => {
    expect(readdirSync('scripts').filter((f) => f.endsWith('.ts') && f !== 'cli.ts').sort()).toEqual(['bench-demo.ts', 'bench-pipeline.ts', 'bench-step.ts', 'bench.ts', 'data.ts', 'export-draws.ts', 'notebook.ts', 'train-full.ts']);
  });

  it.each([
    ['train-full.ts', ['--epoch', '3'], 'train:full: unknown option --epoch (did you mean --epochs?)'],
    ['train-full.ts', ['--lr', 'fast'], 'train:full: invalid --lr "fast" (expected a number between 0 and 1, e.g. 0.001)'],
    ['bench-step.ts', ['--step', '5'], 'bench:step: unknown option --step (did you mean --steps?)'],
    ['bench-demo.ts', ['--epochs', 'NaN'], 'bench:demo: invalid --epochs "NaN" (expected a whole number 1 … 100)'],
    ['export-draws.ts', ['--classes', '3'], 'export-draws: --out FILE is required'],
    ['export-draws.ts', ['--out', 'x.json', '--recipe', 'own'], 'export-draws: invalid --recipe "own" (choose original or corrected)'],
    ['notebook.ts', ['--outt', 'x.ipynb'], 'notebook: unknown option --outt (did you mean --out?)'],
    ['data.ts', ['--froce'], 'data: unknown option --froce (did you mean --force?)'],
    ['bench.ts', ['stpe'], 'bench: unknown benchmark "stpe" (choose step, demo or pipeline)'],
    ['bench-pipeline.ts', ['--images', '8'], 'bench pipeline: invalid --images 8 (at least --batch, 64)'],
    ['bench.ts', ['step', '--sizes', '17'], 'bench:step: invalid --sizes "17" (a comma-separated list of 16, 32, 64, 128 or 224)'],
  ])('%s %j', (script, args, message) => {
    const r = runScript(script, args);
    expect(r.status, r.stderr + r.stdout).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('(--help lists the options)');
    expect(r.stdout).toBe(''); // nothing started: no adapter, no browser, no data set
    expect(readdirSync(empty)).toEqual([]);
  });

  it('prints the options on --help and exits 0', () => {
    const r = runScript('train-full.ts', ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: npm run train:full -- [options]');
    for (const option of ['--classes', '--per-class', '--size', '--epochs', '--batch', '--lr', '--recipe', '--seed', '--split', '--name', '--out', '--kernels']) expect(r.stdout).toContain(option);
  });
});
