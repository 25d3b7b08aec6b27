/**
 * The training demo's live charts are drawn one per call (training-render.ts: each Plot chart is
 * a task of its own, so no main-thread task draws both): the first round draws the loss chart and
 * asks for the rest of the round, the next call the accuracy chart; newer points wait for the next
 * round; without points the charts go. Drawn with linkedom.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { drawCharts, NOTHING_DRAWN } from '../../src/components/islands/training-render';
import type { Curves } from '../../src/components/islands/training-view';

const curvesOf = (n: number): Curves => {
  const points = (value: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => ({ epoch: (i + 1) / n, value: value(i), series: 'Training' as const }));
  return { loss: points((i) => 4 - i / n), accuracy: points((i) => i / (2 * n)), epochs: 2 };
};
const metricsIn = (el: HTMLElement) => [...el.children].map((f) => (f as HTMLElement).dataset.metric);

describe('live charts, one per call', () => {
  const { document } = parseHTML('<!doctype html><html><body><div class="charts"></div></body></html>');
  const el = document.querySelector('.charts') as unknown as HTMLElement;

  it('draws the loss chart first, the accuracy chart in the rest of the round, then nothing', () => {
    const c1 = curvesOf(3);
    const first = drawCharts(el, c1, null, NOTHING_DRAWN.charts, 1);
    expect(metricsIn(el)).toEqual(['loss']);
    expect(first.chartsDue).toBe('round');
    const second = drawCharts(el, c1, null, first.charts, 1);
    expect(metricsIn(el)).toEqual(['loss', 'accuracy']);
    expect(second.chartsDue).toBe('none');
    expect(el.querySelectorAll('svg, [role="img"]').length).toBeGreaterThanOrEqual(2);
    const loss = el.children[0];
    expect(drawCharts(el, c1, null, second.charts, 2)).toEqual(second); // nothing new: nothing drawn
    expect(el.children[0]).toBe(loss);
  });

  it('draws newer points in the next round, never twice in one round, and the chart left longest first', () => {
    const c1 = curvesOf(3);
    const a = drawCharts(el, c1, null, NOTHING_DRAWN.charts, 1);
    const c2 = curvesOf(4); // a batch came before the rest of round 1
    const b = drawCharts(el, c2, null, a.charts, 1); // the accuracy chart (not yet drawn in round 1)
    expect(b.charts.accuracy?.curves).toBe(c2);
    expect(b.charts.loss?.curves).toBe(c1);
    expect(b.chartsDue).toBe('later'); // the loss chart is older, but round 1 drew it already
    const unchanged = drawCharts(el, c2, null, b.charts, 1);
    expect(unchanged.charts).toBe(b.charts);
    const c = drawCharts(el, c2, null, b.charts, 2);
    expect(c.charts.loss?.curves).toBe(c2);
    expect(c.chartsDue).toBe('none');
    expect(metricsIn(el)).toEqual(['loss', 'accuracy']);
  });

  it('puts the band behind the accuracy chart only, with its legend in the caption', () => {
    const c1 = curvesOf(3);
    const band = { points: [{ epoch: 1, min: 0.1, max: 0.2 }, { epoch: 2, min: 0.2, max: 0.3 }], legend: 'Grau: drei PyTorch-Läufe.', verdict: null };
    const loss = drawCharts(el, c1, band, NOTHING_DRAWN.charts, 1);
    drawCharts(el, c1, band, loss.charts, 1);
    const [lossFigure, accuracyFigure] = [...el.children];
    expect(lossFigure.querySelectorAll('.reference-band')).toHaveLength(0);
    expect(accuracyFigure.querySelectorAll('.reference-band path')).toHaveLength(1);
    expect(accuracyFigure.querySelector('figcaption')!.textContent).toMatch(/ Grau: drei PyTorch-Läufe\.$/);
    expect(lossFigure.querySelector('figcaption')!.textContent).not.toContain('Grau');
  });

  it('draws nothing when no chart may be drawn now, and clears the charts without points', () => {
    const c1 = curvesOf(2);
    const drawn = drawCharts(el, c1, null, NOTHING_DRAWN.charts, 1);
    const waiting = drawCharts(el, curvesOf(3), null, drawn.charts, null);
    expect(waiting.charts).toBe(drawn.charts);
    expect(waiting.chartsDue).toBe('later');
    expect(drawCharts(el, null, null, drawn.charts, null)).toEqual({ charts: NOTHING_DRAWN.charts, chartsDue: 'none' });
    expect(el.childElementCount).toBe(0);
  });
});
