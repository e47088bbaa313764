import { readdirSync, readFileSync } from 'node:fs';

// Peak memory of a process and everything it starts (Astro's build, Pagefind's
// binary), sampled from /proc. Linux only; elsewhere the peak is null.

function readRssKb(pid: string): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // exited between listing and reading
  }
}

function parentOf(pid: string): string | null {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? null;
  } catch {
    return null;
  }
}

/** Resident memory of the `rootPids` and all their descendants now, in bytes. */
export function treeRssBytes(rootPids: readonly number[]): number {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const children = new Map<string, string[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(pid);
    else children.set(parent, [pid]);
  }
  let total = 0;
  const queue = rootPids.map(String);
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += readRssKb(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total * 1024;
}

/**
 * Samples the memory of the processes `rootPids()` names (asked at each
 * sample: steps that run side by side add up) and their descendants every
 * `intervalMs` until `stop()`; returns the peak seen, or null off Linux.
 */
export function samplePeakRss(rootPids: () => readonly number[], intervalMs = 100): { stop: () => number | null } {
  if (process.platform !== 'linux') return { stop: () => null };
  let peak = treeRssBytes(rootPids());
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssBytes(rootPids()));
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
