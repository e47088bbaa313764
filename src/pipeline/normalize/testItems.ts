// Builders of test inputs for the normalize stage, shared by its tests and scripts/corpus-check.ts.
import type { ParsedFeed, RawItem } from '../model.ts';

/** A feed item with nothing set but the given fields: the tests' starting point. */
export const rawItem = (fields: Partial<RawItem>): RawItem => ({
  title: null,
  link: null,
  guid: null,
  guidIsPermaLink: null,
  date: null,
  author: null,
  description: null,
  content: null,
  enclosures: [],
  mediaUrls: [],
  imageAlt: null,
  xmlBase: null,
  ...fields,
});

/** A parsed RSS 2.0 feed with nothing set but the given fields. */
export const parsedFeed = (fields: Partial<ParsedFeed>): ParsedFeed => ({
  format: 'rss2',
  title: null,
  link: null,
  description: null,
  language: null,
  xmlBase: null,
  items: [],
  ...fields,
});

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An RSS feed carrying an XSS payload as feeds carry HTML: escaped in
 * <description>, in CDATA in <content:encoded>, as the title, and as a
 * picture's media:description (its alt text).
 */
export function xssFeed(payload: string): string {
  const cdata = payload.replace(/]]>/g, ']]]]><![CDATA[>');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>XSS</title><link>https://example.org/</link>
<item>
  <title>${escapeXml(payload)}</title>
  <link>https://example.org/a</link>
  <description>${escapeXml(payload)}</description>
  <content:encoded><![CDATA[${cdata}]]></content:encoded>
</item>
<item>
  <link>https://example.org/b</link>
  <description><![CDATA[${cdata}]]></description>
</item>
<item xmlns:media="http://search.yahoo.com/mrss/">
  <link>https://example.org/c</link>
  <media:content url="https://example.org/c.jpg" medium="image"><media:description type="html">${escapeXml(payload)}</media:description></media:content>
</item>
</channel></rss>`;
}

/** A JSON Feed carrying an XSS payload in every text field: title, summary, content_html and content_text. */
export function xssJsonFeed(payload: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: payload,
    items: [
      { id: 'a', url: 'https://example.org/a', title: payload, summary: payload, content_html: payload },
      { id: 'b', url: 'https://example.org/b', content_text: payload, image: 'https://example.org/b.jpg' },
    ],
  });
}
