// The normalize stage's public surface: raw feed items in, dataset-ready items out.
export { normalizeFeed, normalizeItem, SUMMARY_MAX_CHARS } from './normalizeItem.ts';
export { normalizeFeedInfo } from './feedInfo.ts';
export { itemId, itemIdentity, resolveFeedIdentities } from './identity.ts';
export type { ItemIdentity } from './identity.ts';
export { parseFeedDate, publishedAt } from './dates.ts';
export { firstImageSrc, htmlToText, sanitizeContent, truncateWords } from './html.ts';
export { absoluteHttpUrl, identityUrl, isTrackingParam, itemBase, resolveUrl, stripTrackingParams } from './urls.ts';
export { findForbiddenHtml } from './forbiddenHtml.ts';
