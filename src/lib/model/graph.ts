/**
 * The backward graph that torchviz's `make_dot(model(x), params=dict(model.named_parameters()))`
 * draws for SimpleCNN: a box per parameter (AccumulateGrad, with name and shape), a box per
 * autograd function, and the output with its shape; edges point from inputs to their users.
 */
import { simpleCnnLayers, type LayerSpec } from './spec';

/** One box of the backward graph: a parameter, an operation or the output. */
export interface GraphNode {
  id: string;
  label: string;
  kind: 'param' | 'op' | 'output';
}

/** SimpleCNN's backward graph as torchviz's make_dot draws it: nodes and gradient edges. */
export interface BackwardGraph {
  nodes: GraphNode[];
  /** [from, to]: the gradient flows from `to` back to `from`; drawn as from → to like make_dot. */
  edges: [string, string][];
}

const sizeStr = (shape: number[]) => `(${shape.join(', ')})`;

/**
 * Builds the graph for a batch of one image whose input needs no gradient (as in the chapter).
 * `flatten` is named ViewBackward0, as PyTorch 2 records torch.flatten on a contiguous tensor
 * (PyTorch 1.13 called it ReshapeAliasBackward0).
 */
export function backwardGraph(layers: LayerSpec[] = simpleCnnLayers()): BackwardGraph {
  const nodes: GraphNode[] = [];
  const edges: [string, string][] = [];
  const add = (node: GraphNode) => (nodes.push(node), node.id);
  let current: string | null = null; // the autograd function that produced the activations so far
  let conv = 0;
  let fc = 0;
  let n = 0;
  for (const layer of layers) {
    if (layer.kind === 'Conv2d') {
      conv++;
      const w = add({ id: `conv${conv}.weight`, label: `conv${conv}.weight\n (${layer.outChannels}, ${layer.inChannels}, ${layer.kernel}, ${layer.kernel})`, kind: 'param' });
      const b = add({ id: `conv${conv}.bias`, label: `conv${conv}.bias\n (${layer.outChannels})`, kind: 'param' });
      const op = add({ id: `op${++n}`, label: 'ConvolutionBackward0', kind: 'op' });
      if (current) edges.push([current, op]);
      edges.push([w, op], [b, op]);
      const relu = add({ id: `op${++n}`, label: 'ReluBackward0', kind: 'op' });
      edges.push([op, relu]);
      current = relu;
    } else if (layer.kind === 'MaxPool2d') {
      const op = add({ id: `op${++n}`, label: 'MaxPool2DWithIndicesBackward0', kind: 'op' });
      edges.push([current!, op]);
      current = op;
    } else {
      fc++;
      if (fc === 1) {
        const view = add({ id: `op${++n}`, label: 'ViewBackward0', kind: 'op' });
        edges.push([current!, view]);
        current = view;
      }
      const w = add({ id: `fc${fc}.weight`, label: `fc${fc}.weight\n (${layer.outFeatures}, ${layer.inFeatures})`, kind: 'param' });
      const t = add({ id: `op${++n}`, label: 'TBackward0', kind: 'op' });
      edges.push([w, t]);
      const b = add({ id: `fc${fc}.bias`, label: `fc${fc}.bias\n (${layer.outFeatures})`, kind: 'param' });
      const addmm = add({ id: `op${++n}`, label: 'AddmmBackward0', kind: 'op' });
      edges.push([b, addmm], [current!, addmm], [t, addmm]);
      current = addmm;
      if (fc < layers.filter((l) => l.kind === 'Linear').length) {
        const relu = add({ id: `op${++n}`, label: 'ReluBackward0', kind: 'op' });
        edges.push([addmm, relu]);
        current = relu;
      }
    }
  }
  const classes = (layers.at(-1) as Extract<LayerSpec, { kind: 'Linear' }>).outFeatures;
  const out = add({ id: 'output', label: sizeStr([1, classes]), kind: 'output' });
  edges.push([current!, out]);
  return { nodes, edges };
}

/** The graph in Graphviz's DOT language, with make_dot's node style (font Courier, so Graphviz measures 0.6 em per character like a browser's monospace); `class` attributes let CSS colour it. */
export function toDot(graph: BackwardGraph): string {
  const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const lines = [
    'digraph {',
    '  graph [size="12,12"]',
    '  node [align=left fontname=Courier fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]',
    ...graph.nodes.map((node) => `  ${quote(node.id)} [label=${quote(node.label)} class=${quote(node.kind)} fillcolor=${node.kind === 'param' ? 'lightblue' : node.kind === 'output' ? 'darkolivegreen1' : 'lightgrey'}]`),
    ...graph.edges.map(([a, b]) => `  ${quote(a)} -> ${quote(b)}`),
    '}',
  ];
  return lines.join('\n');
}
