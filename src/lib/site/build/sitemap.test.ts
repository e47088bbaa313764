import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sitemapAlternates, sitemapUrls, writeSitemapFiles } from './sitemap.ts';

describe('sitemapAlternates', () => {
  it.each([
    ['https://site.test/ru/news/x-1/', [{ url: 'https://site.test/ru/news/x-1/', lang: 'ru' }, { url: 'https://site.test/en/news/x-1/', lang: 'en' }, { url: 'https://site.test/ru/news/x-1/', lang: 'x-default' }]],
    ['https://site.test/en/', [{ url: 'https://site.test/ru/', lang: 'ru' }, { url: 'https://site.test/en/', lang: 'en' }, { url: 'https://site.test/ru/', lang: 'x-default' }]],
    ['https://site.test/feeds.opml', undefined],
  ])('%s', (url, expected) => {
    expect(sitemapAlternates(url)).toEqual(expected);
  });
});

const site = new URL('https://site.test/');
const config = { base: '/', trailingSlash: 'ignore', build: { format: 'directory' } };
const route = (pathname: string | undefined) => ({ type: 'page' as const, pathname, generate: () => pathname ?? '' });
const everything = () => true;

describe('sitemapUrls', () => {
  it.each([
    {
      name: 'orders numbers by value, as @astrojs/sitemap did (localeCompare, en, numeric)',
      pages: ['ru/tasks/a/page/10/', 'ru/tasks/a/page/9/', 'en/', 'ru/tasks/a/page/2/', 'ru/'],
      expected: ['https://site.test/en/', 'https://site.test/ru/', 'https://site.test/ru/tasks/a/page/2/', 'https://site.test/ru/tasks/a/page/9/', 'https://site.test/ru/tasks/a/page/10/'],
    },
    { name: 'leaves status pages out', pages: ['404/', '500', 'ru/'], expected: ['https://site.test/ru/'] },
    { name: 'adds pages of routes without parameters, once', pages: ['ru/'], routes: [route('/feeds'), route(undefined), route('/ru/')], expected: ['https://site.test/feeds/', 'https://site.test/ru/'] },
    { name: 'applies the filter', pages: ['ru/', 'ru/search/'], filter: (url: string) => !url.endsWith('/search/'), expected: ['https://site.test/ru/'] },
  ])('$name', ({ pages, routes = [], filter = everything, expected }) => {
    expect(sitemapUrls(pages, routes, site, config, filter)).toEqual(expected);
  });
});

describe('writeSitemapFiles', () => {
  it('writes the index and the URLs with their alternates', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'medclusters-sitemap-'));
    try {
      await writeSitemapFiles(['https://site.test/ru/news/x-1/'], site, '/', dir);
      expect(await readFile(path.join(dir, 'sitemap-index.xml'), 'utf8')).toContain('<loc>https://site.test/sitemap-0.xml</loc>');
      const urls = await readFile(path.join(dir, 'sitemap-0.xml'), 'utf8');
      expect(urls).toContain('<url><loc>https://site.test/ru/news/x-1/</loc><xhtml:link rel="alternate" hreflang="ru" href="https://site.test/ru/news/x-1/"/>');
      expect(urls).toContain('hreflang="x-default" href="https://site.test/ru/news/x-1/"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
