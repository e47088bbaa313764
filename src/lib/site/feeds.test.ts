import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { dictionary } from '../../i18n/index.ts';
import { allScopes, itemGuid, jsonFeed, opml, rssFeed } from './feeds.ts';
import { buildSiteModel, type RawItem } from './model.ts';

const item = (id: string, fields: Partial<RawItem>): RawItem => ({
  _id: id,
  title: 'Врачи & медсёстры <получат> «выплаты»',
  summary: 'Анонс с символами < & >',
  language: 'ru',
  publishedAt: '2026-11-03T09:05:00Z',
  sourceId: 'source-a',
  suggestedTasks: [{ id: 'task-workforce', confidence: 0.8, evidence: [] }],
  suggestedRegions: [{ id: 'region-murmansk' }],
  ...fields,
});
const model = buildSiteModel({
  items: [item('item-0123456789abcdef01234567', {}), item('item-1123456789abcdef01234567', { publishedAt: '2026-10-01T00:00:00Z', language: 'en', title: 'Doctors get grants' })],
  tasks: [{ _id: 'task-workforce', id: 'workforce', title: { ru: 'Кадры', en: 'Workforce' } }],
  regions: [{ _id: 'region-murmansk', id: 'murmansk', title: { ru: 'Мурманская область', en: 'Murmansk Oblast' } }],
  sources: [{ _id: 'source-a', id: 'a', name: { ru: 'Источник' } }],
});
const site = 'https://news.example.org';
const context = (lang: 'ru' | 'en') => ({ model, lang, t: dictionary(lang), site });
const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe('rssFeed', () => {
  it.each(allScopes(model).map((scope) => [JSON.stringify(scope), scope] as const))('%s is valid RSS with the required elements', async (_name, scope) => {
    const xml = await rssFeed(context('ru'), scope);
    const feed = await new Parser({ customFields: { feed: ['atom:link', 'language'] } }).parseString(xml);
    expect(feed.title).toMatch(/^Медицинские кластеры: /);
    expect(feed.link).toMatch(/^https:\/\/news\.example\.org\/ru\//);
    expect(xml).toMatch(/<atom:link href="https:\/\/news\.example\.org\/ru\/[^"]*rss\.xml" rel="self" type="application\/rss\+xml"\/>/);
    expect(feed.items).toHaveLength(2);
    for (const entry of feed.items) {
      expect(entry.link).toMatch(/^https:\/\/news\.example\.org\/ru\/news\/[a-z0-9-]+-[0-9a-f]{8}\/$/);
      expect(entry.guid).toMatch(/^medclusters:ru:item-[0-9a-f]{24}$/);
      expect(entry.pubDate).toMatch(rfc822);
    }
  });

  it('escapes markup in text and keeps it readable', async () => {
    const xml = await rssFeed(context('ru'), { kind: 'all' });
    expect(xml).toContain('Врачи &amp; медсёстры &lt;получат&gt; «выплаты»');
    const feed = await new Parser().parseString(xml);
    expect(feed.items[0]!.title).toBe('Врачи & медсёстры <получат> «выплаты»');
  });

  it('gives an item the same guid in every feed of a language, and a different one per language', async () => {
    const first = model.items[0]!;
    expect(itemGuid(first, 'ru')).not.toBe(itemGuid(first, 'en'));
    const all = await rssFeed(context('ru'), { kind: 'all' });
    const task = await rssFeed(context('ru'), { kind: 'task', task: 'workforce' });
    expect(all).toContain(itemGuid(first, 'ru'));
    expect(task).toContain(itemGuid(first, 'ru'));
  });

  it('marks the language of an untranslated item', async () => {
    const xml = await rssFeed(context('en'), { kind: 'all' });
    expect(xml).toContain('<dc:language>ru</dc:language>');
    expect(xml).toContain('<dc:language>en</dc:language>');
  });
});

describe('machine translations in feeds', () => {
  const machineModel = buildSiteModel({
    items: [item('item-2123456789abcdef01234567', { machineTranslations: { en: { title: 'Doctors and nurses to get payments', summary: 'A lead', provider: 'deepl' } } })],
    tasks: [],
    regions: [],
    sources: [],
  });
  const machineContext = { model: machineModel, lang: 'en' as const, t: dictionary('en'), site };
  it('shows the machine text in the page language and says what it is', async () => {
    const feed = await new Parser().parseString(await rssFeed(machineContext, { kind: 'all' }));
    expect(feed.items[0]!.title).toBe('Doctors and nurses to get payments');
    expect(feed.items[0]!.content).toBe('A lead\n\nMachine translation by DeepL; the original is in Russian.');
    const json = JSON.parse(jsonFeed(machineContext, { kind: 'all' }));
    expect(json.items[0]).toMatchObject({ title: 'Doctors and nurses to get payments', language: 'en', summary: 'A lead\n\nMachine translation by DeepL; the original is in Russian.' });
  });
});

describe('jsonFeed', () => {
  it('is JSON Feed 1.1 with absolute URLs and stable ids', () => {
    const feed = JSON.parse(jsonFeed(context('en'), { kind: 'region', region: 'murmansk' }));
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      home_page_url: 'https://news.example.org/en/regions/murmansk/',
      feed_url: 'https://news.example.org/en/regions/murmansk/feed.json',
      language: 'en',
    });
    expect(feed.items[0]).toMatchObject({ id: itemGuid(model.items[0]!, 'en'), date_published: '2026-11-03T09:05:00.000Z', language: 'ru' });
  });
});

describe('opml', () => {
  it('lists every RSS feed of both languages once', () => {
    const text = opml({ model, dictionaries: { ru: dictionary('ru'), en: dictionary('en') }, site, dateCreated: model.updatedAt });
    const urls = [...text.matchAll(/xmlUrl="([^"]+)"/g)].map((match) => match[1]);
    expect(urls).toHaveLength(allScopes(model).length * 2);
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls).toContain('https://news.example.org/en/tasks/workforce/murmansk/rss.xml');
    expect(text).toMatch(/<dateCreated>Tue, 03 Nov 2026 09:05:00 GMT<\/dateCreated>/);
  });
});
