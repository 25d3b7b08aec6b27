/** Messages between the transforms playground and its worker (which decodes and runs the chain off the main thread). */
import type { ImageHeader } from '../../lib/transforms/header';
import type { ImageInputError } from '../../lib/transforms/decode-browser';
import type { RGBAImage, StepDraw } from '../../lib/transforms';
import type { RunRequest, RunResult } from '../../lib/transforms/playground';

/**
 * One step as the page draws it: its true size, what it did, and its pixels — exact when the image is at most
 * PREVIEW_SIDE on its longest side, else a scaled-down copy (a 12-megapixel intermediate would
 * block the page while it is copied and drawn). The input arrives as a bitmap with 'decoded'.
 */
export interface StepView {
  key: string;
  name: string;
  /** null: the reader switched the step off. */
  draw: StepDraw | null;
  width: number;
  height: number;
  /** 'unchanged': the very image of the previous run (a kept Resize), which the page still shows. */
  pixels: RGBAImage | ImageBitmap | 'unchanged' | null;
}

/** A run as it travels to the page: the step images replaced by their views. */
export type RunView = Omit<RunResult, 'steps'> & { steps: StepView[] };

/** Page → worker: decode an image (it becomes the source of every later run), or run the chain on it. */
export type ToPlaygroundWorker = { type: 'decode'; id: number; blob: Blob } | { type: 'run'; id: number; request: RunRequest };

/** What the worker learnt from a decoded image, beside its pixels. */
export interface DecodedInfo {
  width: number;
  height: number;
  header: ImageHeader;
  hadAlpha: boolean;
  orientation: number;
}

/** Worker → page. `preview` is the decoded input, scaled down to at most PREVIEW_SIDE for display. */
export type FromPlaygroundWorker =
  | ({ type: 'decoded'; id: number; preview: ImageBitmap } & DecodedInfo)
  | { type: 'ran'; id: number; result: RunView }
  | { type: 'failed'; id: number; code: ImageInputError['code'] | 'internal'; header: ImageHeader | null; message: string };

/** Longest side of the input picture the page draws (the chain itself always runs on the full image). */
export const PREVIEW_SIDE = 640;
