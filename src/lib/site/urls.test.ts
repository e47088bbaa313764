import { describe, expect, it } from 'vitest';
import { archiveUrl, jsonFeedUrl, regionUrl, rssUrl, taskRegionUrl, taskUrl, absoluteUrl, type FeedScope } from './urls.ts';

// These URLs are promised to subscribers (issue 4); a change here breaks their feeds.
describe('stable URLs', () => {
  it.each([
    [taskUrl('ru', 'workforce'), '/ru/tasks/workforce/'],
    [taskUrl('en', 'workforce', 3), '/en/tasks/workforce/page/3/'],
    [regionUrl('ru', 'murmansk', 1), '/ru/regions/murmansk/'],
    [taskRegionUrl('en', 'research', 'belarus'), '/en/tasks/research/belarus/'],
    [archiveUrl('ru', 2026, 7), '/ru/archive/2026/07/'],
    [archiveUrl('ru', 2026, 11, 2), '/ru/archive/2026/11/2/'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each<[FeedScope, string]>([
    [{ kind: 'all' }, '/ru/rss.xml'],
    [{ kind: 'task', task: 'policy' }, '/ru/tasks/policy/rss.xml'],
    [{ kind: 'region', region: 'donetsk' }, '/ru/regions/donetsk/rss.xml'],
    [{ kind: 'task-region', task: 'policy', region: 'donetsk' }, '/ru/tasks/policy/donetsk/rss.xml'],
  ])('feeds sit beside their page: %j', (scope, expected) => {
    expect(rssUrl('ru', scope)).toBe(expected);
    expect(jsonFeedUrl('ru', scope)).toBe(expected.replace('rss.xml', 'feed.json'));
  });

  it('makes absolute URLs on the configured site', () => {
    expect(absoluteUrl('https://news.example.org', '/en/rss.xml')).toBe('https://news.example.org/en/rss.xml');
  });

  // The site's own paths skip URL parsing (urls.ts); every answer must be the one URL resolution gives.
  const sites = ['https://news.example.org', 'https://News.Example.org:443/sub/dir/', 'http://localhost:4321', new URL('http://127.0.0.1:8080/x?y#z'), 'https://xn--80ak6aa92e.xn--p1ai/'];
  const paths = [
    '/ru/', '/', '/en/news/slug-0cfe6d54/', '/images/abc/w960.webp', '/ru/tasks/policy/donetsk/rss.xml', '/a/./b/', '/a/../b/', '/..', '/.hidden',
    '//evil.example/x', '/ru/новости/', '/a b/', '/a?q=1', '/a#frag', '/a%20b/', 'relative/path', '', '/A/B~c_d-e.f/',
  ];
  it.each(sites.flatMap((site) => paths.map((path) => [String(site), path, site] as const)))('%s + %j resolves as URL does', (_name, path, site) => {
    expect(absoluteUrl(site, path)).toBe(new URL(path, site).href);
  });
});
