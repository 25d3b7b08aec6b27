/**
 * Every run the "Ergebnisse" chapter shows, read at build time: our engine's records
 * (src/data/runs/*.json), the PyTorch arms' records (src/data/reference/*.json) and the shared
 * PyTorch reference (pytorch-full-run.json, its own TF32 band). Validated, numbers included
 * (src/lib/runs/check-numbers.ts: an invalid record fails the build naming file and field; the
 * integration src/integrations/data-records.ts has checked every file under src/data/ before),
 * checked for freshness, grouped into bands. Loaded once per build.
 */
import reference from '../data/reference/pytorch-full-run.json';
import { buildBands, bandKey, isFullShape, runFromRecord, runsFromLegacyReference, type Band, type BandIdentity, type BandRun, type LegacyReference } from '../lib/runs/bands';
import { formatNumber } from '../lib/format';
import { checkFreshness, describeStale, type StaleReason } from '../lib/runs/freshness';
import { currentRunInputs } from '../lib/runs/inputs-node';
import { checkRecordNumbers } from '../lib/runs/check-numbers';
import { validateRecord, type RunRecord } from '../lib/runs/record';
import { pytorchCodeHash, sha256 } from '../lib/runs/record-node';
import { de } from './islands/de';

const ours = import.meta.glob('../data/runs/*.json', { eager: true, import: 'default' });
const pytorch = import.meta.glob(['../data/reference/*.json', '!../data/reference/pytorch-full-run.json'], { eager: true, import: 'default' });

/** Everything the run charts and tables read at build time: bands, records by name and stale reasons. */
export interface RunData {
  bands: Band[];
  records: Map<string, RunRecord>;
  stale: Map<string, StaleReason[]>;
}

let loaded: Promise<RunData> | undefined;

/** The bands and the records behind them (memoised: every component on every page shares one load). */
export function loadRunData(): Promise<RunData> {
  loaded ??= (async () => {
    const records = new Map<string, RunRecord>();
    for (const [path, value] of Object.entries({ ...ours, ...pytorch })) {
      const source = path.replace('../', 'src/');
      records.set(source, validateRecord(value, source));
    }
    const current = await currentRunInputs();
    const stale = new Map<string, StaleReason[]>();
    const runs: BandRun[] = [];
    for (const [source, record] of records) {
      // our engine's code hash is recomputed here, and the original PyTorch script's; the chapters'
      // program as it ran cannot be (its blocks after overrides): for it only the data is checked
      const engine = record.provenance?.engine ?? 'ours';
      const code = engine === 'ours' ? current.code : ((await pytorchCodeHash(record.provenance!.program)) ?? record.inputs.code);
      const freshness = await checkFreshness(record, { code, data: current.data }, sha256);
      if (!freshness.fresh) {
        stale.set(source, freshness.reasons);
        console.warn(`[run-data] ${source} is stale: ${describeStale(freshness.reasons)}.`);
      }
      runs.push(runFromRecord(record, source, freshness.fresh));
    }
    const referenceFile = 'src/data/reference/pytorch-full-run.json';
    checkRecordNumbers(reference, referenceFile);
    runs.push(...runsFromLegacyReference(reference as LegacyReference, referenceFile));
    return { bands: buildBands(runs), records, stale };
  })();
  return loaded;
}

/** A band's name in words: "PyTorch, Originalrezept, fp32, Aufteilung der Kapitel" (+ "64 × 64 Pixel, …" off the full configuration). */
export function bandLabel(b: BandIdentity): string {
  const t = de.runBands;
  const shape = isFullShape(b) ? [] : [t.shape(formatNumber(b.cropSize), formatNumber(b.classes), formatNumber(b.plannedEpochs))];
  return [t.engine[b.engine], t.recipe[b.recipe], t.precision[b.precision], t.split[b.split] ?? b.split, ...shape].join(', ');
}

/**
 * A band's name in a lesson: the original code's reference runs and the chapters' program by what
 * they are; any other band as bandLabel names it (the appendix always uses bandLabel).
 */
export function lessonBandLabel(b: BandIdentity): string {
  const t = de.runBands.lesson;
  if (b.engine === 'pytorch' && b.recipe === 'original' && b.split === 'per-seed') return t.reference;
  if (b.engine === 'pytorch' && b.recipe === 'corrected' && b.split === 'chapters')
    return isFullShape(b) ? t.chapters : `${t.chapters}, ${de.runBands.shape(formatNumber(b.cropSize), formatNumber(b.classes), formatNumber(b.plannedEpochs))}`;
  return bandLabel(b);
}

export { bandKey };
