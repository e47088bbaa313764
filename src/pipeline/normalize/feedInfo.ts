import type { FeedInfo, NormalizeContext, ParsedFeed } from '../model.ts';
import { htmlToText } from './html.ts';
import { absoluteHttpUrl, documentBase, resolveUrl } from './urls.ts';

/**
 * The feed's own title, link, description and language as an editor reads
 * them: text without markup (a `<script>` in a title is dropped, not shown),
 * and the link absolute against the feed's xml:base or the document's
 * address (Content-Location, else the feed's URL); the language the feed
 * declares (language, dc:language, xml:lang), else the Content-Language.
 */
export function normalizeFeedInfo(feed: ParsedFeed, context: NormalizeContext): FeedInfo {
  const address = documentBase(context);
  const base = resolveUrl(feed.xmlBase, address)?.href ?? address;
  return {
    title: htmlToText(feed.title) || null,
    link: absoluteHttpUrl(feed.link, base),
    description: htmlToText(feed.description) || null,
    language: languageTag(feed.language) ?? languageTag(context.contentLanguage),
  };
}

/**
 * A language tag as BCP 47 spells it (`en_US` → `en-US`); of a list (a
 * Content-Language of `en, fr`: a document for readers of both) the first.
 */
function languageTag(value: string | null | undefined): string | null {
  return value?.split(',')[0]?.trim().replace(/_/g, '-') || null;
}
