/**
 * The mechanics of getting Caltech 101 (Node only): an HTTP(S) download to a file, one zip
 * member copied out with its MD5, a tar.gz unpacked — each with progress and a DatasetError
 * that says what to do.
 *
 * The download uses node:http/node:https, not `fetch`: `fetch` → `Readable.fromWeb` crashes the
 * process with an uncatchable AssertionError in undici's `Parser.finish` when a server closes
 * the connection while the parser is paused under backpressure (undici #5360; seen 3 times in
 * 3 × 20 downloads of a 3.8 MB file from `python3 -m http.server`). Here the body is piped with
 * stream.pipeline, which pauses the socket while the disk is behind.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar';
import yauzl from 'yauzl';
import { DatasetError } from './dataset-error';

/** Progress of a long step, for a terminal bar or a log line. */
export interface Progress {
  step: 'download' | 'verify' | 'extract';
  done: number;
  total?: number;
}

/** The file-system calls that write, replaceable in tests (a fault-injection seam). */
export interface WriteFs {
  createWriteStream: (path: string) => Writable;
  mkdir: (path: string, options?: { recursive?: boolean }) => Promise<unknown>;
}

/** The real file system. */
export const nodeWriteFs: WriteFs = { createWriteStream: (path) => createWriteStream(path), mkdir };

/** A download that receives nothing for this long is given up (a stalled connection never ends by itself). */
export const STALL_SECONDS = 60;
const MAX_REDIRECTS = 10;

const counting = (onChunk: (bytes: number) => void) =>
  new Transform({
    transform(chunk: Buffer, _enc, callback) {
      onChunk(chunk.length);
      callback(null, chunk);
    },
  });

/** Sends a GET and resolves with the response after following redirects. */
function request(url: string, signal: AbortSignal, redirects = 0): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const req = get(url, { signal, headers: { 'user-agent': 'caltech101-tutorial (node)' } }, (res) => {
      const { statusCode = 0, headers } = res;
      if (statusCode >= 300 && statusCode < 400 && headers.location) {
        res.resume(); // drain, so the socket is freed
        if (redirects >= MAX_REDIRECTS) return reject(new Error(`more than ${MAX_REDIRECTS} redirects`));
        return resolve(request(new URL(headers.location, url).href, signal, redirects + 1));
      }
      resolve(res);
    });
    req.on('error', reject);
  });
}

/** Downloads `url` to `path` (through `fs`), with progress; throws a DatasetError on any failure. */
export async function downloadFile(
  url: string,
  path: string,
  fs: WriteFs,
  onProgress?: (p: Progress) => void,
  outer?: AbortSignal,
  stallSeconds = STALL_SECONDS,
) {
  const STALL_MS = stallSeconds * 1000;
  if (!/^https?:\/\//.test(url)) {
    throw new DatasetError(`cannot download Caltech 101 from ${url}: only http:// and https:// addresses work`, 'check CALTECH101_URL');
  }
  const stall = new AbortController();
  const stalled = () => stall.abort(new Error(`no data for ${STALL_MS / 1000} s`));
  let timer = setTimeout(stalled, STALL_MS);
  const signal = outer ? AbortSignal.any([outer, stall.signal]) : stall.signal;
  const reason = (error: unknown) =>
    signal.aborted ? String((signal.reason as Error)?.message ?? signal.reason) : ((error as Error).message || String((error as NodeJS.ErrnoException).code));
  let done = 0;
  try {
    let response: IncomingMessage;
    try {
      response = await request(url, signal);
    } catch (error) {
      throw new DatasetError(
        `could not download Caltech 101 from ${url} (${reason(error)})`,
        'connect to the internet and run again, or set CALTECH101_DIR to an existing copy (a folder that holds 101_ObjectCategories/, e.g. CALTECH101_DIR=../shared/caltech101)',
      );
    }
    if (response.statusCode !== 200) {
      response.resume();
      throw new DatasetError(
        `could not download Caltech 101 from ${url}: HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trimEnd(),
        'check CALTECH101_URL, or set CALTECH101_DIR to an existing copy',
      );
    }
    const total = Number(response.headers['content-length']) || undefined;
    const counter = counting((bytes) => {
      done += bytes;
      clearTimeout(timer);
      timer = setTimeout(stalled, STALL_MS);
      onProgress?.({ step: 'download', done, total });
    });
    let out: Writable;
    try {
      out = fs.createWriteStream(path);
    } catch (error) {
      response.destroy();
      throw error;
    }
    try {
      await pipeline(response, counter, out, { signal });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A local write failure (disk full, read-only …) is not a network problem: let the caller name it.
      if (code && code !== 'ECONNRESET' && code !== 'ABORT_ERR' && code !== 'ERR_STREAM_PREMATURE_CLOSE' && (error as NodeJS.ErrnoException).syscall) throw error;
      throw new DatasetError(`the download from ${url} broke off after ${done} bytes (${reason(error)})`, 'run again');
    }
    if (total !== undefined && done !== total) {
      throw new DatasetError(`the download from ${url} is truncated: ${done} of ${total} bytes`, 'run again');
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Copies one member of a zip file to `dest` and returns its MD5 (hex). */
export async function extractZipMember(zipPath: string, member: string, dest: string, fs: WriteFs, onProgress?: (p: Progress) => void): Promise<string> {
  const corrupt = (why: string) =>
    new DatasetError(`${zipPath} is not a readable zip archive (${why})`, 'the download is truncated or corrupt; run again');
  const zip = await new Promise<yauzl.ZipFile>((ok, fail) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, z) => (err ? fail(corrupt(err.message)) : ok(z!))),
  );
  try {
    const entry = await new Promise<yauzl.Entry | null>((ok, fail) => {
      zip.on('entry', (e: yauzl.Entry) => (e.fileName === member || e.fileName.endsWith('/' + member.split('/').pop()) ? ok(e) : zip.readEntry()));
      zip.on('end', () => ok(null));
      zip.on('error', (err: Error) => fail(corrupt(err.message)));
      zip.readEntry();
    });
    if (!entry) throw new DatasetError(`${zipPath} does not contain ${member}`, 'check CALTECH101_URL');
    const stream = await new Promise<Readable>((ok, fail) => zip.openReadStream(entry, (err, s) => (err ? fail(corrupt(err.message)) : ok(s!))));
    const hash = createHash('md5');
    let done = 0;
    const tee = new Transform({
      transform(chunk: Buffer, _enc, callback) {
        hash.update(chunk);
        done += chunk.length;
        onProgress?.({ step: 'verify', done, total: entry.uncompressedSize });
        callback(null, chunk);
      },
    });
    await pipeline(stream, tee, fs.createWriteStream(dest)).catch((err: NodeJS.ErrnoException) => {
      throw err.syscall ? err : corrupt(err.message); // a write failure stays a file-system error
    });
    return hash.digest('hex');
  } finally {
    zip.close();
  }
}

/** Unpacks `tarPath` (a tar.gz) into `dest`. */
export async function extractTarGz(tarPath: string, dest: string, fs: WriteFs, onProgress?: (p: Progress) => void) {
  await fs.mkdir(dest, { recursive: true });
  const total = (await stat(tarPath)).size;
  let done = 0;
  const counter = counting((bytes) => onProgress?.({ step: 'extract', done: (done += bytes), total }));
  try {
    await pipeline(createReadStream(tarPath), counter, tar.x({ cwd: dest, strict: true }));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOSPC' || e.code === 'EROFS' || e.code === 'EACCES' || e.code === 'EDQUOT') throw error;
    throw new DatasetError(
      `${tarPath.split('/').pop()} could not be unpacked (${e.message})`,
      'the archive is truncated or corrupt; run again to download it anew',
    );
  }
}
