/**
 * The one error type of the data step, and the translation of file-system failures (disk full,
 * read-only, a folder where a file belongs …) into it: one line that says what is wrong and one
 * that says what to do, never a raw stack.
 */

/** An error a person can act on: `message` says what is wrong, `hint` what to do. */
export class DatasetError extends Error {
  constructor(message: string, readonly hint?: string) {
    super(hint ? `${message}\n  → ${hint}` : message);
    this.name = 'DatasetError';
  }
}

/** What each file-system error code means here, and what to do about it. */
const FS_ERRORS: Record<string, { what: string; hint: string }> = {
  ENOSPC: { what: 'no space left on the device', hint: 'free some space (the download needs about 1 GB while unpacking) and run again' },
  EDQUOT: { what: 'disk quota exceeded', hint: 'free some space within your quota and run again' },
  EROFS: { what: 'the file system is read-only', hint: 'run from a writable copy of the project, or set CALTECH101_DIR to an existing copy of the data set' },
  EACCES: { what: 'permission denied', hint: 'check the permissions of this path (or run as the user who owns the project)' },
  EPERM: { what: 'operation not permitted', hint: 'check the permissions of this path (or run as the user who owns the project)' },
  EISDIR: { what: 'a folder is in the way where a file belongs', hint: 'remove or rename that folder and run again' },
  ENOTDIR: { what: 'a file is in the way where a folder belongs', hint: 'remove or rename that file and run again' },
  EEXIST: { what: 'something is already in the way', hint: 'remove or rename it and run again' },
  ENOTEMPTY: { what: 'a folder that should be replaced is not empty', hint: 'remove that folder and run again' },
  EMFILE: { what: 'too many open files', hint: 'raise the limit (ulimit -n 4096) and run again' },
  ENFILE: { what: 'too many open files in the system', hint: 'close other programs and run again' },
  EIO: { what: 'an input/output error (a failing disk or network drive)', hint: 'check the disk and run again' },
  ENOENT: { what: 'a file or folder vanished while in use', hint: 'make sure nothing else deletes files in the project or the data set, and run again' },
};

/**
 * `error` as a DatasetError: itself if it is one; a file-system error named by its code, path and
 * `doing` (e.g. "writing the data assets"); anything else with its message only.
 */
export function toDatasetError(error: unknown, doing = 'preparing the data'): DatasetError {
  if (error instanceof DatasetError) return error;
  const e = error as NodeJS.ErrnoException & { dest?: string };
  const known = typeof e?.code === 'string' ? FS_ERRORS[e.code] : undefined;
  const where = e?.path ? ` at ${e.dest ? `${e.path} → ${e.dest}` : e.path}` : '';
  if (known) return new DatasetError(`${doing} failed: ${known.what} (${e.code}${where})`, known.hint);
  const message = String(e?.message ?? error).split('\n')[0];
  return new DatasetError(`${doing} failed: ${message}`, 'run again; if it fails the same way, report it with this message (DEBUG=1 shows the stack)');
}
