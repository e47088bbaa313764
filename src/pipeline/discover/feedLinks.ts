// The feeds a web page declares: <link rel="alternate" type="application/rss+xml"
// href="..."> (and Atom, RDF, JSON Feed), resolved against the page's <base
// href> or its address. Pure: HTML text in, candidates out.
import { Parser } from 'htmlparser2';
import discovery from './discovery.json' with { type: 'json' };

export type FeedCandidate = {
  url: string;
  /** `declared`: a <link rel="alternate"> of the page; `common-path`: a usual feed path of the site, tried when none is declared. */
  how: 'declared' | 'common-path';
  /** The media type the page gave, or null for a common path. */
  type: string | null;
  /** The link's title attribute, when it has one. */
  title: string | null;
};

const FEED_TYPES = new Set(discovery.feedTypes);

function resolve(href: string, base: string): string | null {
  try {
    const url = new URL(href.trim(), base);
    url.hash = '';
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'file:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Whether a document is an HTML page (not a feed that failed to parse): an
 * HTML doctype, or <html>, <head> or <body> first after the prolog.
 */
export function looksLikeHtml(text: string): boolean {
  const prolog = /^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/.exec(text)?.[0].length ?? 0;
  return /^<(?:!doctype\s+html|html|head|body)[\s>]/i.test(text.slice(prolog, prolog + 64));
}

/** The feeds `html` declares, in page order, each once; relative addresses resolved against `pageUrl` (or the page's <base>). */
export function declaredFeeds(html: string, pageUrl: string): FeedCandidate[] {
  let base = pageUrl;
  let baseSeen = false;
  const found: FeedCandidate[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && !baseSeen && attributes.href) {
          baseSeen = true;
          base = resolve(attributes.href, pageUrl) ?? pageUrl;
          return;
        }
        if (name !== 'link' || !attributes.href) return;
        const rels = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attributes.type ?? '').split(';')[0]!.trim().toLowerCase();
        if (!rels.includes('alternate') || !FEED_TYPES.has(type)) return;
        const url = resolve(attributes.href, base);
        if (url === null || found.some((candidate) => candidate.url === url)) return;
        found.push({ url, how: 'declared', type, title: attributes.title?.trim() || null });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** The usual feed paths of the site `pageUrl` is on (http(s) only: a local file has no site). */
export function commonFeedPaths(pageUrl: string): FeedCandidate[] {
  const page = new URL(pageUrl);
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return [];
  return discovery.commonPaths.map((path) => ({ url: new URL(path, page.origin).href, how: 'common-path' as const, type: null, title: null }));
}
