/**
 * Which images the site's data assets hold (pure planning; assets-node.ts does the writing):
 * originals for the transforms playground, a pool for the batch preview, and the demo
 * subset for training in the browser at every offered input size.
 */
import { imagePath, type DatasetIndex } from './caltech101';
import type { Split } from './split';
import { CROP_SIZES, resizeFor } from '../transforms/sizes';

/** Parameters of the asset plan; part of the assets' hash. */
export const ASSET_PLAN = {
  seed: 0,
  trainFraction: 0.8,
  /** Originals shown in the transforms chapter and the data-set gallery (grey, narrow, wide, …); a missing file falls back to its class's first. */
  samples: [
    'accordion/image_0001.jpg',
    'car_side/image_0001.jpg',
    'flamingo/image_0002.jpg',
    'panda/image_0005.jpg',
    'Faces/image_0163.jpg',
    'Leopards/image_0001.jpg',
    'yin_yang/image_0001.jpg',
    'airplanes/image_0001.jpg',
    'inline_skate/image_0001.jpg', // the smallest class (31 images), for the gallery in "Der Datensatz"
  ],
  /** Training images for the batch preview, at this crop size. */
  previewImages: 256,
  previewCropSize: 64,
  /** Ten classes that look different from each other and have at least 85 images. */
  demoClasses: ['airplanes', 'Motorbikes', 'Faces_easy', 'Leopards', 'watch', 'bonsai', 'car_side', 'ketch', 'chandelier', 'sunflower'],
  demoTrainPerClass: 40,
  demoValPerClass: 10,
  /** The 224 × 224 set (the original's size) is large; it holds fewer images and loads only on request. */
  fullTrainPerClass: 16,
  fullValPerClass: 4,
  imagesPerShard: 128,
  shardColumns: 16,
  /** Every image of the chapters' split (src/data/splits/chapters.json) at these crop sizes: the 101-class demo. */
  allSizes: [32, 64],
} as const;

/** One planned image set: dataset positions (into index.images) stored at `size` px. */
export interface PlannedSet {
  id: string;
  cropSize: number;
  size: number;
  positions: number[];
  subset: ('train' | 'val')[];
}

/** Which images become which demo assets: sample images, demo classes and the planned sets. */
export interface AssetPlan {
  samples: { source: string; position: number }[];
  demoClasses: number[];
  sets: PlannedSet[];
}

/**
 * Plans the assets for a data-set index and its split; with `chapters` (the chapters' split)
 * also the all-N sets: every image, training images first, each part in split order.
 */
export function planAssets(index: DatasetIndex, split: Split, plan = ASSET_PLAN, chapters: Split | null = null): AssetPlan {
  const byPath = new Map(index.images.map((entry, i) => [imagePath(index, entry), i]));
  const samples = plan.samples.map((wanted) => {
    const position = byPath.get(wanted) ?? index.images.findIndex((e) => index.classes[e.label] === wanted.split('/')[0]);
    return { source: imagePath(index, index.images[position]), position };
  });
  const demoClasses = plan.demoClasses.map((name) => index.classes.indexOf(name));
  const pick = (positions: number[], label: number, n: number) => positions.filter((p) => index.images[p].label === label).slice(0, n);
  const demo = (trainPer: number, valPer: number) => {
    const positions: number[] = [];
    const subset: ('train' | 'val')[] = [];
    for (const label of demoClasses) {
      for (const p of pick(split.train, label, trainPer)) positions.push(p), subset.push('train');
      for (const p of pick(split.val, label, valPer)) positions.push(p), subset.push('val');
    }
    return { positions, subset };
  };
  const preview = split.train.slice(0, plan.previewImages);
  const sets: PlannedSet[] = [
    {
      id: `preview-${plan.previewCropSize}`,
      cropSize: plan.previewCropSize,
      size: resizeFor(plan.previewCropSize),
      positions: preview,
      subset: preview.map(() => 'train' as const),
    },
    ...CROP_SIZES.map((cropSize) => ({
      id: `demo-${cropSize}`,
      cropSize,
      size: resizeFor(cropSize),
      ...(cropSize === 224 ? demo(plan.fullTrainPerClass, plan.fullValPerClass) : demo(plan.demoTrainPerClass, plan.demoValPerClass)),
    })),
    ...(chapters ? plan.allSizes.map((cropSize) => allSet(cropSize, chapters)) : []),
  ];
  return { samples, demoClasses, sets };
}

/** The set `all-<cropSize>`: every image of `chapters`, its training images first. */
function allSet(cropSize: number, chapters: Split): PlannedSet {
  const positions = [...chapters.train, ...chapters.val];
  const subset = positions.map((_, i) => (i < chapters.train.length ? ('train' as const) : ('val' as const)));
  return { id: `all-${cropSize}`, cropSize, size: resizeFor(cropSize), positions, subset };
}
