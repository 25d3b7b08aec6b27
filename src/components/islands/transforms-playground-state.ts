/**
 * The transforms playground's behaviour as one pure function: `update(state, event)` returns the
 * next state and the effects the glue carries out (fetch a sample, post to the worker, arm a
 * timeout, terminate the worker). One worker request at a time; while one is in flight only the
 * latest next request waits, so re-rolling fast never queues up work. A worker that crashes or
 * does not answer within WORKER_TIMEOUT_MS is terminated and the reader gets a German message.
 */
import type { ChainName } from '../../lib/transforms';
import { MAX_SEED } from '../../lib/demo/options';
import { PLAYGROUND_FIRST_SEED, sampleId, type PlaygroundLink } from '../../lib/demo/link-specs';
import type { RunRequest } from '../../lib/transforms/playground';
import type { DecodedInfo, FromPlaygroundWorker, RunView, ToPlaygroundWorker } from './transforms-playground-protocol';

/** How long one decode or run may take before the worker counts as hung (a 40-megapixel photo takes a few seconds). */
export const WORKER_TIMEOUT_MS = 45_000;

/** A sample of the data assets, as the select offers it. */
export interface Sample {
  file: string;
  label: string;
}

/** Where the picture comes from: a sample, or the reader's own file. */
export type Source = { kind: 'sample'; sample: Sample } | { kind: 'upload'; name: string };

/** What stands in the alert box (an error), as data; the view words it. */
export type Alert =
  | { code: 'empty' | 'not-an-image' | 'decode-failed' | 'truncated' | 'crashed' | 'timeout' }
  | { code: 'too-large'; width: number; height: number }
  | { code: 'failed'; message: string };

/** A worker request: sent (`id`) or waiting for the one in flight. */
type Job = { type: 'decode'; blob: Blob; source: Source; keepAlert: boolean } | { type: 'run' };

/** Everything the page shows and waits for. */
export interface PlaygroundState {
  recipe: ChainName;
  cropSize: number;
  disabled: string[];
  seed: number;
  /** The chosen sample in the select (kept while an own image is shown, to come back to). */
  sample: Sample;
  /** The decoded picture the runs start from; null until the first decode succeeds (or after a crash). */
  input: (DecodedInfo & { source: Source; preview: ImageBitmap }) | null;
  inFlight: { id: number; job: Job; startedAt: number } | null;
  queued: Job | null;
  nextId: number;
  result: { run: RunView; ms: number } | null;
  alert: Alert | null;
  /** 'loading': a sample is being fetched; 'kept': a refused file left the previous picture standing. */
  activity: 'idle' | 'loading' | 'kept';
  /** The German notices of the link the page was opened with ('' when it was fine or there was none). */
  linkNotices: string;
}

/** What the reader or the worker did; `now` is a timestamp (ms) the glue adds. */
export type PlaygroundEvent = { now?: number } & (
  | { type: 'choose-sample'; sample: Sample; keepAlert?: boolean }
  | { type: 'sample-loaded'; blob: Blob; sample: Sample; keepAlert: boolean }
  | { type: 'sample-failed'; message: string }
  | { type: 'choose-upload'; blob: Blob; name: string }
  | { type: 'set-recipe'; recipe: ChainName }
  | { type: 'set-size'; cropSize: number }
  | { type: 'toggle-step'; key: string; on: boolean }
  | { type: 'reroll' }
  | { type: 'worker'; message: FromPlaygroundWorker }
  | { type: 'worker-error'; message: string }
  | { type: 'timeout'; id: number }
);

/** Data the glue turns into actions. */
export type PlaygroundEffect =
  | { type: 'fetch-sample'; sample: Sample; keepAlert: boolean }
  | { type: 'post'; message: ToPlaygroundWorker }
  | { type: 'arm-timeout'; id: number; ms: number }
  | { type: 'terminate' }
  | { type: 'close-bitmap'; bitmap: ImageBitmap }
  | { type: 'write-link'; link: PlaygroundLink };

/** The state before the first image: the controls' values as the reader left them (or as a link set them, with its seed and notices). */
export function initialState(
  controls: Pick<PlaygroundState, 'recipe' | 'cropSize' | 'disabled' | 'sample'> & Partial<Pick<PlaygroundState, 'seed' | 'linkNotices'>>,
): PlaygroundState {
  const { seed = PLAYGROUND_FIRST_SEED, linkNotices = '', ...rest } = controls;
  return { ...rest, seed, linkNotices, input: null, inFlight: null, queued: null, nextId: 1, result: null, alert: null, activity: 'idle' };
}

/** What the playground's link holds for `s`: the sample (also while an own image is shown, which no link can carry), recipe, size, steps off, seed. */
export const linkOfPlayground = (s: PlaygroundState): PlaygroundLink => ({
  image: sampleId(s.sample.file),
  recipe: s.recipe,
  size: s.cropSize,
  off: [...s.disabled],
  seed: s.seed,
});

type Step = { state: PlaygroundState; effects: PlaygroundEffect[] };

/** Sends `job` now, or lets it wait for the request in flight (a later job replaces a waiting one; a decode beats a run). */
function submit(s: PlaygroundState, job: Job, now: number): Step {
  if (job.type === 'run' && !s.input && !(s.inFlight?.job.type === 'decode')) return { state: s, effects: [] };
  if (s.inFlight) {
    const queued = s.queued?.type === 'decode' && job.type === 'run' ? s.queued : job;
    return { state: { ...s, queued }, effects: [] };
  }
  const id = s.nextId;
  const message: ToPlaygroundWorker =
    job.type === 'decode' ? { type: 'decode', id, blob: job.blob } : { type: 'run', id, request: requestOf(s) };
  return {
    state: { ...s, nextId: id + 1, inFlight: { id, job, startedAt: now } },
    effects: [{ type: 'post', message }, { type: 'arm-timeout', id, ms: WORKER_TIMEOUT_MS }],
  };
}

/** What the worker computes for the current controls. */
export const requestOf = (s: PlaygroundState): RunRequest => ({ recipe: s.recipe, cropSize: s.cropSize, disabled: [...s.disabled], seed: s.seed });

/** Ends the request in flight and sends the waiting one, if any. */
function next(s: PlaygroundState, now: number, effects: PlaygroundEffect[] = []): Step {
  const done = { ...s, inFlight: null, queued: null };
  const sent = s.queued ? submit(done, s.queued, now) : { state: done, effects: [] };
  return { state: sent.state, effects: [...effects, ...sent.effects] };
}

/** The playground's one transition function; a change of what the link holds adds a 'write-link' effect. */
export function update(s: PlaygroundState, event: PlaygroundEvent): Step {
  const next = transition(s, event);
  const link = linkOfPlayground(next.state);
  if (JSON.stringify(link) === JSON.stringify(linkOfPlayground(s))) return next;
  return { state: next.state, effects: [...next.effects, { type: 'write-link', link }] };
}

function transition(s: PlaygroundState, event: PlaygroundEvent): Step {
  const now = event.now ?? 0;
  switch (event.type) {
    case 'choose-sample':
      return { state: { ...s, sample: event.sample, activity: 'loading' }, effects: [{ type: 'fetch-sample', sample: event.sample, keepAlert: !!event.keepAlert }] };
    case 'sample-loaded':
      if (event.sample.file !== s.sample.file) return { state: s, effects: [] }; // a later choice overtook it
      return submit({ ...s, activity: 'idle' }, { type: 'decode', blob: event.blob, source: { kind: 'sample', sample: event.sample }, keepAlert: event.keepAlert }, now);
    case 'sample-failed':
      return { state: { ...s, activity: 'idle', alert: { code: 'failed', message: event.message } }, effects: [] };
    case 'choose-upload':
      return submit({ ...s, activity: 'idle' }, { type: 'decode', blob: event.blob, source: { kind: 'upload', name: event.name }, keepAlert: false }, now);
    case 'set-recipe':
      return submit({ ...s, recipe: event.recipe }, { type: 'run' }, now);
    case 'set-size':
      return submit({ ...s, cropSize: event.cropSize }, { type: 'run' }, now);
    case 'toggle-step': {
      const disabled = s.disabled.filter((k) => k !== event.key).concat(event.on ? [] : [event.key]);
      return submit({ ...s, disabled }, { type: 'run' }, now);
    }
    case 'reroll':
      return submit({ ...s, seed: s.seed === MAX_SEED ? 0 : s.seed + 1 }, { type: 'run' }, now);
    case 'timeout':
    case 'worker-error': {
      if (event.type === 'timeout' && s.inFlight?.id !== event.id) return { state: s, effects: [] }; // answered in time
      // The worker held the decoded picture; a fresh one starts with the reader's next choice.
      const effects: PlaygroundEffect[] = [{ type: 'terminate' }];
      if (s.input) effects.push({ type: 'close-bitmap', bitmap: s.input.preview });
      const alert: Alert = { code: event.type === 'timeout' ? 'timeout' : 'crashed' };
      return { state: { ...s, input: null, inFlight: null, queued: null, result: null, alert, activity: 'idle' }, effects };
    }
    case 'worker':
      return reply(s, event.message, now);
  }
}

/** A worker reply to the request in flight (replies to anything else are stale and dropped). */
function reply(s: PlaygroundState, m: FromPlaygroundWorker, now: number): Step {
  const flight = s.inFlight;
  if (!flight || flight.id !== m.id) return { state: s, effects: [] };
  if (m.type === 'ran') return next({ ...s, result: { run: m.result, ms: now - flight.startedAt } }, now);
  if (flight.job.type !== 'decode') {
    // A failed run: say so and keep what is shown.
    return next(m.type === 'failed' ? { ...s, alert: { code: 'failed', message: m.message } } : s, now);
  }
  const job = flight.job;
  if (m.type === 'failed') {
    const alert: Alert =
      m.code === 'internal' ? { code: 'failed', message: m.message }
      : m.code === 'too-large' && m.header ? { code: 'too-large', width: m.header.width, height: m.header.height }
      : { code: m.code === 'too-large' ? 'decode-failed' : m.code };
    const failed = { ...s, alert, activity: s.input ? ('kept' as const) : ('idle' as const) };
    // A refused first file: the chosen sample stands in, the alert stays.
    if (!s.input && job.source.kind === 'upload' && !s.queued) return next(failed, now, [{ type: 'fetch-sample', sample: s.sample, keepAlert: true }]);
    return next(failed, now);
  }
  if (m.type !== 'decoded') return next(s, now);
  const { type: _t, id: _i, preview, ...info } = m;
  const effects: PlaygroundEffect[] = s.input ? [{ type: 'close-bitmap', bitmap: s.input.preview }] : [];
  // Only a damaged file is an alert; other facts about the image are hints (the view reads them from `input`).
  const alert: Alert | null = info.header.truncated ? { code: 'truncated' } : job.keepAlert ? s.alert : null;
  const decoded = { ...s, input: { ...info, preview, source: job.source }, alert, activity: 'idle' as const, inFlight: null };
  const ran = submit({ ...decoded, queued: null }, s.queued ?? { type: 'run' }, now);
  return { state: ran.state, effects: [...effects, ...ran.effects] };
}
