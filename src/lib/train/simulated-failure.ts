/**
 * The training demo's test hook (URL parameter demo-simulate): failures the island must survive,
 * thrown after a batch as the GPU would throw them. Kept apart so the link table can name them
 * without loading the training code.
 */

/** The failure messages by name, worded as the browser's own. */
export const SIMULATED_FAILURES: Readonly<Record<string, string>> = {
  'device-lost': 'GPU device was lost (simulated for a test)',
  'out-of-memory': 'Failed to create buffer: out of memory (simulated for a test)',
};

/** Throws the simulated failure `name` names (called after a batch); does nothing for none or an unknown name. */
export function simulatedFailure(name: string | undefined): void {
  if (name && Object.hasOwn(SIMULATED_FAILURES, name)) throw new Error(SIMULATED_FAILURES[name]);
}
