import { describe, expect, it } from 'vitest';
import { normalizeFeedInfo } from './feedInfo.ts';
import { parsedFeed as feed } from './testItems.ts';

describe('normalizeFeedInfo', () => {
  it.each([
    ['a relative link against the feed URL', { link: '/home' }, 'https://site.example/rss/feed.xml', { link: 'https://site.example/home' }],
    ['a relative link against xml:base', { link: 'home', xmlBase: '/ru/' }, 'https://site.example/rss/feed.xml', { link: 'https://site.example/ru/home' }],
    ['tracking parameters dropped', { link: 'https://site.example/?utm_source=rss' }, 'https://site.example/feed', { link: 'https://site.example/' }],
    ['a local file: no web address to resolve against', { link: '/home' }, 'file:///tmp/feed.xml', { link: null }],
    ['markup and entities to text', { title: 'A &amp; <b>B</b>', description: '<p>one</p><p>two</p>' }, 'https://s.example/', { title: 'A & B', description: 'one two' }],
    ['a script in the title is dropped', { title: 'safe<script>location.href="x"</script> description' }, 'https://s.example/', { title: 'safe description' }],
    ['empty fields are null', { title: '  ', description: '<p></p>', language: ' ' }, 'https://s.example/', { title: null, description: null, language: null }],
  ])('%s', (_name, fields, feedUrl, expected) => {
    expect(normalizeFeedInfo(feed(fields), { sourceId: 's', feedUrl, now: '2024-01-01T00:00:00Z' })).toMatchObject(expected);
  });
});
