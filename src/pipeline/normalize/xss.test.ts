import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../parse/index.ts';
import { findForbiddenHtml } from './forbiddenHtml.ts';
import { normalizeFeed } from './normalizeItem.ts';
import { xssFeed, xssJsonFeed } from './testItems.ts';

type Vector = { id: string; payload: string; features: string[]; contains_forbidden_construct: boolean };

const vectors: Vector[] = JSON.parse(readFileSync(new URL('./testdata/xss/vectors.json', import.meta.url), 'utf8'));


const context = { sourceId: 'xss', feedUrl: 'https://example.org/feed.xml', now: '2024-05-01T00:00:00.000Z' };

describe('every XSS corpus payload is neutralised in contentHtml, summary, title and imageAlt', () => {
  it('has the whole corpus', () => {
    expect(vectors.length).toBe(362);
  });

  it.each(
    vectors.flatMap((vector) => [
      [`${vector.id} (RSS)`, xssFeed(vector.payload), 3] as const,
      [`${vector.id} (JSON Feed)`, xssJsonFeed(vector.payload), 2] as const,
    ]),
  )('%s', async (_id, document, count) => {
    const parsed = await parseFeed(document);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    const { items } = normalizeFeed(parsed.value, context);
    expect(items).toHaveLength(count);
    for (const item of items) {
      expect(findForbiddenHtml(item.imageAlt ?? ''), `imageAlt: ${item.imageAlt}`).toEqual([]);
      expect(findForbiddenHtml(item.contentHtml), `contentHtml: ${item.contentHtml}`).toEqual([]);
      // Title and summary are plain text; were a page to print them as HTML, they must still be inert.
      expect(findForbiddenHtml(item.summary), `summary: ${item.summary}`).toEqual([]);
      expect(findForbiddenHtml(item.title), `title: ${item.title}`).toEqual([]);
    }
  });
});

describe('the forbidden-construct check itself finds what it must', () => {
  it.each([
    ['<script>alert(1)</script>', '<script> element'],
    ['<img src=x onerror=alert(1)>', 'onerror handler on <img>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', 'href="javascript:alert(1)" on <a>'],
    ['<a href=" &#14; javascript:alert(1)">x</a>', 'href="javascript:alert(1)" on <a>'],
    ['<iframe src="https://x"></iframe>', '<iframe> element'],
    ['<p style="behavior:url(x)">x</p>', 'style attribute on <p>'],
    ['<svg><a xlink:href="javascript:alert(1)">x</a></svg>', '<svg> element'],
    ['<form><button formaction="javascript:alert(1)">x</button></form>', '<form> element'],
  ])('%s', (html, expected) => {
    expect(findForbiddenHtml(html)).toContain(expected);
  });

  it('passes harmless markup', () => {
    expect(findForbiddenHtml('<p>Hi <a href="https://example.org/" rel="nofollow">there</a> <img src="https://example.org/a.png" alt=""></p>')).toEqual([]);
  });
});
