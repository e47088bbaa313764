import type { DroppedItem, Enclosure, NormalizeContext, NormalizedFeed, NormalizedItem, ParsedFeed, RawItem } from '../model.ts';
import { publishedAt } from './dates.ts';
import { firstImageSrc, firstWords, htmlToText, sanitizeContent, truncateWords } from './html.ts';
import { itemId, itemIdentity, resolveFeedIdentities } from './identity.ts';
import { absoluteHttpUrl, itemBase, resolveUrl } from './urls.ts';

export const SUMMARY_MAX_CHARS = 600;
export const TITLE_FALLBACK_WORDS = 12;
/** The studio's limit for an image's alt text (sanity/schemaTypes/documents/newsItem.ts); one place is left for the ellipsis. */
export const IMAGE_ALT_MAX_CHARS = 250;

const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|webp|avif|bmp)(?:$|[?#])/i;

function isImageEnclosure(enclosure: Enclosure): boolean {
  if (enclosure.type !== null) return enclosure.type.toLowerCase().startsWith('image/');
  return IMAGE_EXTENSION.test(enclosure.url);
}

/** "jane@example.com (Jane Doe)" is how RSS names an author; the name is what a reader wants. */
function authorName(raw: string | null): string | null {
  const text = htmlToText(raw);
  if (text === '') return null;
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  return named?.[1]?.trim() || text;
}

/**
 * The feed's guid, trimmed; a guid written as a relative reference
 * (`/relative/link`, `./1`) resolved against the item's base, as ids are
 * URIs. Other guids (`abc`, `tag:...`) stay as they are.
 */
function guidOf(raw: RawItem, base: string | null): string | null {
  const guid = raw.guid?.trim() || null;
  if (guid === null || !/^(?:\/|\.\.?\/)/.test(guid)) return guid;
  return resolveUrl(guid, base)?.href ?? guid;
}

/** The richer of content and description: the one with more text (content on a tie). */
function richestHtml(raw: RawItem): string | null {
  const content = raw.content?.trim() || null;
  const description = raw.description?.trim() || null;
  if (content === null || description === null) return content ?? description;
  return htmlToText(description).length > htmlToText(content).length ? description : content;
}

/**
 * One feed item in the dataset's terms: absolute http(s) links without
 * tracking parameters, a stable identity (identity.ts), an ISO 8601 UTC date
 * (or `now`, flagged), plain-text title and summary, sanitized HTML content,
 * an image and absolute enclosures. Pure and total: bad input gives empty
 * fields, never an exception.
 */
export function normalizeItem(raw: RawItem, feed: ParsedFeed, context: NormalizeContext): NormalizedItem {
  const base = itemBase(raw, feed, context);
  // RSS: with no <link>, a guid that is a permalink (the default) is the item's address.
  const link =
    absoluteHttpUrl(raw.link, base) ?? (raw.guidIsPermaLink !== false && raw.link === null ? absoluteHttpUrl(raw.guid, base) : null);
  const identity = itemIdentity(raw, link, base, context);
  const date = publishedAt(raw.date, context.now, context.timeZone ?? null);

  const summaryText = htmlToText(raw.description?.trim() ? raw.description : raw.content);
  const title = htmlToText(raw.title) || firstWords(summaryText, TITLE_FALLBACK_WORDS);

  const enclosures: Enclosure[] = [];
  for (const enclosure of raw.enclosures) {
    const url = absoluteHttpUrl(enclosure.url, base);
    if (url) enclosures.push({ url, type: enclosure.type?.trim().toLowerCase() || null, length: enclosure.length });
  }
  const imageEnclosure = enclosures.find(isImageEnclosure);
  const media = raw.mediaUrls.map((url) => absoluteHttpUrl(url, base)).find((url) => url !== null);
  const image =
    imageEnclosure?.url ?? media ?? firstImageSrc(raw.content, base) ?? firstImageSrc(raw.description, base) ?? null;

  return {
    _id: itemId(identity.key),
    guid: guidOf(raw, base),
    identityKey: identity.key,
    guidSource: identity.source,
    link,
    title,
    summary: truncateWords(summaryText, SUMMARY_MAX_CHARS),
    contentHtml: sanitizeContent(richestHtml(raw), base),
    publishedAt: date.publishedAt,
    publishedAtEstimated: date.estimated,
    author: authorName(raw.author),
    image,
    imageAlt: image === null ? null : truncateWords(htmlToText(raw.imageAlt), IMAGE_ALT_MAX_CHARS - 1) || null,
    enclosures,
  };
}

/**
 * Every item of a feed, normalized, with identities decided across the feed
 * (rung 4 of identity.ts: a link two stories share). Of items that still
 * share an `_id` the first in feed order is kept and the others are listed in
 * `dropped`.
 */
export function normalizeFeed(feed: ParsedFeed, context: NormalizeContext): NormalizedFeed {
  const normalized = feed.items.map((raw) => normalizeItem(raw, feed, context));
  const identities = resolveFeedIdentities(
    normalized.map((item) => ({ identity: { key: item.identityKey, source: item.guidSource }, title: item.title })),
  );
  const keptIndexById = new Map<string, number>();
  const items: NormalizedItem[] = [];
  const dropped: DroppedItem[] = [];
  normalized.forEach((item, index) => {
    const identity = identities[index]!;
    const _id = itemId(identity.key);
    const keptIndex = keptIndexById.get(_id);
    if (keptIndex !== undefined) {
      dropped.push({ index, keptIndex, identityKey: identity.key, guidSource: identity.source });
      return;
    }
    keptIndexById.set(_id, index);
    items.push({ ...item, _id, identityKey: identity.key, guidSource: identity.source });
  });
  return { items, dropped };
}
