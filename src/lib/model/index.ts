/** SimpleCNN: layer spec, torchsummary table, autograd graph, tfjs model and PyTorch weight import. */
export { simpleCnnLayers, layerParameters, countParameters, outputShapes, fc1WeightBytes, type LayerSpec } from './spec';
export { summarize, summarizeSimpleCnn, formatSummary, withThousands, type Summary, type SummaryRow } from './summary';
export { backwardGraph, toDot, type BackwardGraph, type GraphNode } from './graph';
export { createSimpleCNN, type SimpleCnn, type SimpleCnnOptions } from './simplecnn';
export { importPyTorchWeights, type WeightEntry } from './import-pytorch';
export { readFilters, computeFeatureMaps, computeSaliency, inspectImage, CONV_LAYERS, type FilterImages, type FeatureMaps, type SaliencyMap, type Inspection } from './inspect';
