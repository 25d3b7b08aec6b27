/**
 * Every comparative sentence about run records in the chapters ("knapp über dem besten
 * Referenzlauf", "in allen zehn Epochen unter dem Mittelwert") is checked against the records:
 * each claim below names its words in the chapter and what must hold in the committed records.
 * A comparative phrase in a chapter's prose that no claim covers fails, so a new one gets a check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import reference from '../../src/data/reference/pytorch-full-run.json';
import { buildBands, runFromRecord, runsFromLegacyReference, type Band, type BandRun, type LegacyReference } from '../../src/lib/runs/bands';
import { validateRecord } from '../../src/lib/runs/record';

/** The bands the build draws (src/components/run-data.ts), read with fs instead of import.meta.glob. */
function loadBands(): Band[] {
  const runs: BandRun[] = [];
  for (const dir of ['src/data/runs', 'src/data/reference']) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'pytorch-full-run.json')) {
      const source = `${dir}/${name}`;
      runs.push(runFromRecord(validateRecord(JSON.parse(readFileSync(source, 'utf8')), source), source));
    }
  }
  runs.push(...runsFromLegacyReference(reference as LegacyReference, 'src/data/reference/pytorch-full-run.json'));
  return buildBands(runs);
}

const REF = 'pytorch-original-tf32-per-seed';
const OURS = 'ours-original-fp32-project';
type Row = BandRun['epochs'][number];
const band = (bands: Band[], key: string) => bands.find((b) => b.key === key)!;
const runOf = (bands: Band[], key: string, seed: number) => band(bands, key).runs.find((r) => r.seed === seed)!;
const lastOf = (bands: Band[], key: string) => band(bands, key).runs.map((r) => r.epochs.at(-1)!);
const values = (rows: Row[], m: keyof Row) => rows.map((r) => r[m] as number);

/** Validation accuracy gains at most 60 % as much per epoch in epochs 6–10 as in epochs 2–5, in every run. */
const slowsDown = (b: Band[]) =>
  band(b, REF).runs.every((r) => {
    const gain = (from: number, to: number) => (r.epochs[to - 1].valAccuracy! - r.epochs[from - 1].valAccuracy!) / (to - from);
    return gain(6, 10) < 0.6 * gain(2, 5);
  });
/** The gap between training and validation accuracy grows over the last two epochs, in every run. */
const gapGrows = (b: Band[]) => band(b, REF).runs.every((r) => r.epochs[9].trainAccuracy! - r.epochs[9].valAccuracy! > r.epochs[7].trainAccuracy! - r.epochs[7].valAccuracy!);

/** A learning-rate probe record (src/data/probes/lr-probe/NAME.json): per batch the fc1 ReLU counts and the right answers. */
interface Probe { batches: { batch: number; correct: number; fc1_alive_share: number }[] }
const probe = (name: string): Probe => JSON.parse(readFileSync(`src/data/probes/lr-probe/${name}.json`, 'utf8'));
/** fc1's units silent for the whole batch, in batches 9–20 (the plateau of lr 0.001). */
const silentLate = (p: Probe) => p.batches.filter((b) => b.batch >= 9).map((b) => Math.round(512 * (1 - b.fc1_alive_share)));
const correctLate = (p: Probe) => p.batches.filter((b) => b.batch >= 9).reduce((a, b) => a + b.correct, 0);

/** A sentence of a chapter (its words, whitespace-normalised) and what must hold for it to be true. */
interface Claim {
  file: string;
  words: string;
  holds: (bands: Band[]) => boolean;
}

export const CLAIMS: Claim[] = [
  { file: 'index', words: 'knapp in jedem zweiten Fall richtig', holds: (b) => values(lastOf(b, REF), 'valAccuracy').every((v) => v >= 0.4 && v < 0.5) },
  { file: 'ergebnisse', words: 'Knapp jedes zweite Bild wird richtig erkannt', holds: (b) => values(lastOf(b, REF), 'valAccuracy').every((v) => v >= 0.4 && v < 0.5) },
  {
    file: 'ergebnisse',
    words: 'In den letzten Epochen steigt die Trainingsgenauigkeit immer noch deutlich',
    holds: (b) => band(b, REF).runs.every((r) => r.epochs[9].trainAccuracy! - r.epochs[7].trainAccuracy! > 0.02),
  },
  {
    file: 'ergebnisse',
    words: 'sinkt der mittlere Trainingsverlust von Epoche zu Epoche ohne Ausnahme',
    holds: (b) => runOf(b, REF, 0).epochs.every((e, i, all) => i === 0 || e.trainLoss! < all[i - 1].trainLoss!),
  },
  {
    file: 'ergebnisse',
    words: 'Das ist ein Vielfaches dessen, was sich der Mittelwert in den späten Epochen von einer Epoche zur nächsten verbessert',
    holds: (b) => {
      const dev = band(b, REF).runs.flatMap((r) => r.epochs.map((e) => Math.abs(e.trainLossLastBatch! - e.trainLoss!)));
      const meanDev = dev.reduce((a, c) => a + c, 0) / dev.length;
      const late = band(b, REF).runs.flatMap((r) => [7, 8, 9].map((i) => r.epochs[i - 1].trainLoss! - r.epochs[i].trainLoss!));
      return late.every((d) => meanDev >= 2 * d);
    },
  },
  {
    file: 'korrekturen',
    words: 'Bei Seed 0 sinkt der mittlere Trainingsverlust in jeder Epoche',
    holds: (b) => runOf(b, REF, 0).epochs.every((e, i, all) => i === 0 || e.trainLoss! < all[i - 1].trainLoss!),
  },
  { file: 'korrekturen', words: 'In Epoche 8 liegt er über dem Mittelwert', holds: (b) => runOf(b, REF, 0).epochs[7].trainLossLastBatch! > runOf(b, REF, 0).epochs[7].trainLoss! },
  {
    file: 'korrekturen',
    words: 'Bei Seed 1 liegt der Verlust der immer gleichen acht letzten Bilder in allen zehn Epochen unter dem Mittelwert',
    holds: (b) => runOf(b, REF, 1).epochs.length === 10 && runOf(b, REF, 1).epochs.every((e) => e.valLossLastBatch! < e.valLoss!),
  },
  {
    file: 'ergebnisse',
    words: 'holte den Rückstand aber bis zur dritten Epoche auf',
    holds: (b) => {
      const ref = band(b, REF);
      const s2 = runOf(b, REF, 2);
      const othersMin = (i: number) => Math.min(...ref.runs.filter((r) => r.seed !== 2).map((r) => r.epochs[i].valAccuracy!));
      return s2.epochs[0].valAccuracy! < othersMin(0) && s2.epochs[2].valAccuracy! >= othersMin(2) - 0.02;
    },
  },
  {
    file: 'ergebnisse',
    words: 'je nach Seed ab der fünften, sechsten oder siebten Epoche überholt das Training',
    holds: (b) => {
      const firstAhead = band(b, REF).runs.map((r) => r.epochs.findIndex((e) => e.trainAccuracy! > e.valAccuracy!) + 1).sort();
      return firstAhead.every((e) => e >= 5 && e <= 7);
    },
  },
  {
    file: 'ergebnisse',
    words: 'Bei Seed 0 sinkt der Validierungsverlust noch bis zur letzten Epoche, bei Seed 2 erreicht er sein Minimum schon in Epoche 8',
    holds: (b) => {
      const argmin = (r: BandRun) => values(r.epochs, 'valLoss').indexOf(Math.min(...values(r.epochs, 'valLoss'))) + 1;
      return argmin(runOf(b, REF, 0)) === 10 && argmin(runOf(b, REF, 2)) === 8;
    },
  },
  { file: 'ergebnisse', words: 'Die Validierung legt dabei langsamer zu', holds: slowsDown },
  { file: 'ergebnisse', words: 'Die Validierung legt also langsamer zu, während der Abstand zwischen Training und Validierung wächst', holds: (b) => slowsDown(b) && gapGrows(b) },
  { file: 'korrekturen', words: 'während die Validierung langsamer zulegt und der Abstand zwischen beiden wächst', holds: (b) => slowsDown(b) && gapGrows(b) },
  { file: 'loss-optimizer', words: 'legt langsamer zu', holds: slowsDown },
  {
    file: 'unter-der-haube',
    words: 'innerhalb der Spanne der drei Referenzläufe',
    holds: (b) => {
      const v = lastOf(b, OURS)[0].valLoss!;
      const ref = values(lastOf(b, REF), 'valLoss');
      return v >= Math.min(...ref) && v <= Math.max(...ref);
    },
  },
  {
    file: 'unter-der-haube',
    words: 'knapp über dem besten Referenzlauf',
    holds: (b) => {
      const gap = lastOf(b, OURS)[0].valAccuracy! - Math.max(...values(lastOf(b, REF), 'valAccuracy'));
      return gap > 0 && gap < 0.015;
    },
  },
  {
    file: 'unter-der-haube',
    words: 'schneidet der Lauf im Training besser ab als jeder Referenzlauf',
    holds: (b) =>
      lastOf(b, OURS)[0].trainAccuracy! > Math.max(...values(lastOf(b, REF), 'trainAccuracy')) &&
      lastOf(b, OURS)[0].trainLoss! < Math.min(...values(lastOf(b, REF), 'trainLoss')),
  },
  {
    file: 'unter-der-haube',
    words: 'und das schon ab der ersten Epoche',
    holds: (b) =>
      runOf(b, OURS, 0).epochs.every((e, i) => e.trainAccuracy! > Math.max(...band(b, REF).runs.map((r) => r.epochs[i].trainAccuracy!))),
  },
  {
    file: 'loss-optimizer',
    words: 'Mit der Aufwärmphase verstummen fast ebenso viele',
    holds: () => {
      const full = probe('lr-1e-3');
      const warm = probe('lr-1e-3-warmup');
      // almost as many silent units (at least 85 % of the full rate's fewest), yet the warm-up run learns (ten times the right answers)
      return Math.min(...silentLate(warm)) >= 0.85 * Math.min(...silentLate(full)) && correctLate(warm) > 10 * correctLate(full);
    },
  },
  {
    file: 'loss-optimizer',
    words: 'Trotzdem lernt dieses Modell, und ebenso das mit der Lernrate 0,0001',
    holds: () => {
      const full = probe('lr-1e-3');
      const small = probe('lr-1e-4');
      // the small rate also keeps most units silent late on, yet learns (ten times the full rate's right answers)
      return Math.min(...silentLate(small)) >= 0.5 * Math.min(...silentLate(full)) && correctLate(small) > 10 * correctLate(full);
    },
  },
];

/** Words that make a sentence compare records; each occurrence in prose must sit inside a claim. */
const COMPARATIVE = /(?:über|unter) dem (?:besten|schlechtesten|Mittelwert)|innerhalb der Spanne|als jeder Referenzlauf|jede[mns]? zweiten? (?:Fall|Bild)(?: wird)? richtig|ohne Ausnahme|in allen \w+ Epochen|überholt|sein Minimum|Vielfaches dessen|den Rückstand|schon ab der ersten Epoche|langsamer zu|nur noch langsam|Abstand zwischen (?:\w+ ){0,3}wächst|flacht|noch lange nicht fertig|auskonvergiert|ebenso viele/g;

/** A chapter's prose with code fences removed and whitespace normalised. */
const prose = (slug: string) =>
  readFileSync(`src/content/docs/${slug}.mdx`, 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/\s+/g, ' ');

describe('comparative sentences about run records', () => {
  const bands = loadBands();

  it.each(CLAIMS.map((c) => [c.file, c.words, c] as const))('%s: «%s» is in the chapter and true of the records', (file, words, claim) => {
    expect(prose(file)).toContain(words);
    expect(claim.holds(bands)).toBe(true);
  });

  it.each(readdirSync('src/content/docs').map((f) => f.replace(/\.mdx$/, '')))('%s compares records only where a claim checks it', (slug) => {
    const text = prose(slug);
    const covered = CLAIMS.filter((c) => c.file === slug).flatMap((c) =>
      [...text.matchAll(new RegExp(c.words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => [m.index!, m.index! + c.words.length] as const),
    );
    const unchecked = [...text.matchAll(COMPARATIVE)].filter((m) => !covered.some(([from, to]) => m.index! >= from && m.index! < to)).map((m) => m[0]);
    expect(unchecked, 'add a claim to CLAIMS in tests/unit/record-claims.test.ts').toEqual([]);
  });
});
