// JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) into the
// same `ParsedFeed` as RSS and Atom. feedsmith reads the document (both
// versions: 1.0's `author` and 1.1's `authors`, keys in any case, numbers
// where strings belong); this module maps its fields onto ours.
//
// Text fields are HTML by contract (model.ts): JSON Feed's plain-text fields
// (`title`, `summary`, `content_text`, `description`) are escaped here.
import { parseJsonFeed } from 'feedsmith';
import { fail, ok, type Enclosure, type ParsedFeed, type RawItem, type Result } from '../model.ts';
import { escapeText, type ParseLimits } from './prepareXml.ts';

type JsonFeed = ReturnType<typeof parseJsonFeed>;
type JsonItem = NonNullable<JsonFeed['items']>[number];

const html = (text: string | undefined): string | null => (text ? escapeText(text) : null);

/** Whether a document (BOM and leading whitespace aside) is JSON rather than markup. */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*[{[]/.test(text);
}

function enclosuresOf(item: JsonItem): Enclosure[] {
  return (item.attachments ?? []).flatMap((attachment) =>
    attachment.url
      ? [{ url: attachment.url, type: attachment.mime_type ?? null, length: Number.isSafeInteger(attachment.size_in_bytes) ? attachment.size_in_bytes! : null }]
      : [],
  );
}

function mapItem(item: JsonItem): RawItem {
  const author = item.authors?.find((candidate) => candidate.name)?.name ?? null;
  return {
    title: html(item.title),
    link: item.url ?? item.external_url ?? null,
    guid: item.id ?? null,
    // A JSON Feed id is an id, never the item's address: `url` is.
    guidIsPermaLink: false,
    date: item.date_published ?? item.date_modified ?? null,
    author,
    description: html(item.summary),
    content: item.content_html ?? html(item.content_text),
    enclosures: enclosuresOf(item),
    mediaUrls: [item.image, item.banner_image].filter((url): url is string => Boolean(url)),
    imageAlt: null,
    xmlBase: null,
  };
}

/**
 * Parses a JSON Feed document. Fails with `feed_too_large`,
 * `feed_too_many_items`, `json_malformed` (not JSON at all) or `not_a_feed`
 * (JSON, but not a JSON Feed).
 */
export function parseJsonFeedText(text: string, limits: ParseLimits): Result<ParsedFeed> {
  if (text.length > limits.maxChars) {
    return fail('feed_too_large', `the document has ${text.length} characters (limit ${limits.maxChars})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('json_malformed', `the document is not valid JSON: ${(error as Error).message}`);
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    return fail('not_a_feed', 'the document is JSON, but not a JSON Feed object');
  }
  const items = (document as { items?: unknown }).items;
  if (Array.isArray(items) && items.length > limits.maxItems) {
    return fail('feed_too_many_items', `the feed has more than ${limits.maxItems} items`);
  }
  let feed: JsonFeed;
  try {
    feed = parseJsonFeed(document);
  } catch {
    return fail('not_a_feed', 'the document is JSON, but not a JSON Feed (no jsonfeed.org version, title or items)');
  }
  return ok({
    format: 'json',
    title: html(feed.title),
    link: feed.home_page_url ?? null,
    description: html(feed.description),
    language: feed.language ?? null,
    xmlBase: null,
    items: (feed.items ?? []).map(mapItem),
  });
}
