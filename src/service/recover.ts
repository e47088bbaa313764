import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DATASET_FILE } from '../lib/content/local.ts';
import { buildsDirOf, currentBuild } from '../lib/site/build/output.ts';
import { isProcessAlive } from './state.ts';

// What a start finds after a crash or `kill -9`, and cleans up. The dataset is
// always whole (it is written to a temporary file and renamed), and the site
// folder always links a complete build; what can be left over is a build
// folder that never got published, the link being renamed over the site
// folder, write-file-atomic's temporary file, and the lock of an ingest that
// died holding it.

export const SERVICE_PID_FILE = 'service.pid';

/** Build folders that were never published: started after the build the site folder links to (all of them when none is linked). */
export function unfinishedBuilds(entries: readonly string[], current: string | null): string[] {
  const currentName = current === null ? null : path.basename(current);
  // `cache` is Astro's incremental cache (output.ts): a build that did not finish marks it, and the next build renders everything.
  return entries.filter((entry) => entry !== 'node_modules' && entry !== 'cache' && entry !== currentName && (currentName === null || entry > currentName));
}

/** Removes what a killed build left beside the site folder; returns what it removed. */
export async function removeUnfinishedBuilds(outDir: string): Promise<string[]> {
  const removed: string[] = [];
  const builds = buildsDirOf(outDir);
  const current = currentBuild(outDir);
  if (existsSync(builds)) {
    for (const entry of unfinishedBuilds(await readdir(builds), current !== null && path.dirname(current) === builds ? current : null)) {
      await rm(path.join(builds, entry), { recursive: true, force: true });
      removed.push(path.join(builds, entry));
    }
  }
  const parent = path.dirname(outDir);
  const nextLink = `.${path.basename(outDir)}.next-`;
  for (const entry of existsSync(parent) ? await readdir(parent) : []) {
    if (entry.startsWith(nextLink)) {
      await rm(path.join(parent, entry), { force: true });
      removed.push(path.join(parent, entry));
    }
  }
  return removed;
}

export type DataFolderClaim = { ok: true; recovered: string[] } | { ok: false; message: string };

/**
 * Claims the data folder for this service: refuses when another live service
 * has it; after a service that died (its pid gone), removes the dataset lock
 * it held and write-file-atomic's leftovers. Only a service's own lock is
 * taken over this way: a plain `npm run ingest` killed mid-write leaves a lock
 * that goes stale on its own after two minutes.
 */
export async function claimDataFolder(dataDir: string, pid = process.pid): Promise<DataFolderClaim> {
  const pidFile = path.join(dataDir, SERVICE_PID_FILE);
  const recovered: string[] = [];
  const previous = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (Number.isInteger(previous) && previous > 0 && previous !== pid) {
    if (isProcessAlive(previous)) return { ok: false, message: `${dataDir}: another service (pid ${previous}) runs on this data folder` };
    const lock = path.join(dataDir, `${DATASET_FILE}.lock`);
    if (existsSync(lock)) {
      await rm(lock, { recursive: true, force: true });
      recovered.push(lock);
    }
    for (const entry of await readdir(dataDir)) {
      // write-file-atomic's temporary files: dataset.ndjson.<number>.
      if (/^dataset\.ndjson\.\d+$/.test(entry) && (await stat(path.join(dataDir, entry))).isFile()) {
        await rm(path.join(dataDir, entry), { force: true });
        recovered.push(path.join(dataDir, entry));
      }
    }
  }
  await writeFile(pidFile, `${pid}\n`);
  return { ok: true, recovered };
}

/** Gives the data folder up on a clean stop. */
export async function releaseDataFolder(dataDir: string, pid = process.pid): Promise<void> {
  const pidFile = path.join(dataDir, SERVICE_PID_FILE);
  const recorded = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (recorded === pid) await rm(pidFile, { force: true });
}
