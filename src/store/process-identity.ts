// Tells a running process from a reused PID (Linux /proc): the boot id and the process's start time in
// clock ticks since boot (/proc/<pid>/stat field 22). Elsewhere both are undefined and only liveness is known.
import { readFileSync } from 'node:fs';

/** This machine's boot id, or undefined without /proc. */
export function currentBootId(): string | undefined {
  return readSmall('/proc/sys/kernel/random/boot_id')?.trim() || undefined;
}

/** When process `pid` started (ticks since boot), or undefined if it is gone or there is no /proc. */
export function processStartTicks(pid: number): string | undefined {
  const stat = readSmall(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // Field 2 is the command name in parentheses and may itself hold spaces or ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so field 22 is fields[19].
  const ticks = fields[19];
  return ticks !== undefined && /^\d+$/.test(ticks) ? ticks : undefined;
}

/** Whether a process with this PID exists (of any user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readSmall(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
