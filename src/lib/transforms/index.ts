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
  type Step,
} from './random';
export { buildChain, augmentationSteps, MEAN, STD, type Recipe } from './chain';
export { CROP_SIZES, resizeFor, type CropSize } from './sizes';
export { planBatch, augmentBatch, normalizeBatch, gatherIndices } from './batch';
