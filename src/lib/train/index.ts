/** The training loop, its metrics and recipes. */
export { EpochMeter, countCorrect, type BatchResult } from './metrics';
export { RECIPES, type RecipeName, type TrainingRecipe } from './recipes';
export {
  train,
  evaluate,
  predictProbabilities,
  checkConfig,
  type TrainingData,
  type TrainingConfig,
  type EpochMetrics,
  type BatchProgress,
  type TrainOptions,
  type ImageSource,
  type Images,
} from './loop';
