/**
 * German reasons for a model file that could not be read: lib/model/npz.ts and npy.ts throw precise
 * English errors (kept for the console); the reader gets what is wrong with the file and what to do.
 * The file's first bytes tell an image or a cut-off zip apart from any other non-zip content.
 */
import { LOADER } from './model-loader-de';

/** What the first bytes of a file say it is. */
export type FileSniff = 'png' | 'jpeg' | 'gif' | 'zip' | 'other';

const starts = (head: Uint8Array, magic: number[]) => head.length >= magic.length && magic.every((b, i) => head[i] === b);

/** Recognises images and zip archives (a .npz is a zip) by their magic bytes. */
export function sniffFile(head: Uint8Array): FileSniff {
  if (starts(head, [0x89, 0x50, 0x4e, 0x47])) return 'png';
  if (starts(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(head, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (starts(head, [0x50, 0x4b, 0x03, 0x04]) || starts(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  return 'other';
}

/** The German reason for an engine error `message` while loading the file whose bytes begin with `head`. */
export function germanLoadError(message: string, head: Uint8Array): string {
  const t = LOADER.fileErrors;
  const kind = sniffFile(head);
  if (kind === 'png' || kind === 'jpeg' || kind === 'gif') return t.image;
  if (message.includes('not a zip archive')) return kind === 'zip' ? t.truncated : t.notZip;
  if (/broken zip|the archive says/.test(message)) return t.broken;
  if (/zip method \d+ is not supported/.test(message)) return t.method;
  if (message.includes('truncated .npy')) return t.truncated;
  if (/not a \.npy array|unreadable \.npy|unsupported \.npy format/.test(message)) return t.notNpy;
  if (message.includes('Fortran-ordered')) return t.fortran;
  if (message.includes('unsupported dtype')) return t.dtype;
  return t.other;
}
