/**
 * A decode worker thread: receives `{ id, folder, paths, size }`, answers `{ id, bytes }` with
 * the images decoded and resized (decode-node.ts) one after the other, or `{ id, error }`.
 * Started by images-node.ts, one per core.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { decodeResized } from './decode-node';

/** A task: decode `paths` at `size` px. */
export interface DecodeTask {
  id: number;
  folder: string;
  paths: string[];
  size: number;
}

sharp.concurrency(1); // one core per worker: the workers are the parallelism
parentPort?.on('message', async ({ id, folder, paths, size }: DecodeTask) => {
  try {
    const bytes = new Uint8Array(paths.length * size * size * 3);
    for (const [k, path] of paths.entries()) await decodeResized(folder, path, size, bytes, k * size * size * 3);
    parentPort!.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
