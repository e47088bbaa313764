import type { FeedInfo, NormalizeContext, ParsedFeed } from '../model.ts';
import { htmlToText } from './html.ts';
import { absoluteHttpUrl, resolveUrl } from './urls.ts';

/**
 * The feed's own title, link, description and language as an editor reads
 * them: text without markup (a `<script>` in a title is dropped, not shown),
 * and the link absolute against the feed's xml:base or the feed's URL.
 */
export function normalizeFeedInfo(feed: ParsedFeed, context: NormalizeContext): FeedInfo {
  const documentBase = resolveUrl(context.feedUrl, null)?.href ?? null;
  const base = resolveUrl(feed.xmlBase, documentBase)?.href ?? documentBase;
  return {
    title: htmlToText(feed.title) || null,
    link: absoluteHttpUrl(feed.link, base),
    description: htmlToText(feed.description) || null,
    language: feed.language?.trim() || null,
  };
}
