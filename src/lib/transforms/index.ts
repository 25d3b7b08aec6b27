/** Image transforms exactly as torchvision computes them, for the browser, the data build and training. */
export { createImage, fromPixels, type RGBAImage } from './image';
export { toRGB, isGrey } from './color';
export { resize } from './resize';
export {
  hflip,
  centerCrop,
  rotate,
  applyMap,
  composeMaps,
  identityMap,
  hflipMap,
  centerCropMap,
  rotateMap,
  roundHalfEven,
  type PixelMap,
} from './geometry';
export { toTensor, normalize, channelStats, histogram, type ImageTensor } from './tensor';
export {
  toRGBStep,
  resizeStep,
  centerCropStep,
  randomHorizontalFlip,
  randomRotation,
  randomApply,
  compose,
  tableStep,
  applyDraw,
  type Step,
  type StepDraw,
} from './random';
export {
  CHAIN_STEPS,
  CHAIN_NAMES,
  flipStep,
  rotateStep,
  applyStep,
  checkChain,
  stepName,
  drawStep,
  drawChain,
  operationsOf,
  maxOps,
  drawOps,
  leafSteps,
  leafDraws,
  type ChainName,
  type ChainStep,
  type Draw,
  type GeometricOp,
  type LeafStep,
} from './recipes';
export { buildChain, augmentationSteps, MEAN, STD } from './chain';
export { CROP_SIZES, resizeFor, type CropSize } from './sizes';
export { planBatch, augmentBatch, normalizeBatch, gatherIndices } from './batch';
