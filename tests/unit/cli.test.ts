/**
 * The scripts' shared command-line parser (scripts/cli.ts): unknown options and bad values are
 * refused with the valid choices, and every script in scripts/ exits with code 2 on them before
 * it starts WebGPU, a browser or reads any data.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

const SEEDED = {
  command: 'npm run y --',
  summary: 'A command with a seed.',
  options: {
    seed: { kind: 'seed', default: 0, help: 'seed' },
    epochs: { kind: 'int', min: 1, max: 1000, default: 10, help: 'epochs' },
    lr: { kind: 'number', above: 0, below: 1, default: 0.001, help: 'learning rate' },
  },
} as const satisfies CommandSpec;

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

  it.each([
    [['--seed', '-3'], 'invalid --seed: -3 (an integer in 0…4294967295)'],
    [['--seed=-3'], 'invalid --seed: -3 (an integer in 0…4294967295)'],
    [['--seed', '4294967296'], 'invalid --seed: 4294967296 (an integer in 0…4294967295)'],
    [['--seed', '99999999999999999999'], 'invalid --seed: 99999999999999999999 (an integer in 0…4294967295)'],
    [['--seed', '1e3'], 'invalid --seed: 1e3 (an integer in 0…4294967295)'],
    [['--epochs', '-3'], 'invalid --epochs "-3" (expected a whole number 1 … 1000)'],
    [['--lr', '-.5'], 'invalid --lr "-.5" (expected a number between 0 and 1, e.g. 0.001)'],
  ])('names the value of %j, negative numbers included (not "needs a value")', (argv, message) => {
    expect(() => parseOptions(SEEDED, argv)).toThrow(message);
  });

  it('reads seeds 0 … 4294967295', () => {
    expect(parseOptions(SEEDED, []).values.seed).toBe(0);
    expect(parseOptions(SEEDED, ['--seed', '4294967295']).values.seed).toBe(4294967295);
    expect(formatHelp(SEEDED)).toContain('--seed N    seed (0 … 4294967295) [default 0]');
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
    expect(readdirSync('scripts').filter((f) => f.endsWith('.ts') && f !== 'cli.ts').sort()).toEqual(['bench-demo.ts', 'bench-pipeline.ts', 'bench-step.ts', 'bench.ts', 'data.ts', 'export-draws.ts', 'measure-demo-defaults.ts', 'notebook.ts', 'train-full.ts']);
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
    ['train-full.ts', ['--seed', '99999999999999999999'], 'train:full: invalid --seed: 99999999999999999999 (an integer in 0…4294967295)'],
    ['train-full.ts', ['--seed', '-3'], 'train:full: invalid --seed: -3 (an integer in 0…4294967295)'],
    ['train-full.ts', ['--name', '../../src/data/runs/full-run'], 'train:full: invalid --name: ../../src/data/runs/full-run (letters, digits'],
    ['export-draws.ts', ['--out', 'x.json', '--seed', '4294967297'], 'export-draws: invalid --seed: 4294967297 (an integer in 0…4294967295)'],
    ['measure-demo-defaults.ts', ['--seed', '3'], 'measure-demo-defaults: unknown option --seed (did you mean --seeds?)'],
    ['measure-demo-defaults.ts', ['--seeds', '0,x'], 'measure-demo-defaults: invalid --seeds "0,x" (comma-separated integers 0 … 4294967295)'],
  ])('%s %j', (script, args, message) => {
    const r = runScript(script, args);
    expect(r.status, r.stderr + r.stdout).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('(--help lists the options)');
    expect(r.stdout).toBe(''); // nothing started: no adapter, no browser, no data set
    expect(readdirSync(empty)).toEqual([]);
  }, 60_000); // a tsx start takes seconds on a busy 2-core machine

  describe('an output path that cannot be written ends the script with one line, before WebGPU or any data', () => {
    const place = mkdtempSync(join(tmpdir(), 'cli-out-'));
    afterAll(() => rmSync(place, { recursive: true, force: true }));
    writeFileSync(join(place, 'a-file'), 'x');
    mkdirSync(join(place, 'a-folder'));
    const belowFile = join(place, 'a-file', 'runs', 'run.json');
    it.each([
      ['train-full.ts', ['--out', belowFile], `train:full: cannot write ${belowFile}: a part of its path is a file, not a folder; choose another --out`],
      ['bench-step.ts', ['--json', belowFile], `bench:step: cannot write ${belowFile}: a part of its path is a file, not a folder; choose another --json`],
      ['bench.ts', ['step', '--json', belowFile], `bench:step: cannot write ${belowFile}: a part of its path is a file, not a folder; choose another --json`],
      ['bench-pipeline.ts', ['--json', belowFile], `bench pipeline: cannot write ${belowFile}: a part of its path is a file, not a folder; choose another --json`],
      ['export-draws.ts', ['--out', join(place, 'a-folder')], `export-draws: cannot write ${join(place, 'a-folder')}: it is a folder; name a file in it`],
    ])('%s %j', (script, args, message) => {
      const r = runScript(script, args);
      expect(r.status, r.stderr + r.stdout).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe(''); // no "WebGPU adapter …" line: nothing started
      expect(readdirSync(empty)).toEqual([]);
      expect(readdirSync(place).sort()).toEqual(['a-file', 'a-folder']);
    }, 60_000);
  });

  it('prints the options on --help and exits 0', () => {
    const r = runScript('train-full.ts', ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: npm run train:full -- [options]');
    for (const option of ['--classes', '--per-class', '--size', '--epochs', '--batch', '--lr', '--recipe', '--seed', '--split', '--name', '--out', '--kernels']) expect(r.stdout).toContain(option);
  }, 60_000);
});
