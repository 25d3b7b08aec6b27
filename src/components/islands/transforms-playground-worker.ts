/**
 * The transforms playground's worker: decodes uploads and samples and runs the chain, so a
 * 12-megapixel photo never blocks the page. Glue only: the work is `decodeImageBlob` and
 * `computeRun`.
 */
import { decodeImageBlob, ImageInputError } from '../../lib/transforms/decode-browser';
import type { RGBAImage } from '../../lib/transforms';
import { computeRun } from './transforms-playground-chain';
import { PREVIEW_SIDE, type FromPlaygroundWorker, type StepView, type ToPlaygroundWorker } from './transforms-playground-protocol';

let source: RGBAImage | null = null;

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
      const { width, height } = source;
      const preview = await previewOf(source);
      post({ type: 'decoded', id: m.id, width, height, header: decoded.header, hadAlpha: decoded.hadAlpha, orientation: decoded.orientation, preview }, [preview]);
    } else {
      if (!source) throw new Error('no image decoded yet');
      const { steps, ...result } = computeRun(source, m.request);
      const transfer = new Set<Transferable>();
      const views: StepView[] = [];
      for (const { key, name, note, image } of steps) {
        let pixels: StepView['pixels'] = null;
        if (image && Math.max(image.width, image.height) > PREVIEW_SIDE) transfer.add((pixels = await previewOf(image)));
        else if (image) {
          pixels = image;
          if (image.data.buffer !== source.data.buffer) transfer.add(image.data.buffer as ArrayBuffer);
        }
        views.push({ key, name, note, width: image?.width ?? 0, height: image?.height ?? 0, pixels });
      }
      post({ type: 'ran', id: m.id, result: { ...result, steps: views } }, [...transfer]);
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
