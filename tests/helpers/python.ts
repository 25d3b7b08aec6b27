/**
 * Debian's Python with PyTorch and torchvision (python3-torch, python3-torchvision), the
 * oracle for the TypeScript ports. Outside CI a missing install skips with a reason; under
 * CI=true it fails, since .ci/run installs it.
 */
import { spawnSync } from 'node:child_process';

const PYTHON = process.env.TORCH_PYTHON || '/usr/bin/python3';

function probe(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import torch, torchvision, PIL; print(torchvision.__version__)'], { encoding: 'utf8' });
  if (r.status === 0) return null;
  const why = `${PYTHON} cannot import torch/torchvision/PIL (apt-get install -y python3-torch python3-torchvision python3-pil)`;
  if (process.env.CI) throw new Error(`CI=true: ${why}\n${r.stderr}`);
  console.warn(`SKIP: ${why}`);
  return why;
}

/** Why the torchvision oracle cannot run here, or null when it can. */
export const torchSkipReason = probe();

/** Runs a Python script with arguments; throws with its stderr on failure. */
export function runPython(script: string, args: string[]): string {
  const r = spawnSync(PYTHON, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout;
}
