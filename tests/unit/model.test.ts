/**
 * SimpleCNN: the torchsummary table character for character, the same table PyTorch's hooks
 * produce at other sizes, the autograd graph, and the tfjs model with PyTorch's weights giving
 * PyTorch's logits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backwardGraph,
  countParameters,
  createSimpleCNN,
  formatSummary,
  importPyTorchWeights,
  summarize,
  summarizeSimpleCnn,
  toDot,
  simpleCnnLayers,
  type WeightEntry,
} from '../../src/lib/model';
import { runPython, torchSkipReason } from '../helpers/python';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('summary', () => {
  it("reproduces the original's torchsummary table at 224 × 224 character for character", () => {
    expect(formatSummary(summarizeSimpleCnn(224)) + '\n').toBe(readFileSync('tests/fixtures/torchsummary-224.txt', 'utf8'));
  });

  it('prints what torchsummary would print at 32 × 32 with 10 classes', () => {
    expect(formatSummary(summarizeSimpleCnn(32, 10))).toMatchSnapshot();
  });

  it('summarizes a built tfjs model from the spec it carries', () => {
    const net = createSimpleCNN(tf, { inputSize: 32, numClasses: 5 });
    expect(summarize(net, [3, 32, 32]).totalParams).toBe(net.model.countParams());
    net.model.dispose();
  });
});

describe.skipIf(!!torchSkipReason)('against PyTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simplecnn-'));
  const SIZES = [32, 64, 128, 224];
  const read = (size: number, file: string) => readFileSync(join(dir, String(size), file));
  beforeAll(() => {
    // One Python process exports PyTorch's SimpleCNN (the chapter's code) for every size.
    runPython('tests/python/simplecnn_oracle.py', [dir, '101', ...SIZES.map(String)]);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(SIZES)('gives the rows PyTorch reports through torchsummary-style hooks at %i px', (size) => {
    const rows = JSON.parse(read(size, 'summary.json').toString());
    expect(summarizeSimpleCnn(size, 101).rows.map(({ name, outputShape, params }) => ({ name, outputShape, params }))).toEqual(rows);
  });

  it("has the autograd graph PyTorch records (node types and edges, as make_dot draws them)", () => {
    const expected: [string, string][] = JSON.parse(read(64, 'graph.json').toString());
    const g = backwardGraph(simpleCnnLayers(64, 101));
    const label = (id: string) => {
      const node = g.nodes.find((n) => n.id === id)!;
      return node.kind === 'param' ? node.id : node.kind === 'output' ? `output ${node.label}` : node.label;
    };
    const ours = g.edges.map(([a, b]) => `${label(a)} -> ${label(b)}`).sort();
    expect(ours).toEqual(expected.map(([a, b]) => `${a} -> ${b}`).sort());
  });

  it.each(SIZES)("computes PyTorch's logits with PyTorch's weights at %i px (fc1 reordered from C·H·W to H·W·C)", (size) => {
    const net = createSimpleCNN(tf, { inputSize: size, numClasses: 101, seed: 1 });
    const manifest: WeightEntry[] = JSON.parse(read(size, 'weights.json').toString());
    const buffer = read(size, 'weights.bin');
    const before = tf.memory().numTensors;
    importPyTorchWeights(tf, net, manifest, buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length));
    expect(tf.memory().numTensors).toBe(before);
    const raw = read(size, 'input.bin');
    const input = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
    const expected: number[] = JSON.parse(read(size, 'logits.json').toString());
    const logits = tf.tidy(() => {
      const x = tf.transpose(tf.tensor4d(input, [1, 3, size, size]), [0, 2, 3, 1]); // NCHW → NHWC
      return (net.model.predict(x) as tf.Tensor).dataSync();
    });
    expect(logits).toHaveLength(101);
    const worst = Math.max(...Array.from(logits, (v, i) => Math.abs(v - expected[i])));
    expect(worst).toBeLessThan(1e-4);
    net.model.dispose();
  }, 120_000);

  it('refuses a state_dict that does not fit, naming the entry', () => {
    const net = createSimpleCNN(tf, { inputSize: 64, numClasses: 101 });
    const manifest: WeightEntry[] = JSON.parse(read(32, 'weights.json').toString());
    const buffer = read(32, 'weights.bin');
    expect(() => importPyTorchWeights(tf, net, manifest, buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length))).toThrow(
      'fc1.weight: shape [512,4096] does not fit the model\'s [16384,512] kernel',
    );
    expect(() => importPyTorchWeights(tf, net, manifest.slice(1), new ArrayBuffer(8))).toThrow(/unexpected state_dict entries/);
    net.model.dispose();
  });
});

describe('createSimpleCNN', () => {
  it('builds the layers with the parameter count of the spec and PyTorch-style uniform init', () => {
    const net = createSimpleCNN(tf, { inputSize: 64, numClasses: 10, seed: 3 });
    expect(net.model.countParams()).toBe(countParameters(net.spec));
    expect(net.model.outputShape).toEqual([null, 10]);
    const kernel = net.model.getLayer('conv1').getWeights()[0].dataSync();
    const bound = 1 / Math.sqrt(27);
    expect(Math.max(...kernel)).toBeLessThanOrEqual(bound);
    expect(Math.min(...kernel)).toBeGreaterThanOrEqual(-bound);
    const again = createSimpleCNN(tf, { inputSize: 64, numClasses: 10, seed: 3 });
    expect(again.model.getLayer('fc2').getWeights()[0].dataSync()).toEqual(net.model.getLayer('fc2').getWeights()[0].dataSync());
    net.model.dispose();
    again.model.dispose();
  });
});

describe('backward graph', () => {
  it('has the nodes and edges torchviz draws for SimpleCNN', () => {
    const g = backwardGraph();
    const count = (label: string) => g.nodes.filter((n) => n.label === label).length;
    expect(g.nodes.filter((n) => n.kind === 'param').map((n) => n.label)).toEqual([
      'conv1.weight\n (32, 3, 3, 3)',
      'conv1.bias\n (32)',
      'conv2.weight\n (64, 32, 3, 3)',
      'conv2.bias\n (64)',
      'fc1.weight\n (512, 200704)',
      'fc1.bias\n (512)',
      'fc2.weight\n (101, 512)',
      'fc2.bias\n (101)',
    ]);
    expect([count('ConvolutionBackward0'), count('ReluBackward0'), count('MaxPool2DWithIndicesBackward0')]).toEqual([2, 3, 2]);
    expect([count('ViewBackward0'), count('AddmmBackward0'), count('TBackward0')]).toEqual([1, 2, 2]);
    expect(g.nodes.find((n) => n.kind === 'output')!.label).toBe('(1, 101)');
    expect(g.edges).toHaveLength(20);
    expect(toDot(g)).toMatchSnapshot();
  });
});
