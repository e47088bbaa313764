import { checkFeed, discoverFeeds, type CheckStages, type FeedCheck } from '../pipeline/discover/index.ts';

/** One line of `npm run inspect` for a feed: what the pipeline makes of it (see FeedCheck). */
export type InspectLine = FeedCheck;

/** A candidate's line, when the argument was a page: the usual line, with where it was found. */
export type CandidateLine = InspectLine & { discoveredFrom: string; how: 'declared' | 'common-path' };

/** The last line for a page: which candidate the discovery would use, and why. */
export type DiscoveryLine = { input: string; ok: boolean; page: { candidates: number; use: string | null; reason: string } };

/** Never throws: a bad input, or a bug on one input, is that input's line. */
export async function inspectInput(input: string, stages: CheckStages, now = new Date()): Promise<InspectLine> {
  return checkFeed(input, stages, now);
}

/**
 * The lines `inspect` prints for one argument: a feed's own line; for a page
 * (a site's address, a saved HTML file), one line per feed it declares (or
 * per usual feed path of the site) and a last line naming the one to use.
 */
export async function inspectLines(input: string, stages: CheckStages, now = new Date()): Promise<(InspectLine | CandidateLine | DiscoveryLine)[]> {
  const discovery = await discoverFeeds(input, stages, now);
  if (discovery.candidates.length === 0) return discovery.checks;
  const lines: (CandidateLine | DiscoveryLine)[] = discovery.checks.map((check, index) => ({
    ...check,
    discoveredFrom: input,
    how: discovery.candidates[index]!.how,
  }));
  lines.push({ input, ok: discovery.use !== null, page: { candidates: discovery.candidates.length, use: discovery.use, reason: discovery.reason } });
  return lines;
}
