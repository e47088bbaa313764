import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { mkdir, readdir, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';

// Where a build goes and how it replaces the site a server is serving.
//
// The site folder (`dist`, or `--out DIR`) is a symbolic link to one complete
// build in a hidden sibling folder (`.dist-builds/<stamp>`). A build writes
// into a fresh folder there; only when Astro and the search index have both
// succeeded is the link replaced, by renaming a new link over it (rename(2)
// is atomic). A reader, or the server, sees the old site or the new one,
// never a half-written or missing one, and a failed build changes nothing.
// The server resolves every file through the link (see serve/), so it serves
// the new build from the next request on without restarting.

/** The hidden sibling folder holding the builds of a site folder. */
export const buildsDirOf = (outDir: string): string => path.join(path.dirname(outDir), `.${path.basename(outDir)}-builds`);

/**
 * Astro's cache for incremental builds (`cacheDir`: its record of the last
 * build's pages and keys; the pages themselves are the published build's,
 * linkedCache.ts), beside the builds so that
 * every build of this site folder finds the previous one's, wherever its own
 * folder is. Never removed with old builds.
 */
export const cacheDirOf = (outDir: string): string => path.join(buildsDirOf(outDir), 'cache');

/** Written into the cache when a build starts and removed when that build is published: a build that finds it renders everything. */
export const INCOMPLETE_MARKER = 'build-incomplete';

const isInside = (child: string, parent: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/**
 * A fresh, empty build folder beside the site folder. Outside the project
 * the built server cannot find the project's packages by walking up, so the
 * builds folder gets a `node_modules` link to them (for the build, which
 * empties its output folder first), and so does each build once published
 * (for the server, which resolves through the site folder's link).
 */
export async function createBuildDir(outDir: string, root: string): Promise<string> {
  const builds = buildsDirOf(outDir);
  await mkdir(builds, { recursive: true });
  await linkPackages(builds, root);
  const stamp = `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const dir = path.join(builds, stamp);
  await mkdir(dir);
  await linkPackages(dir, root);
  return dir;
}

async function linkPackages(buildDir: string, root: string): Promise<void> {
  if (isInside(buildDir, root)) return;
  const link = path.join(buildDir, 'node_modules');
  if (!existsSync(link)) await symlink(path.join(root, 'node_modules'), link, 'dir');
}

/** What the site folder points at now: the build folder, or null when there is none or it is a plain folder. */
export function currentBuild(outDir: string): string | null {
  try {
    if (!lstatSync(outDir).isSymbolicLink()) return null;
    return path.resolve(path.dirname(outDir), readlinkSync(outDir));
  } catch {
    return null;
  }
}

/**
 * Points the site folder at a finished build, atomically, and removes builds
 * older than the one it replaces (the previous build stays, so a response
 * already streaming from it finishes and an operator can roll back by hand).
 * A site folder that is still a plain folder (built before builds were
 * swapped) is moved into the builds folder first: the one moment it is absent.
 */
export async function publishBuild(outDir: string, buildDir: string, root: string): Promise<void> {
  await linkPackages(buildDir, root);
  const builds = buildsDirOf(outDir);
  const previous = currentBuild(outDir);
  if (previous === null && existsSync(outDir)) await rename(outDir, path.join(builds, `legacy-${Date.now()}`));
  const next = path.join(path.dirname(outDir), `.${path.basename(outDir)}.next-${process.pid}`);
  await rm(next, { force: true });
  // Relative, so the project folder can be moved without breaking the link.
  await symlink(path.relative(path.dirname(outDir), buildDir), next, 'dir');
  await rename(next, outDir);
  // Folder names start with their start time: older than the previous build means superseded twice.
  // A build still running (started later) is never touched.
  const previousName = previous !== null && path.dirname(previous) === builds ? path.basename(previous) : null;
  for (const entry of await readdir(builds)) {
    const dir = path.join(builds, entry);
    if (dir === buildDir || dir === previous || entry === 'node_modules' || entry === 'cache') continue;
    if (entry.startsWith('legacy-') || (previousName !== null && entry < previousName)) await rm(dir, { recursive: true, force: true });
  }
}

/** Removes a build that failed; the site folder still points at the last good one. */
export async function discardBuild(buildDir: string): Promise<void> {
  await rm(buildDir, { recursive: true, force: true });
}

/** Removes a site folder and all its builds (the bench and tests clean up with it). */
export async function removeSite(outDir: string): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await rm(buildsDirOf(outDir), { recursive: true, force: true });
}
