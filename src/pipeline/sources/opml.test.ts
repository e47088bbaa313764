import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOpmlFeeds, readOpml, sourcesToOpml, type ImportOptions, type SourcesFile } from './opml.ts';
import { parseSources } from './sources.ts';

const testdata = (file: string) => readFileSync(new URL(`./testdata/${file}`, import.meta.url), 'utf8');
const projectSources = (): SourcesFile => JSON.parse(readFileSync(new URL('../../../content/sources.json', import.meta.url), 'utf8')) as SourcesFile;
const options: ImportOptions = { origin: 'subscriptions.opml', date: '2026-12-07', defaultLanguage: 'ru', region: null };

function feedsOf(text: string) {
  const feeds = readOpml(text);
  if (!feeds.ok) throw new Error(feeds.error.message);
  return feeds.value;
}

describe('readOpml', () => {
  it('lists the feeds of a subscription list, in order', () => {
    const feeds = feedsOf(testdata('subscriptions.opml'));
    expect(feeds).toHaveLength(13);
    expect(feeds[0]).toEqual({ title: 'The Verge', xmlUrl: 'https://www.theverge.com/rss/index.xml', htmlUrl: 'https://www.theverge.com/', language: 'unknown' });
  });

  it('walks into category outlines and finds nothing in an outline without feeds', () => {
    expect(feedsOf(testdata('category.opml'))).toEqual([]);
    const nested = '<opml version="2.0"><head/><body><outline text="Health"><outline text="A" xmlUrl="https://a.example/rss"/></outline></body></opml>';
    expect(feedsOf(nested).map((feed) => feed.xmlUrl)).toEqual(['https://a.example/rss']);
  });

  it.each([
    ['not XML', 'Service temporarily unavailable'],
    ['a feed, not OPML', '<rss version="2.0"><channel><title>t</title></channel></rss>'],
    ['a DOCTYPE', '<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml version="2.0"><body><outline text="&a;" xmlUrl="https://a.example/"/></body></opml>'],
  ])('refuses %s', (_name, text) => {
    expect(readOpml(text)).toMatchObject({ ok: false, error: { code: 'opml_invalid' } });
  });
});

describe('importOpmlFeeds', () => {
  it('adds each new feed disabled, with a note a maintainer can act on, and the file still validates', () => {
    const result = importOpmlFeeds(projectSources(), feedsOf(testdata('subscriptions.opml')), options);
    if (!result.ok) throw new Error(result.error.message);
    const { added, skipped, file } = result.value;
    expect(added).toHaveLength(13);
    expect(skipped).toEqual([]);
    expect(added[0]).toMatchObject({
      id: 'theverge-com-rss-index',
      name: { ru: 'The Verge', en: 'The Verge' },
      siteUrl: 'https://www.theverge.com/',
      feedUrl: 'https://www.theverge.com/rss/index.xml',
      language: 'ru',
      enabled: false,
    });
    expect(added[0]?.note).toContain('npm run --silent inspect -- https://www.theverge.com/rss/index.xml');
    expect(new Set(file.sources.map((source) => source.id)).size).toBe(file.sources.length);
    expect(parseSources(file, 'sources.json').ok).toBe(true);
  });

  it('skips feeds already listed (up to case, default port, tracking parameters) and repeated in the file', () => {
    const existing = projectSources();
    const feeds = [
      { title: 'TASS', xmlUrl: 'HTTPS://TASS.COM:443/rss/v2.xml?utm_source=reader', htmlUrl: null, language: 'en' },
      { title: 'New', xmlUrl: 'https://new.example/rss.xml', htmlUrl: 'javascript:alert(1)', language: 'be-BY' },
      { title: 'New again', xmlUrl: 'https://new.example/rss.xml#top', htmlUrl: null, language: null },
      { title: 'Local', xmlUrl: 'file:///etc/passwd', htmlUrl: null, language: null },
    ];
    const result = importOpmlFeeds(existing, feeds, options);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.added.map((source) => [source.id, source.language, source.siteUrl])).toEqual([['new-example-rss', 'be', null]]);
    expect(result.value.skipped.map((skip) => skip.reason)).toEqual(['already listed as "tass-en"', 'already listed as "new-example-rss"', 'not an http(s) address']);
  });

  it('refuses a region the taxonomy does not have, naming the field', () => {
    const result = importOpmlFeeds(projectSources(), feedsOf(testdata('subscriptions.opml')), { ...options, region: 'atlantis' });
    expect(result).toMatchObject({ ok: false, error: { code: 'sources_invalid', message: expect.stringContaining('region') } });
  });
});

describe('sourcesToOpml', () => {
  it('lists every source with an http(s) feed, and reads back as the same feeds', () => {
    const sources = projectSources().sources;
    const opml = sourcesToOpml(sources, { title: 'Sources', date: new Date('2026-12-07T00:00:00Z') });
    const feeds = feedsOf(opml);
    expect(feeds.map((feed) => feed.xmlUrl)).toEqual(sources.flatMap((source) => (source.feedUrl ? [source.feedUrl] : [])));
    expect(feeds[0]).toMatchObject({ title: sources.find((source) => source.feedUrl)?.name.ru, language: 'ru' });
    // Imported back into the same list, every feed is a duplicate.
    const again = importOpmlFeeds(projectSources(), feeds, options);
    expect(again.ok && again.value.added).toEqual([]);
  });
});
