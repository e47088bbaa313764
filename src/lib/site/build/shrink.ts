import { readdir } from 'node:fs/promises';
import path from 'node:path';

// A build that would take most of the shown items off the live site is not
// swapped in unless forced: a mistyped data folder, a dataset emptied by
// mistake or a query gone wrong must not replace a working site with an empty
// one. Counted as item pages of the Russian side (every shown item has one).

/** Below this many items on the live site any change is allowed (a new or small installation). */
export const SHRINK_CHECK_FROM = 20;

/** The refusal for a build showing `next` items where the live site shows `live`; null when it may be swapped in. */
export function shrinkRefusal(live: number | null, next: number): string | null {
  if (live === null || live < SHRINK_CHECK_FROM || next * 2 >= live) return null;
  return `the new build shows ${next} items where the live site shows ${live} (more than half would go); the live site is kept. If that is meant (a publication policy changed, items rejected), build again with --force`;
}

/** The number of item pages a built site has; null when there is no such build. */
export async function countItemPages(buildDir: string | null): Promise<number | null> {
  if (buildDir === null) return null;
  const entries = await readdir(path.join(buildDir, 'client/ru/news'), { withFileTypes: true }).catch(() => null);
  return entries === null ? null : entries.filter((entry) => entry.isDirectory()).length;
}
