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

/**
 * The V8 heap limit (MB) of a build child, from the size of the dataset it
 * reads; null (Node's default) when that size is unknown (a Sanity store).
 * Left to itself V8 lets the heap of a build grow to several times what it
 * keeps alive before collecting (at 10,000 items: 125 MB alive, 620 MB
 * committed), and the build's peak memory with it. The limit is generous:
 * what stays alive grows with the dataset by far less than 12 times its
 * bytes on disk, and a build that still reaches it is run again without one
 * (run.ts), so a large archive is never refused for it.
 */
export function buildHeapLimitMb(datasetBytes: number | null): number | null {
  if (datasetBytes === null) return null;
  return 512 + Math.ceil((12 * datasetBytes) / 1024 / 1024);
}

/** V8's words when a process dies at its heap limit. */
export const HEAP_LIMIT_ERROR = /heap out of memory|Reached heap limit/i;
