import path from 'node:path';
import { buildStudio, studioBuildIsStale } from '../../src/studio/build.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Each step's screenshot, to look at after a run. */
export const SCREENSHOTS = path.join(ROOT, '.cache/studio-screenshots');

/** The tests serve the `sanity build` output: CI builds it once before `npm test`; locally a stale one is rebuilt. */
export async function ensureStudioBuild(): Promise<void> {
  if (await studioBuildIsStale(ROOT)) await buildStudio(ROOT);
}
