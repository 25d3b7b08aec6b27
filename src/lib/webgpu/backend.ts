/**
 * Which TensorFlow.js backend trains: WebGPU when its adapter is a real GPU; with a software
 * adapter (SwiftShader, a "fallback adapter") one training step is measured on WebGPU and on
 * WebGL and the faster one wins (software WebGPU was 12× slower than WebGL in a reader test),
 * and the caller may remember that choice for the adapter and browser (`rememberKey`) and pass it
 * back, so a second start measures nothing; without WebGPU, WebGL, then the CPU. A forced choice (URL parameter demo-backend) is taken
 * as it is. The outside world (navigator.gpu, tf.setBackend, a timed step) comes in through
 * `BackendEnvironment`, so the decision is tested without a browser.
 */

export type BackendName = 'webgpu' | 'webgl' | 'cpu';
/** Every backend, in the order the automatic choice tries them. */
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'cpu'];

/** What the WebGPU adapter says about itself (GPUAdapterInfo plus the fallback flag). */
export interface AdapterFacts {
  isFallbackAdapter?: boolean;
  vendor?: string;
  architecture?: string;
  description?: string;
}

/** Why the choice went the way it did; the island turns each into a German sentence. */
export type BackendNote =
  | { kind: 'no-webgpu' }
  | { kind: 'no-adapter' }
  | { kind: 'failed'; backend: BackendName; message: string }
  | { kind: 'software-adapter'; ms: Partial<Record<BackendName, number>> }
  /** A software adapter, and the choice measured on an earlier start was taken without measuring again. */
  | { kind: 'remembered'; ms: Partial<Record<BackendName, number>> }
  | { kind: 'forced'; backend: BackendName };

/** The backend that runs and why. */
export interface BackendChoice {
  name: BackendName;
  notes: BackendNote[];
}

/** A measured choice kept for a later start on the same adapter and browser: the winner and the times. */
export interface RememberedChoice {
  name: BackendName;
  ms: Partial<Record<BackendName, number>>;
}

/** The measured choice of `choice`, or null when nothing was measured (a real GPU, a forced backend, a fallback). */
export function measuredChoice(choice: BackendChoice): RememberedChoice | null {
  const note = choice.notes.find((n) => n.kind === 'software-adapter');
  return note && note.kind === 'software-adapter' ? { name: choice.name, ms: note.ms } : null;
}

/** The storage key of a remembered choice: the adapter's facts and the browser (its user agent carries the version). */
export function rememberKey(facts: AdapterFacts, userAgent: string): string {
  return `training-backend:${JSON.stringify([facts.vendor ?? '', facts.architecture ?? '', facts.description ?? '', !!facts.isFallbackAdapter, userAgent])}`;
}

/** A remembered choice read back from storage, or null when `text` is not one (missing, damaged, an unknown backend). */
export function parseRememberedChoice(text: string | null): RememberedChoice | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as RememberedChoice;
    if (!(BACKENDS as readonly string[]).includes(value?.name) || typeof value.ms !== 'object' || value.ms === null) return null;
    return { name: value.name, ms: value.ms };
  } catch {
    return null;
  }
}

/** The facts GPUAdapter tells about itself; GPUAdapterInfo's fields are getters on its prototype, so they are read one by one (a spread sees none). */
export function adapterFacts(adapter: { info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean }): AdapterFacts {
  const info = adapter.info;
  return { isFallbackAdapter: info?.isFallbackAdapter ?? adapter.isFallbackAdapter, vendor: info?.vendor, architecture: info?.architecture, description: info?.description };
}

/** The world the choice looks at and acts on. */
export interface BackendEnvironment {
  /** The WebGPU adapter's facts; 'no-api' without navigator.gpu, null without an adapter. */
  webgpuAdapter(): Promise<AdapterFacts | null | 'no-api'>;
  /** Makes `name` the active backend; resolves false (or throws) when it does not start. */
  activate(name: BackendName): Promise<boolean>;
  /** Milliseconds of one training step (after a warm-up step) on the active backend. */
  measureStep(name: BackendName): Promise<number>;
}

/** Thrown when no backend (or not the forced one) starts; `notes` say why. */
export class BackendError extends Error {
  constructor(readonly notes: BackendNote[]) {
    super(`no TensorFlow.js backend started (${notes.map((n) => ('message' in n ? `${n.backend}: ${n.message}` : n.kind)).join('; ')})`);
    this.name = 'BackendError';
  }
}

/** Reads the URL parameter demo-backend: null = choose automatically. Throws on other values. */
export function parseBackendParam(value: string | null): BackendName | null {
  if (value === null || value === '') return null;
  if ((BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  throw new RangeError(`invalid demo-backend: ${value} (choose ${BACKENDS.join(', ')})`);
}

/** True for an adapter without a GPU behind it: a fallback adapter or SwiftShader. */
export function isSoftwareAdapter(facts: AdapterFacts): boolean {
  if (facts.isFallbackAdapter) return true;
  return /swiftshader|llvmpipe|software|microsoft basic render/i.test([facts.vendor, facts.architecture, facts.description].filter(Boolean).join(' '));
}

/** Starts `name`; a failure becomes a note instead of an exception. */
async function tryActivate(env: BackendEnvironment, name: BackendName, notes: BackendNote[]): Promise<boolean> {
  try {
    if (await env.activate(name)) return true;
    notes.push({ kind: 'failed', backend: name, message: 'did not start' });
  } catch (error) {
    notes.push({ kind: 'failed', backend: name, message: (error as Error)?.message ?? String(error) });
  }
  return false;
}

/** Times one step on `name`, or null (with a note) when it fails. */
async function tryMeasure(env: BackendEnvironment, name: BackendName, notes: BackendNote[]): Promise<number | null> {
  if (!(await tryActivate(env, name, notes))) return null;
  try {
    return await env.measureStep(name);
  } catch (error) {
    notes.push({ kind: 'failed', backend: name, message: (error as Error)?.message ?? String(error) });
    return null;
  }
}

/**
 * Chooses and activates a backend (see the file comment); on a software adapter `remembered`
 * (an earlier start's measured choice) is taken without measuring when it starts. Throws
 * BackendError when none starts.
 */
export async function chooseBackend(env: BackendEnvironment, forced: BackendName | null = null, remembered: RememberedChoice | null = null): Promise<BackendChoice> {
  const notes: BackendNote[] = [];
  if (forced) {
    if (await tryActivate(env, forced, notes)) return { name: forced, notes: [{ kind: 'forced', backend: forced }] };
    throw new BackendError(notes);
  }
  const adapter = await env.webgpuAdapter().catch(() => null);
  if (adapter === 'no-api') notes.push({ kind: 'no-webgpu' });
  else if (adapter === null) notes.push({ kind: 'no-adapter' });
  else if (!isSoftwareAdapter(adapter)) {
    if (await tryActivate(env, 'webgpu', notes)) return { name: 'webgpu', notes };
  } else if (remembered && (await tryActivate(env, remembered.name, notes))) {
    return { name: remembered.name, notes: [...notes, { kind: 'remembered', ms: remembered.ms }] };
  } else {
    const ms: Partial<Record<BackendName, number>> = {};
    for (const name of ['webgpu', 'webgl'] as const) {
      const t = await tryMeasure(env, name, notes);
      if (t !== null) ms[name] = t;
    }
    const measured = (Object.keys(ms) as BackendName[]).sort((a, b) => ms[a]! - ms[b]!);
    for (const name of measured) {
      if (await tryActivate(env, name, notes)) return { name, notes: [...notes, { kind: 'software-adapter', ms }] };
    }
  }
  for (const name of ['webgl', 'cpu'] as const) {
    if (notes.some((n) => n.kind === 'failed' && n.backend === name)) continue;
    if (await tryActivate(env, name, notes)) return { name, notes };
  }
  throw new BackendError(notes);
}

/** What kind of failure an error message describes: the GPU went away, memory ran out, or something else. */
export function classifyFailure(message: string): 'device-lost' | 'out-of-memory' | 'other' {
  if (/device.*lost|lost.*device|context lost/i.test(message)) return 'device-lost';
  if (/out of memory|\bOOM\b|allocat|Failed to create buffer|exceeds the max/i.test(message)) return 'out-of-memory';
  return 'other';
}
