/**
 * The browser demo's model after its run: what the page asks of it once trained — the top
 * classes of the reader's own image (and the crop the model saw, for a thumbnail), a look
 * inside for a validation example or that own image, and the model as a `.npz` file with
 * `_meta` and the check logits. The training worker holds one and relays messages to it.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Inspection } from '../model/inspect';
import { exportPyTorchTensors } from '../model/export-pytorch';
import { CHECK_INPUT, checkInput, encodeModelFile, type ModelMeta } from '../model/model-file';
import { applyMap, centerCropMap } from '../transforms/geometry';
import type { RGBAImage } from '../transforms/image';
import type { Ranked } from './evaluation';
import { classifyOwnImage, inspectStoredImage } from './demo-run';

type TF = typeof tfjs;

/** The image to look inside the model with: a validation example (its place in the examples) or the reader's own. */
export type InspectSource = { kind: 'example'; index: number } | { kind: 'own' };

/** What the trained demo model answers; `transfer` lists the buffers a worker can hand over without copying. */
export interface TrainedDemo {
  /** Top 3 classes of `image`; `seen` is the [cropSize, cropSize] crop the model classified. */
  classify(image: RGBAImage): Promise<{ ranked: Ranked[]; seen: RGBAImage }>;
  /** Filters, feature maps and saliency for `source`; throws when that image does not exist (yet). */
  inspect(source: InspectSource): { image: RGBAImage; inspection: Inspection; transfer: ArrayBuffer[] };
  /** The model as `.npz` bytes: PyTorch's state_dict plus `_meta` (with the logits on the check input). */
  exportFile(meta: ModelMeta): Promise<Uint8Array>;
}

/** Wraps a trained SimpleCNN of input size `cropSize`; `sources` are the validation examples' uncropped images. */
export function createTrainedDemo(tf: TF, model: tfjs.LayersModel, cropSize: number, sources: readonly RGBAImage[]): TrainedDemo {
  let own: RGBAImage | null = null;
  return {
    async classify(image) {
      const { ranked, resized } = await classifyOwnImage(tf, model, image, cropSize);
      own = resized;
      return { ranked, seen: applyMap(resized, centerCropMap(resized.width, resized.height, cropSize)) };
    },
    inspect(source) {
      const picked = source.kind === 'own' ? own : sources[source.index];
      if (!picked) throw new Error(source.kind === 'own' ? 'no own image classified yet' : `no example image number ${source.index + 1}`);
      const { image, inspection } = inspectStoredImage(tf, model, picked, cropSize);
      const arrays = [inspection.filters.values, ...inspection.featureMaps.map((m) => m.values), inspection.saliency.values, inspection.probabilities];
      return { image, inspection, transfer: arrays.map((a) => a.buffer as ArrayBuffer) };
    },
    async exportFile(meta) {
      const logits = tf.tidy(() => model.predict(tf.tensor4d(checkInput(cropSize), [1, cropSize, cropSize, 3])) as tfjs.Tensor);
      const check = { input: CHECK_INPUT, logits: Array.from(await logits.data()) };
      logits.dispose();
      const net = { model: model as tfjs.Sequential, spec: [], inputSize: cropSize };
      return encodeModelFile(await exportPyTorchTensors(net), { ...meta, check });
    },
  };
}
