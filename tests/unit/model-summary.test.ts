/**
 * The model chapter's summary and graph: the texts for each input size, the size change as an
 * effect that switches the graph, and a graph per size whose boxes hold their labels.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { describe, expect, it } from 'vitest';
import { backwardGraph, toDot } from '../../src/lib/model/graph';
import { simpleCnnLayers } from '../../src/lib/model/spec';
import { DEMO_SIZES } from '../../src/lib/demo/options';
import { summaryView, updateSummary } from '../../src/components/islands/model-summary-view';

describe('the model summary view', () => {
  it('words the recomputed table for 64 × 64 and asks to show the graph of that size', () => {
    const view = summaryView(64);
    expect(view.status).toBe('Neu berechnet für 64 × 64: 8.460.325 Parameter, davon 99,16\u00a0% in Linear-5.');
    expect(view.total).toBe('8.460.325');
    expect(view.rows).toContain('<th scope="row">Linear-5</th><td><code>[-1, 512]</code></td><td class="num">8.389.120</td>');
    expect(updateSummary({ size: 224 }, { type: 'set-size', size: 64 })).toEqual({
      state: { size: 64 },
      effects: [
        { type: 'show-graph', size: 64 },
        { type: 'write-link', link: { size: 64 } },
      ],
    });
  });
});

describe('the model graph for each size', () => {
  it("gives fc1.weight the size's shape", () => {
    const fc1 = (size: number) => backwardGraph(simpleCnnLayers(size)).nodes.find((n) => n.id === 'fc1.weight')!.label;
    expect(fc1(224)).toBe('fc1.weight\n (512, 200704)');
    expect(fc1(64)).toBe('fc1.weight\n (512, 16384)');
  });

  it.each(DEMO_SIZES)('lays out boxes wide enough for their labels in a 0.6 em monospace font at 10 px (size %i)', async (size) => {
    const svg = (await Graphviz.load()).dot(toDot(backwardGraph(simpleCnnLayers(size))));
    const nodes = [...svg.matchAll(/<g id="node\d+" class="node[^"]*">([\s\S]*?)<\/g>/g)].map((m) => m[1]);
    expect(nodes.length).toBe(21);
    for (const node of nodes) {
      const xs = [...node.match(/points="([^"]+)"/)![1].matchAll(/(-?[\d.]+),/g)].map((m) => Number(m[1]));
      const longest = Math.max(...[...node.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].length));
      expect(Math.max(...xs) - Math.min(...xs), node).toBeGreaterThanOrEqual(0.6 * 10 * longest);
    }
  });
});
