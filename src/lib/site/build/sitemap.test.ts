import { describe, expect, it } from 'vitest';
import { sitemapAlternates } from './sitemap.ts';

describe('sitemapAlternates', () => {
  it.each([
    ['https://site.test/ru/news/x-1/', [{ url: 'https://site.test/ru/news/x-1/', lang: 'ru' }, { url: 'https://site.test/en/news/x-1/', lang: 'en' }, { url: 'https://site.test/ru/news/x-1/', lang: 'x-default' }]],
    ['https://site.test/en/', [{ url: 'https://site.test/ru/', lang: 'ru' }, { url: 'https://site.test/en/', lang: 'en' }, { url: 'https://site.test/ru/', lang: 'x-default' }]],
    ['https://site.test/feeds.opml', undefined],
  ])('%s', (url, expected) => {
    expect(sitemapAlternates(url)).toEqual(expected);
  });
});
