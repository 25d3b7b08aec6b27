/**
 * Wrong numbers are never published: every record and reference file under src/data/ is checked
 * when the site builds (src/lib/runs/check-numbers.ts, read by data-files-node.ts, called by the
 * integration src/integrations/data-records.ts and by validateRecord), and a bad one fails with
 * the file and the field named.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { dataRecords } from '../../src/integrations/data-records';
import { RecordError, checkRecordNumbers, parseRecordText } from '../../src/lib/runs/check-numbers';
import { listDataFiles, loadDataFiles } from '../../src/lib/runs/data-files-node';
import { validateRecord } from '../../src/lib/runs/record';

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const record = () => read('tests/fixtures/run-record-tiny.json');
const reference = () => read('src/data/reference/pytorch-full-run.json');
const better = () => read('src/data/better/measured.json');
const probe = () => read('src/data/probes/lr-probe/lr-1e-3.json');

/** [what, file, the broken content]: each must be refused. */
const BAD: [string, string, () => unknown][] = [
  ['an accuracy above 1', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].valAccuracy = 5; return r; }],
  ['a negative accuracy', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].trainAccuracy = -0.1; return r; }],
  ['a negative loss', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].trainLoss = -5; return r; }],
  ['a loss of 1e300', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].valLoss = 1e300; return r; }],
  ['an infinite loss (1e999 in the file)', 'src/data/runs/a.json', () => parseRecordText(JSON.stringify(record()).replace(/"valLoss":[^,]+/, '"valLoss":1e999'), 'x')],
  ['a loss that is text', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].valLoss = '0.5'; return r; }],
  ['negative seconds', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].seconds = -3; return r; }],
  ['epochs starting at 0', 'src/data/runs/a.json', () => { const r = record(); r.epochs[0].epoch = 0; return r; }],
  ['an epoch left out', 'src/data/runs/a.json', () => { const r = record(); r.epochs = [r.epochs[0], { ...r.epochs[0], epoch: 3 }]; return r; }],
  ['the reference with an accuracy of 5.0', 'src/data/reference/pytorch-full-run.json', () => { const r = reference(); r.runs[1].epochs[9].val_acc = 5.0; return r; }],
  ['the reference with a negative mean loss', 'src/data/reference/pytorch-full-run.json', () => { const r = reference(); r.runs[0].epochs[2].train_loss_mean = -1; return r; }],
  ['the reference with a missing epoch', 'src/data/reference/pytorch-full-run.json', () => { const r = reference(); r.runs[2].epochs.splice(4, 1); return r; }],
  ['a measured run whose accuracy is not its last epoch\'s', 'src/data/better/measured.json', () => { const b = better(); b.runs['gap-bn'].valAccuracy = 0.99; return b; }],
  ['a measured epoch above 100 %', 'src/data/better/measured.json', () => { const b = better(); b.runs.simplecnn.epochs[1].valAccuracy = 1.2; return b; }],
  ['a probe with negative seconds', 'src/data/probes/lr-probe/lr-1e-3.json', () => { const p = probe(); p.batches[3].seconds = -1; return p; }],
  ['a probe with its batches out of order', 'src/data/probes/lr-probe/lr-1e-3.json', () => { const p = probe(); [p.batches[0], p.batches[1]] = [p.batches[1], p.batches[0]]; return p; }],
  ['a probe with a share above 1', 'src/data/probes/lr-probe/lr-1e-3.json', () => { const p = probe(); p.batches[0].top_class_share = 1.5; return p; }],
  ['CPU milliseconds below zero', 'src/data/probes/loading-cost.json', () => ({ ...read('src/data/probes/loading-cost.json'), cpu_ms_per_image_mean: -2.1 })],
];

describe('the numbers of a record or reference file', () => {
  it.each(BAD)('refuses %s, naming the file and the field', (_, file, make) => {
    const bad = make();
    expect(() => checkRecordNumbers(bad, file)).toThrow(RecordError);
    expect(() => checkRecordNumbers(bad, file)).toThrow(new RegExp(`^${file.replace(/[./]/g, '\\$&')}: \\S+ `));
  });

  it('says what is wrong in words (error texts)', () => {
    const texts = BAD.map(([what, file, make]) => {
      try {
        checkRecordNumbers(make(), file);
        return `${what}: accepted`;
      } catch (error) {
        return `${what}: ${(error as Error).message}`;
      }
    });
    expect(texts).toMatchSnapshot();
  });

  it('accepts every committed record, reference and probe, and the test fixtures', () => {
    const files = listDataFiles('.');
    expect(files).toEqual(expect.arrayContaining(['src/data/runs/full-run.json', 'src/data/reference/pytorch-full-run.json', 'src/data/better/measured.json', 'src/data/probes/loading-cost.json']));
    expect([...loadDataFiles('.').keys()]).toEqual(files);
    for (const f of ['run-record-tiny', 'pytorch-original-tiny', 'pytorch-corrected-tiny', 'golden-record']) expect(() => checkRecordNumbers(read(`tests/fixtures/${f}.json`), f)).not.toThrow();
  });

  it('lets a record leave the last batch\'s loss empty (null), but no other loss', () => {
    const r = record();
    r.epochs[0].valLossLastBatch = null;
    expect(() => checkRecordNumbers(r, 'f')).not.toThrow();
    r.epochs[0].valLoss = null;
    expect(() => checkRecordNumbers(r, 'f')).toThrow('f: epochs[0].valLoss is null, not a number (a loss is a number in 0 … 1000)');
  });

  it('names the file of invalid JSON', () => {
    expect(() => parseRecordText('{"epochs": [', 'src/data/runs/cut.json')).toThrow(/^src\/data\/runs\/cut\.json: is not valid JSON \(/);
  });

  it('is part of validateRecord, which the "Ergebnisse" components call on every run record', () => {
    const r = record();
    r.epochs[0].valAccuracy = 0.99 * 5;
    expect(() => validateRecord(r, 'src/data/runs/x.json')).toThrow('src/data/runs/x.json: epochs[0].valAccuracy is 4.95, outside an accuracy\'s range (in 0 … 1)');
  });
});

describe('the build reads src/data/ through the check', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** A project root holding a copy of src/data/ with `file` replaced by `text`. */
  const projectWith = (file: string, text: string) => {
    root = mkdtempSync(join(tmpdir(), 'records-'));
    cpSync('src/data', join(root, 'src/data'), { recursive: true });
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
    return root;
  };
  /** Runs the integration's build hook as `astro build` does, for the project at `dir`. */
  const build = (dir: string) => {
    const logged: string[] = [];
    const hook = dataRecords().hooks['astro:config:setup'] as unknown as (options: object) => void;
    hook({ config: { root: pathToFileURL(`${dir}/`) }, logger: { info: (m: string) => logged.push(m) } });
    return logged;
  };

  it('builds with the committed files', () => {
    expect(build(projectWith('src/data/runs/extra.json', JSON.stringify(record())))).toEqual([expect.stringMatching(/^checked \d+ record and reference files under src\/data\/$/)]);
  });

  it('fails on a bad record in any folder, naming file and field', () => {
    const r = record();
    r.epochs[0].seconds = -1;
    expect(() => build(projectWith('src/data/probes/new-folder/run.json', JSON.stringify(r)))).toThrow('src/data/probes/new-folder/run.json: epochs[0].seconds is -1, outside a duration\'s range (≥ 0)');
    const ref = reference();
    ref.runs[0].epochs[9].val_acc = 5.0;
    expect(() => build(projectWith('src/data/reference/pytorch-full-run.json', JSON.stringify(ref)))).toThrow('src/data/reference/pytorch-full-run.json: runs[0].epochs[9].val_acc is 5');
  });

  it('fails on invalid JSON, naming the file', () => {
    expect(() => build(projectWith('src/data/runs/full-run.json', '{"format": 2,'))).toThrow(/^src\/data\/runs\/full-run\.json: is not valid JSON/);
  });
});
