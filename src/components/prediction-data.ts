/**
 * The predictions per validation image that run records name (`predictions`: a file beside the record,
 * src/data/reference/predictions/NAME.json), read and checked against their records at build time: a
 * record naming a missing or mismatched file, or a file no record names, fails the build.
 */
import { SMALL_BAND_KEY } from '../lib/runs/bands';
import { validatePredictions, type Predictions } from '../lib/runs/predictions';
import { loadRunData } from './run-data';

const files = import.meta.glob('../data/reference/predictions/*.json', { eager: true, import: 'default' });

let loaded: Promise<Map<string, Predictions>> | undefined;

/** Predictions by the source of the record that names them (memoised, like loadRunData). */
export function loadPredictions(): Promise<Map<string, Predictions>> {
  loaded ??= (async () => {
    const { records } = await loadRunData();
    const byRecord = new Map<string, Predictions>();
    const used = new Set<string>();
    for (const [source, record] of records) {
      const named = (record as { predictions?: unknown }).predictions;
      if (named === undefined) continue;
      if (typeof named !== 'string' || !/^predictions\/[\w.-]+\.json$/.test(named)) throw new Error(`${source}: predictions ${JSON.stringify(named)} (expected predictions/NAME.json)`);
      const path = `../${source.replace(/^src\//, '').replace(/[^/]+$/, '')}${named}`;
      if (!(path in files)) throw new Error(`${source} names ${named}, which is not committed (${path.replace('../', 'src/')})`);
      byRecord.set(source, validatePredictions(files[path], record, path.replace('../', 'src/')));
      used.add(path);
    }
    const orphans = Object.keys(files).filter((f) => !used.has(f));
    if (orphans.length > 0) throw new Error(`predictions no record names: ${orphans.map((f) => f.replace('../', 'src/')).join(', ')}`);
    return byRecord;
  })();
  return loaded;
}

/** The predictions of a band's runs, in seed order (default: the small runs); throws if a run has none. */
export async function bandPredictions(bandKey = SMALL_BAND_KEY): Promise<{ seeds: number[]; runs: Predictions[] }> {
  const { bands } = await loadRunData();
  const band = bands.find((b) => b.key === bandKey);
  if (!band) throw new Error(`no runs for band ${bandKey}`);
  const all = await loadPredictions();
  const runs = band.runs.map((r) => {
    const p = all.get(r.source);
    if (!p) throw new Error(`${r.source}: the record names no predictions`);
    return p;
  });
  return { seeds: band.runs.map((r) => r.seed), runs };
}
