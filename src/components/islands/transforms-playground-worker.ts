/**
 * The transforms playground's worker: decodes uploads and samples and runs the chain, so a
 * 12-megapixel photo never blocks the page. Glue only: the work is `decodeImageBlob` and
 * `computeRun`; every failure is answered with 'failed' (the page also watches for a crash and a timeout).
 */
import { decodeImageBlob, ImageInputError } from '../../lib/transforms/decode-browser';
import type { RGBAImage } from '../../lib/transforms';
import { computeRun, type RunMemo } from '../../lib/transforms/playground';
import { PREVIEW_SIDE, type FromPlaygroundWorker, type StepView, type ToPlaygroundWorker } from './transforms-playground-protocol';

let source: RGBAImage | null = null;
/** Results of the leading pure steps (RGB, Resize) for the current source and its all-white twin. */
let memo: RunMemo = { source: new Map(), white: new Map() };
/** Each step's image as last sent to the page: a kept one is not sent again. */
let sent = new Map<string, RGBAImage | null>();
/** Scaled-down copies of large step results, made once per image. */
const previews = new WeakMap<RGBAImage, RGBAImage>();

/** `image` at most PREVIEW_SIDE on its longest side, as pixels the page can draw (kept for the next run). */
async function smallCopyOf(image: RGBAImage): Promise<RGBAImage> {
  let small = previews.get(image);
  if (!small) {
    const bitmap = await previewOf(image);
    const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    small = { width: bitmap.width, height: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
    bitmap.close();
    previews.set(image, small);
  }
  return small;
}

/** `image` scaled so its longest side is at most PREVIEW_SIDE, as a bitmap for the page to draw. */
function previewOf(image: RGBAImage): Promise<ImageBitmap> {
  const { width, height } = image;
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(width, height));
  return createImageBitmap(new ImageData(new Uint8ClampedArray(image.data), width, height), {
    resizeWidth: Math.max(1, Math.round(width * scale)),
    resizeHeight: Math.max(1, Math.round(height * scale)),
    resizeQuality: scale < 1 ? 'medium' : 'pixelated',
  });
}
const post = (message: FromPlaygroundWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async ({ data: m }: MessageEvent<ToPlaygroundWorker>) => {
  try {
    if (m.type === 'decode') {
      const decoded = await decodeImageBlob(m.blob);
      source = decoded.image;
      memo = { source: new Map(), white: new Map() };
      sent = new Map();
      const { width, height } = source;
      const preview = await previewOf(source);
      post({ type: 'decoded', id: m.id, width, height, header: decoded.header, hadAlpha: decoded.hadAlpha, orientation: decoded.orientation, preview }, [preview]);
    } else {
      if (!source) throw new Error('no image decoded yet');
      const { steps, ...result } = computeRun(source, m.request, memo);
      const views: StepView[] = [];
      for (const { key, name, draw, image } of steps) {
        let pixels: StepView['pixels'] = null;
        if (image && sent.get(key) === image) pixels = 'unchanged';
        else if (image && Math.max(image.width, image.height) > PREVIEW_SIDE) pixels = await smallCopyOf(image);
        else pixels = image; // copied, not transferred: the memo may hold it for the next run
        sent.set(key, image);
        views.push({ key, name, draw, width: image?.width ?? 0, height: image?.height ?? 0, pixels });
      }
      post({ type: 'ran', id: m.id, result: { ...result, steps: views } });
    }
  } catch (error) {
    const e = error as Error;
    post(
      error instanceof ImageInputError
        ? { type: 'failed', id: m.id, code: error.code, header: error.header, message: e.message }
        : { type: 'failed', id: m.id, code: 'internal', header: null, message: e.message },
    );
  }
};
