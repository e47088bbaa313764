// URL helpers for the normalize stage: absolute resolution against the
// item's base, tracking-parameter removal, and the normal form used for
// identity. All pure, none throws.
import type { NormalizeContext, ParsedFeed, RawItem } from '../model.ts';
import trackingData from './tracking-params.json' with { type: 'json' };

const TRACKING_NAMES = new Set(trackingData.names.map((name) => name.toLowerCase()));
const TRACKING_PREFIXES = trackingData.prefixes.map((prefix) => prefix.toLowerCase());

/** `href` resolved against `base` (itself maybe null), or null when it is not a URL. */
export function resolveUrl(href: string | null | undefined, base: string | null): URL | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  try {
    return base === null ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
}

export function isHttpUrl(url: URL | null): url is URL {
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:');
}

export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_NAMES.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function decodeParamName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * A copy of `url` without tracking parameters. The query is filtered as
 * text, not rebuilt through URLSearchParams, so the parameters that stay keep
 * their exact spelling (no `%20` turned into `+`).
 */
export function stripTrackingParams(url: URL): URL {
  if (url.search === '') return new URL(url.href);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(decodeParamName(pair.split('=')[0] ?? '')));
  const copy = new URL(url.href);
  copy.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  return copy;
}

/**
 * The form of a URL used as an identity key: scheme and host lower-cased and
 * the default port dropped (the URL parser does both), fragment and tracking
 * parameters dropped.
 */
export function identityUrl(url: URL): string {
  const copy = stripTrackingParams(url);
  copy.hash = '';
  return copy.href;
}

/**
 * The document's own address: its Content-Location (resolved against the
 * URL it came from, as RFC 9110 says), else the final feed URL.
 */
export function documentBase(context: Pick<NormalizeContext, 'feedUrl' | 'contentLocation'>): string | null {
  const fetched = resolveUrl(context.feedUrl, null)?.href ?? null;
  // Only an http(s) address: a `javascript:` Content-Location must not become the base of links.
  const stated = resolveUrl(context.contentLocation, fetched);
  return isHttpUrl(stated) ? stated.href : fetched;
}

/**
 * The base that relative URLs of an item resolve against: the item's
 * xml:base (which already includes the feed's), else the feed's xml:base,
 * else the Content-Location the server sent, else the feed's link, else the
 * final feed URL; each relative one resolved against the document's
 * address (documentBase). Null when none is absolute.
 */
export function itemBase(raw: RawItem, feed: ParsedFeed, context: NormalizeContext): string | null {
  const base = documentBase(context);
  const xmlBase = resolveUrl(raw.xmlBase ?? feed.xmlBase, base);
  if (xmlBase) return xmlBase.href;
  // The server named the document's address: it outranks the feed's own link.
  if (isHttpUrl(resolveUrl(context.contentLocation, base))) return base;
  const feedLink = resolveUrl(feed.link, base);
  if (isHttpUrl(feedLink)) return feedLink.href;
  return base;
}

/** An absolute http(s) URL with tracking parameters removed, or null. */
export function absoluteHttpUrl(href: string | null | undefined, base: string | null): string | null {
  const url = resolveUrl(href, base);
  return isHttpUrl(url) ? stripTrackingParams(url).href : null;
}
