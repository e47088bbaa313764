// Feed autodiscovery: from a site's address (or a saved page) to the feed to
// subscribe to. The address itself may be a feed; otherwise the feeds its
// page declares are checked, and when it declares none, the site's usual
// feed paths. Every candidate gets a full check (checkFeed.ts), and the
// first one that works, items before empty, in the page's order, is chosen.
import { checkFetched, fetchSafely, toAddress, type CheckStages, type FeedCheck } from './checkFeed.ts';
import { commonFeedPaths, declaredFeeds, looksLikeHtml, type FeedCandidate } from './feedLinks.ts';

export type FeedDiscovery = {
  input: string;
  /** The address answered with a feed itself: `checks` is its one check. */
  isFeed: boolean;
  /** What was tried, in order: declared feeds, else common paths. */
  candidates: FeedCandidate[];
  /** One check per candidate (or of the address itself), in the same order. */
  checks: FeedCheck[];
  /** The feed address to use, or null when no candidate is a working feed. */
  use: string | null;
  /** One sentence for a person: why `use` (or why none). */
  reason: string;
};

/** The first working feed with items, else the first working one; null when none works. */
export function chooseFeed(checks: readonly FeedCheck[]): FeedCheck | null {
  return checks.find((check) => check.ok && check.items.length > 0) ?? checks.find((check) => check.ok) ?? null;
}

const reasonFor = (chosen: FeedCheck | null, candidate: FeedCandidate | undefined, tried: number): string => {
  if (chosen === null || candidate === undefined) return `none of the ${tried} candidates is a working feed`;
  const what = `${chosen.format} feed with ${chosen.items.length} items`;
  return candidate.how === 'declared' ? `the page declares it (${candidate.type}): ${what}` : `the site publishes it at a usual path: ${what}`;
};

/** Finds and checks the feeds of a site address, a feed address or a local HTML file. Never throws. */
export async function discoverFeeds(input: string, stages: CheckStages, now = new Date()): Promise<FeedDiscovery> {
  const fetched = await fetchSafely(stages, toAddress(input), input);
  const own = await checkFetched(input, fetched, stages, now);
  const answer = (partial: Omit<FeedDiscovery, 'input'>): FeedDiscovery => ({ input, ...partial });
  if (own.ok || !fetched.ok || fetched.value.status !== 'ok') {
    return answer({ isFeed: own.ok, candidates: [], checks: [own], use: own.ok ? input : null, reason: own.ok ? `the address is a ${own.format} feed` : (own.error?.message ?? 'not a feed') });
  }
  const decoded = stages.decodeFeed(fetched.value.body, fetched.value.contentType);
  const page = decoded.ok ? decoded.value.text : '';
  const pageUrl = fetched.value.finalUrl;
  // Only a page is searched: a feed that failed to parse stays a failed feed.
  const isPage = looksLikeHtml(page);
  let candidates = isPage ? declaredFeeds(page, pageUrl) : [];
  if (isPage && candidates.length === 0) candidates = commonFeedPaths(pageUrl);
  if (candidates.length === 0) {
    return answer({ isFeed: false, candidates, checks: [own], use: null, reason: `${own.error?.message ?? 'not a feed'}; the page declares no feed` });
  }
  const checks: FeedCheck[] = [];
  for (const candidate of candidates) {
    checks.push(await checkFetched(candidate.url, await fetchSafely(stages, candidate.url, candidate.url), stages, now));
  }
  const chosen = chooseFeed(checks);
  const chosenCandidate = chosen === null ? undefined : candidates[checks.indexOf(chosen)];
  return answer({ isFeed: false, candidates, checks, use: chosen?.input ?? null, reason: reasonFor(chosen, chosenCandidate, candidates.length) });
}
