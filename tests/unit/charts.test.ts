/**
 * The charts of src/lib/plot, checked the way Observable Plot checks its own: each chart is drawn
 * into linkedom, serialized with its numbers rounded and its generated class name reindexed, and
 * compared with a committed SVG file (tests/unit/__snapshots__/charts/: band chart, live curves,
 * histogram); open one in a browser to see the chart. Beside the snapshots: German tick labels, and no reader language in src/lib/plot.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { renderBandChart } from '../../src/lib/plot/bands';
import { renderHistogram } from '../../src/lib/plot/histogram';
import { epochTicks, renderCurves, type CurvePoint } from '../../src/lib/plot/curves';
import { germanIntegerTicks, germanNumberTicks, germanPercentTicks, tickDigits } from '../../src/lib/plot/ticks';
import { buildBands, FULL_SHAPE, type BandRun } from '../../src/lib/runs/bands';

const NBSP = '\u00a0';

/**
 * Plot's test harness, in short: the generated class `plot-1a2b3c` becomes `plot`, every decimal
 * number is rounded to two places (so a last-digit change in d3's arithmetic does not fail the test),
 * and each element starts a line (readable diffs).
 */
function serialize(chart: Element): string {
  const svg = chart.outerHTML
    .replace(/\bplot-[0-9a-f]{6}\b/g, 'plot')
    .replace(/-?\d+\.\d+/g, (d) => String(Number(Number(d).toFixed(2))))
    .replace(/></g, '>\n<');
  return `${svg.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ')}\n`;
}

const newDocument = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const tickTexts = (chart: Element, axis: 'x' | 'y') => [...chart.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)].map((t) => t.textContent);

/** Three seeds of one group over four epochs, and a single run of a second group. */
function fixtureBands() {
  const run = (seed: number, engine: 'ours' | 'pytorch', acc: number[]): BandRun => ({
    engine,
    recipe: 'original',
    precision: 'fp32',
    split: 'chapters',
    ...FULL_SHAPE,
    seed,
    source: `${engine}-${seed}`,
    epochs: acc.map((a, i) => ({ trainAccuracy: a + 0.1, valAccuracy: a, trainLoss: 4.4 - 3 * a, valLoss: 4.6 - 2.5 * a - 0.01 * i, trainLossLastBatch: null, valLossLastBatch: null, seconds: 60 })),
  });
  return buildBands([
    run(0, 'pytorch', [0.12, 0.28, 0.37, 0.43]),
    run(1, 'pytorch', [0.15, 0.3, 0.36, 0.47]),
    run(2, 'pytorch', [0.1, 0.25, 0.39, 0.45]),
    run(0, 'ours', [0.14, 0.29, 0.38, 0.46]),
  ]);
}

describe('band chart (RunCurves, "Ergebnisse")', () => {
  it.each([
    ['valAccuracy', 'Genauigkeit (Validierung)', {}, 'bands-val-accuracy.svg'],
    ['trainLoss', 'Verlust (Training, Mittel)', { width: 340, height: 240 }, 'bands-train-loss-narrow.svg'],
  ] as const)('draws %s as bands over seeds and mean lines, like its snapshot', async (metric, y, size, file) => {
    const svg = renderBandChart({ document: newDocument(), bands: fixtureBands(), metric, labels: { x: 'Epoche', y }, ...size }) as Element;
    await expect(serialize(svg)).toMatchFileSnapshot(`__snapshots__/charts/${file}`);
    // a band only for the group with three seeds, a mean line for both groups
    expect([svg.querySelectorAll('g[aria-label="area"] path').length, svg.querySelectorAll('g[aria-label="line"] path').length]).toEqual([1, 2]);
  });

  it('labels its ticks the German way and takes its axis labels from the caller', () => {
    const accuracy = renderBandChart({ document: newDocument(), bands: fixtureBands(), metric: 'valAccuracy', labels: { x: 'Epoche', y: 'Genauigkeit' } }) as Element;
    expect(tickTexts(accuracy, 'y')).toEqual(['0', '20', '40', '60', '80', '100'].map((p) => `${p}${NBSP}%`));
    expect(tickTexts(accuracy, 'x')).toEqual(['1', '2', '3', '4']);
    expect(accuracy.textContent).toContain('Genauigkeit');
    const loss = renderBandChart({ document: newDocument(), bands: fixtureBands(), metric: 'valLoss', labels: { x: 'epoch', y: 'loss' }, height: 300 }) as Element;
    expect(tickTexts(loss, 'y')).toEqual(['0,0', '0,5', '1,0', '1,5', '2,0', '2,5', '3,0', '3,5', '4,0']);
    expect(loss.textContent).toContain('epoch');
    expect(loss.textContent).not.toContain('Epoche');
  });
});

describe('live training curves (training demo)', () => {
  // per-batch training points inside the first epoch, validation after each epoch
  const points = (metric: 'loss' | 'accuracy'): CurvePoint[] => [
    ...[0.25, 0.5, 0.75, 1, 1.5, 2].map((epoch, i) => ({ epoch, value: metric === 'loss' ? 4.6 - 0.4 * i : 0.02 + 0.05 * i, series: 'Training' as const })),
    ...[1, 2].map((epoch) => ({ epoch, value: metric === 'loss' ? 3.9 - 0.3 * epoch : 0.1 * epoch, series: 'Validierung' as const })),
  ];

  it.each(['loss', 'accuracy'] as const)('draws %s per batch and per epoch, like its snapshot', async (metric) => {
    const svg = renderCurves({ document: newDocument(), points: points(metric), metric, epochs: 3, start: 0, labels: { x: 'Epoche', y: metric === 'loss' ? 'Loss' : 'Accuracy' } }) as Element;
    await expect(serialize(svg)).toMatchFileSnapshot(`__snapshots__/charts/curves-${metric}.svg`);
    expect(svg.querySelectorAll('g[aria-label="line"] path')).toHaveLength(2);
    expect(svg.querySelectorAll('circle')).toHaveLength(4); // dots only at whole epochs: 1 and 2, both series
    expect(tickTexts(svg, 'x')).toEqual(['0', '1', '2', '3']);
  });
});

describe('histogram (transforms playground)', () => {
  it('draws one bar per bin, scaled to the fullest, with both ends and zero labelled, like its snapshot', async () => {
    const counts = [0, 2, 5, 9, 4, 1, 0, 3];
    const svg = renderHistogram({ document: newDocument(), counts, domain: [-1, 1], label: 'Werteverteilung' });
    await expect(serialize(svg as unknown as Element)).toMatchFileSnapshot('__snapshots__/charts/histogram.svg');
    const heights = [...svg.querySelectorAll('rect')].map((r) => Number(r.getAttribute('height')));
    expect(heights).toHaveLength(counts.length);
    expect(Math.max(...heights)).toBe(heights[3]);
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['\u22121', '1', '0']);
  });
});

describe('German tick formats', () => {
  it('gives a tick step the decimals it needs', () => {
    expect([1, 2, 10, 0.5, 0.2, 0.1, 0.05, 0.02, 0.001].map(tickDigits)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 3]);
    expect(tickDigits(0)).toBe(0);
  });

  it('writes decimal commas, thousands points, real minus signs and spaced percent signs', () => {
    expect([0, 0.5, 1].map((v, i, all) => germanNumberTicks(v, i, all))).toEqual(['0,0', '0,5', '1,0']);
    expect(germanNumberTicks(-0.25, 0, [-0.25, -0.2])).toBe('\u22120,25');
    expect(germanIntegerTicks(1000)).toBe('1.000');
    expect([0, 0.5, 1].map((v, i, all) => germanPercentTicks(v, i, all))).toEqual([`0${NBSP}%`, `50${NBSP}%`, `100${NBSP}%`]);
    expect(germanPercentTicks(0.025, 1, [0.02, 0.025])).toBe(`2,5${NBSP}%`);
  });

  it('numbers the epoch axis with whole epochs, at most about ten', () => {
    expect(epochTicks(3)).toEqual([1, 2, 3]);
    expect(epochTicks(3, 0)).toEqual([0, 1, 2, 3]);
    expect(epochTicks(1)).toEqual([1, 2]);
    expect(epochTicks(30)).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
  });
});

it('keeps the reader language out of src/lib/plot: axis labels come from the caller', () => {
  const files = readdirSync('src/lib/plot').filter((f) => f.endsWith('.ts'));
  const german = files.filter((f) => /Epoche|Genauigkeit|Verlust|Mittel über/.test(readFileSync(`src/lib/plot/${f}`, 'utf8')));
  expect(german).toEqual([]);
});
