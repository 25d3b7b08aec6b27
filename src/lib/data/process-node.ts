/**
 * Is the process that left a lock or a temporary folder still the same, running process?
 * A pid alone cannot say: after a crash and a reboot (or enough new processes) the number is
 * reused by an unrelated program. On Linux /proc tells when a process started, so a pid whose
 * process started after the file was written is not its writer.
 */
import { readFileSync } from 'node:fs';

/** Whether a process with `pid` exists (EPERM: it exists, it belongs to someone else). */
export function pidExists(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The start time of process `pid` in clock ticks since boot (field 22 of /proc/PID/stat), or null where unknown. */
export function processStartTicks(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** When process `pid` started (ms since the epoch), or null where /proc cannot tell. */
export function processStartMs(pid: number): number | null {
  const ticks = processStartTicks(pid);
  if (ticks === null) return null;
  try {
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    // Linux reports these in USER_HZ, which is 100 on every architecture Node runs on.
    return Number.isFinite(btime) ? btime * 1000 + Number(ticks) * 10 : null;
  } catch {
    return null;
  }
}

/**
 * Whether something written at `writtenMs` by process `pid` (whose start ticks were `startTicks`,
 * if recorded) was left by a process that is gone: the pid is free, or now names a process that
 * started later than recorded or after the file was written.
 */
export function leftByDeadProcess(pid: number, writtenMs: number, startTicks?: string | null): boolean {
  if (!pidExists(pid)) return true;
  if (startTicks) {
    const now = processStartTicks(pid);
    if (now !== null) return now !== startTicks;
  }
  const started = processStartMs(pid);
  // 2 s of slack: the boot time and the tick count are rounded.
  return started !== null && started > writtenMs + 2000;
}
