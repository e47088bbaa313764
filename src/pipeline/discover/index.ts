// Checking a feed address and discovering a site's feeds: what `npm run inspect`
// and the studio's "Check feed" both call.
export { checkFeed, checkFetched, fetchSafely, toAddress, type CheckStages, type FeedCheck } from './checkFeed.ts';
export { chooseFeed, discoverFeeds, type FeedDiscovery } from './discoverFeeds.ts';
export { commonFeedPaths, declaredFeeds, looksLikeHtml, type FeedCandidate } from './feedLinks.ts';
