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
});
