/**
 * Input sizes the site offers and the resize each one needs. The original chain is
 * Resize(256) → augmentation → CenterCrop(224); for a crop size s the site scales it to
 * Resize(round(s · 256 / 224)) → augmentation → CenterCrop(s), so s = 224 is the original.
 */

/** Crop sizes (model input sizes) the site offers; 224 is the original's. */
export const CROP_SIZES = [16, 32, 64, 128, 224] as const;
/** One of CROP_SIZES. */
export type CropSize = (typeof CROP_SIZES)[number];

/** Side length the image is resized to before the crop: round(s · 256 / 224) (no ties occur for CROP_SIZES). */
export function resizeFor(cropSize: number): number {
  if (!Number.isInteger(cropSize) || cropSize < 1) {
    throw new RangeError(`invalid crop size: ${cropSize} (choose ${CROP_SIZES.join(', ')})`);
  }
  return Math.round((cropSize * 256) / 224);
}
