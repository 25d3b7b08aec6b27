/**
 * The model summary exactly as torchsummary prints it (`summary(model, (3, H, W))`): one row
 * per module call (so the shared pooling layer appears twice), PyTorch's [-1, C, H, W] shapes,
 * parameter counts with thousands separators, and the four size estimates in MB.
 * Works from the layer spec alone, so the page can redraw it without TensorFlow.js.
 */
import { layerParameters, outputShapes, simpleCnnLayers, type LayerSpec } from './spec';

/** One layer's line of the summary, as torchsummary prints it. */
export interface SummaryRow {
  /** torchsummary's name: class name and call index, e.g. "Conv2d-1". */
  name: string;
  /** [-1, C, H, W] or [-1, features] (−1 stands for the batch, as in torchsummary). */
  outputShape: number[];
  params: number;
  trainable: boolean;
}

/** The whole summary: input shape, one row per layer, and the parameter and memory totals. */
export interface Summary {
  inputShape: [number, number, number];
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  /** The four estimates torchsummary prints, in MB (2^20 bytes), at 4 bytes per number. */
  inputMB: number;
  forwardBackwardMB: number;
  paramsMB: number;
  totalMB: number;
}

/** Something with the layers of SimpleCNN: the spec itself, or a built model that carries it. */
export type Summarizable = LayerSpec[] | { spec: LayerSpec[] };

/** Summarizes SimpleCNN (or its spec) for an input of shape [3, H, W], as torchsummary would. */
export function summarize(model: Summarizable, inputShape: [number, number, number]): Summary {
  const layers = Array.isArray(model) ? model : model.spec;
  const shapes = outputShapes(layers, inputShape);
  const rows = layers.map((layer, i) => ({
    name: `${layer.kind}-${i + 1}`,
    outputShape: [-1, ...shapes[i]],
    params: layerParameters(layer),
    trainable: true,
  }));
  const totalParams = rows.reduce((a, r) => a + r.params, 0);
  const totalOutput = rows.reduce((a, r) => a + r.outputShape.reduce((p, v) => p * v, 1), 0); // negative: includes −1
  const MB = 1024 ** 2;
  const inputMB = Math.abs((inputShape[0] * inputShape[1] * inputShape[2] * -1 * 4) / MB);
  const forwardBackwardMB = Math.abs((2 * totalOutput * 4) / MB); // ×2 for gradients
  const paramsMB = Math.abs((totalParams * 4) / MB);
  return {
    inputShape,
    rows,
    totalParams,
    trainableParams: rows.filter((r) => r.trainable).reduce((a, r) => a + r.params, 0),
    inputMB,
    forwardBackwardMB,
    paramsMB,
    totalMB: paramsMB + forwardBackwardMB + inputMB,
  };
}

/** Python's "{0:,}".format(n). */
export const withThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** Python's str() of a list of ints: "[-1, 32, 224, 224]". */
const listStr = (xs: number[]) => `[${xs.join(', ')}]`;

/** The summary as torchsummary's text, character for character. */
export function formatSummary(s: Summary): string {
  const rule = '-'.repeat(64);
  const double = '='.repeat(64);
  const row = (a: string, b: string, c: string) => `${a.padStart(20)}  ${b.padStart(25)} ${c.padStart(15)}`;
  return [
    rule,
    row('Layer (type)', 'Output Shape', 'Param #'),
    double,
    ...s.rows.map((r) => row(r.name, listStr(r.outputShape), withThousands(r.params))),
    double,
    `Total params: ${withThousands(s.totalParams)}`,
    `Trainable params: ${withThousands(s.trainableParams)}`,
    `Non-trainable params: ${withThousands(s.totalParams - s.trainableParams)}`,
    rule,
    `Input size (MB): ${s.inputMB.toFixed(2)}`,
    `Forward/backward pass size (MB): ${s.forwardBackwardMB.toFixed(2)}`,
    `Params size (MB): ${s.paramsMB.toFixed(2)}`,
    `Estimated Total Size (MB): ${s.totalMB.toFixed(2)}`,
    rule,
  ].join('\n');
}

/** The summary of the tutorial's SimpleCNN for square inputs of `inputSize` px. */
export const summarizeSimpleCnn = (inputSize = 224, numClasses = 101) =>
  summarize(simpleCnnLayers(inputSize, numClasses), [3, inputSize, inputSize]);
