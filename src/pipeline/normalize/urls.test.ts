import { describe, expect, it } from 'vitest';
import type { NormalizeContext } from '../model.ts';
import { absoluteHttpUrl, identityUrl, isTrackingParam, itemBase, stripTrackingParams } from './urls.ts';
import { parsedFeed, rawItem } from './testItems.ts';

describe('tracking parameters', () => {
  it.each([
    ['https://example.org/a?utm_source=rss&utm_medium=feed&id=5', 'https://example.org/a?id=5'],
    ['https://example.org/a?UTM_Campaign=x', 'https://example.org/a'],
    ['https://example.org/a?yclid=1&fbclid=2&gclid=3&_openstat=abc&ysclid=4', 'https://example.org/a'],
    ['https://example.org/a?id=5&utm_content=x#comments', 'https://example.org/a?id=5#comments'],
    ['https://example.org/search?q=a%20b+c&utm_term=x', 'https://example.org/search?q=a%20b+c'],
    ['https://example.org/a?from=rss&page=2', 'https://example.org/a?from=rss&page=2'],
    ['https://example.org/a?utm=1&utmost=2', 'https://example.org/a?utm=1&utmost=2'],
    ['https://example.org/a?&&id=1&', 'https://example.org/a?id=1'],
  ])('%s', (input, expected) => {
    expect(stripTrackingParams(new URL(input)).href).toBe(expected);
  });

  it('reads the parameter list from data', () => {
    expect(isTrackingParam('utm_anything')).toBe(true);
    expect(isTrackingParam('mc_eid')).toBe(true);
    expect(isTrackingParam('id')).toBe(false);
  });
});

describe('identity URLs', () => {
  it.each([
    ['HTTP://WWW.Example.ORG:80/Path?b=1#frag', 'http://www.example.org/Path?b=1'],
    ['https://example.org:443/a?utm_source=x', 'https://example.org/a'],
    ['https://example.org:8443/a', 'https://example.org:8443/a'],
    ['https://пример.рф/новости', 'https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8'],
  ])('%s', (input, expected) => {
    expect(identityUrl(new URL(input))).toBe(expected);
  });
});

const raw = rawItem;

const feed = parsedFeed;

const context: NormalizeContext = { sourceId: 'src', feedUrl: 'https://feeds.example.net/news/rss.xml', now: '2024-05-01T00:00:00Z' };

describe('absolute links: item xml:base, feed xml:base, feed link, final feed URL', () => {
  it.each([
    ['item xml:base wins', raw({ xmlBase: 'http://base.example/item/' }), feed({ xmlBase: 'http://base.example/feed/', link: 'http://site.example/' }), 'http://base.example/item/post'],
    ['then the feed xml:base', raw({}), feed({ xmlBase: 'http://base.example/feed/', link: 'http://site.example/' }), 'http://base.example/feed/post'],
    ['a relative xml:base resolves against the feed URL', raw({ xmlBase: '/rel/' }), feed({ link: 'http://site.example/' }), 'https://feeds.example.net/rel/post'],
    ['then the feed link', raw({}), feed({ link: 'http://site.example/blog/' }), 'http://site.example/blog/post'],
    ['a relative feed link resolves against the feed URL', raw({}), feed({ link: '/home/' }), 'https://feeds.example.net/home/post'],
    ['a non-http feed link is skipped', raw({}), feed({ link: 'mailto:a@b.c' }), 'https://feeds.example.net/news/post'],
    ['then the final feed URL', raw({}), feed({}), 'https://feeds.example.net/news/post'],
  ])('%s', (_name, item, parsed, expected) => {
    expect(absoluteHttpUrl('post', itemBase(item, parsed, context))).toBe(expected);
  });

  it.each([
    ['an absolute link stays', 'https://other.example/x', 'https://other.example/x'],
    ['protocol-relative takes the base scheme', '//cdn.example/x', 'https://cdn.example/x'],
    ['root-relative', '/x?y=1&utm_source=z', 'https://feeds.example.net/x?y=1'],
    ['javascript: is no link', 'javascript:alert(1)', null],
    ['mailto: is no link', 'mailto:a@example.org', null],
    ['data: is no link', 'data:text/html,x', null],
    ['ftp: is no link', 'ftp://example.org/x', null],
    ['empty', '  ', null],
    ['not a URL at all', 'http://', null],
    ['whitespace around is ignored', '  https://example.org/a \n', 'https://example.org/a'],
  ])('%s', (_name, href, expected) => {
    expect(absoluteHttpUrl(href, itemBase(raw({}), feed({}), context))).toBe(expected);
  });

  it('with no absolute base at all, a relative link is no link', () => {
    expect(absoluteHttpUrl('post', itemBase(raw({}), feed({}), { ...context, feedUrl: 'not a url' }))).toBeNull();
  });
});
