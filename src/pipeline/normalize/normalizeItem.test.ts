import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NormalizeContext, ParsedFeed, RawItem } from '../model.ts';
import { parseFeed } from '../parse/parseFeed.ts';
import { htmlToText, sanitizeContent, truncateWords } from './html.ts';
import { normalizeFeed, normalizeItem, SUMMARY_MAX_CHARS } from './normalizeItem.ts';
import { parsedFeed, rawItem } from './testItems.ts';

const now = '2024-05-01T12:00:00.000Z';
const context: NormalizeContext = { sourceId: 'src', feedUrl: 'https://example.org/feed.xml', now };

const raw = rawItem;

const feed = (items: RawItem[], fields: Partial<ParsedFeed> = {}): ParsedFeed =>
  parsedFeed({ title: 'Feed', link: 'https://example.org/', items, ...fields });

const normalize = (fields: Partial<RawItem>, feedFields: Partial<ParsedFeed> = {}) => {
  const item = raw(fields);
  return normalizeItem(item, feed([item], feedFields), context);
};

async function realFeed(file: string) {
  const text = readFileSync(new URL(`../parse/testdata/real-feeds/${file}`, import.meta.url), 'utf8');
  const result = await parseFeed(text);
  if (!result.ok) throw new Error(result.error.message);
  const normalized = normalizeFeed(result.value, { ...context, sourceId: file.split('.')[0] ?? 'x', feedUrl: 'http://feeds.invalid/rss.xml' });
  return { parsed: result.value, items: normalized.items, dropped: normalized.dropped };
}

async function parsedFile(url: URL): Promise<ParsedFeed> {
  const result = await parseFeed(readFileSync(url, 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const rssWith = (items: string) =>
  `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://a.example/</link>${items}</channel></rss>`;

describe('title', () => {
  it.each([
    ['entities decoded, whitespace collapsed', { title: '  Врачи&nbsp;&laquo;Скорой&raquo;\n\t помощи  ' }, 'Врачи «Скорой» помощи'],
    ['tags removed', { title: 'A <b>bold</b> move' }, 'A bold move'],
    ['decoded once: an escaped entity stays visible', { title: 'Say &amp;quot;hi&amp;quot;' }, 'Say &quot;hi&quot;'],
    [
      'empty: the first twelve words of the summary',
      { title: ' ', description: '<p>one two three four five six seven eight nine ten eleven twelve thirteen</p>' },
      'one two three four five six seven eight nine ten eleven twelve…',
    ],
    ['text that spells a tag stays text', { title: 'About &lt;script&gt; tags' }, 'About < script> tags'],
  ])('%s', (_name, fields, title) => {
    expect(normalize(fields).title).toBe(title);
  });
});

describe('summary', () => {
  it('is the description as text, or the content when there is no description', () => {
    expect(normalize({ description: '<p>Short &amp; <i>sweet</i></p>', content: '<p>Long</p>' }).summary).toBe('Short & sweet');
    expect(normalize({ content: '<p>Only content</p><script>x()</script>' }).summary).toBe('Only content');
  });

  it(`is cut at ${SUMMARY_MAX_CHARS} characters on a word boundary`, () => {
    const words = Array.from({ length: 300 }, (_, i) => `слово${i}`).join(' ');
    const summary = normalize({ description: words }).summary;
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS + 1);
    expect(summary.length).toBeGreaterThan(SUMMARY_MAX_CHARS * 0.9);
    expect(summary.endsWith('…')).toBe(true);
    expect(words.startsWith(summary.slice(0, -1))).toBe(true);
    expect(words[summary.length - 1]).toBe(' ');
  });

  it('keeps block boundaries as spaces', () => {
    expect(htmlToText('<p>one</p><p>two</p>three<br>four<li>five</li>')).toBe('one two three four five');
  });

  it('truncateWords leaves short text alone', () => {
    expect(truncateWords('short', 600)).toBe('short');
  });
});

describe('contentHtml', () => {
  it('prefers the richer of content and description', () => {
    expect(normalize({ description: '<p>teaser</p>', content: '<p>the whole article text</p>' }).contentHtml).toBe('<p>the whole article text</p>');
    expect(normalize({ description: '<p>a long description here</p>', content: '<p>short</p>' }).contentHtml).toBe('<p>a long description here</p>');
  });

  it('makes URLs absolute, marks links, keeps image attributes, drops styles and classes', () => {
    const html = normalize(
      {
        content:
          '<p style="color:red" class="x">Read <a href="/news/1?utm_source=rss" target="_blank" onclick="x()">more</a> <img src="img/a.jpg" alt="A" width="10" height="20" style="border:0" srcset="b.jpg 2x"></p>',
      },
      { link: 'https://site.example/section/' },
    ).contentHtml;
    expect(html).toBe(
      '<p>Read <a href="https://site.example/news/1" rel="noopener noreferrer nofollow">more</a> <img src="https://site.example/section/img/a.jpg" alt="A" width="10" height="20" /></p>',
    );
  });

  it('drops links and images it cannot make safe', () => {
    expect(sanitizeContent('<a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AAAA"><img src="javascript:x">', 'https://e.org/')).toBe(
      '<a rel="noopener noreferrer nofollow">x</a>',
    );
  });
});

describe('image', () => {
  it.each([
    [
      'an image enclosure first',
      { enclosures: [{ url: 'a.mp3', type: 'audio/mpeg', length: 1 }, { url: '/e.jpg', type: 'image/jpeg', length: null }], mediaUrls: ['/m.jpg'] },
      'https://example.org/e.jpg',
    ],
    ['then media', { mediaUrls: ['/m.jpg'], content: '<img src="/c.jpg">' }, 'https://example.org/m.jpg'],
    ['then the first <img> of the content', { content: '<p><img src="data:image/gif;base64,R0"><img src="c.jpg"></p>', description: '<img src="/d.jpg">' }, 'https://example.org/c.jpg'],
    ['then of the description', { description: '<img src="/d.jpg">' }, 'https://example.org/d.jpg'],
    ['none', { description: 'text' }, null],
  ])('%s', (_name, fields, image) => {
    expect(normalize(fields).image).toBe(image);
  });
});

describe('author and enclosures', () => {
  it.each([
    ['Иван Петров', 'Иван Петров'],
    ['ivan@example.org (Иван Петров)', 'Иван Петров'],
    ['  ', null],
  ])('author %j', (author, expected) => {
    expect(normalize({ author }).author).toBe(expected);
  });

  it('keeps absolute http(s) enclosures with a lower-case type', () => {
    expect(
      normalize({
        enclosures: [
          { url: '/a.MP3', type: 'Audio/MPEG', length: 10 },
          { url: 'ftp://example.org/b', type: null, length: null },
          { url: 'https://cdn.example/c.jpg', type: null, length: null },
        ],
      }).enclosures,
    ).toEqual([
      { url: 'https://example.org/a.MP3', type: 'audio/mpeg', length: 10 },
      { url: 'https://cdn.example/c.jpg', type: null, length: null },
    ]);
  });
});

describe('link', () => {
  it('falls back to a permalink guid when the item has no link', () => {
    expect(normalize({ guid: 'https://example.org/p/1' }).link).toBe('https://example.org/p/1');
    expect(normalize({ guid: 'https://example.org/p/1', guidIsPermaLink: false }).link).toBeNull();
  });
});

describe('normalizeFeed', () => {
  it('keeps the first of items with the same _id and reports the others as dropped', () => {
    const items = [
      raw({ guid: 'https://example.org/a', title: 'first' }),
      raw({ guid: 'https://example.org/a#again', title: 'second' }),
      raw({ guid: 'https://example.org/b', title: 'third' }),
    ];
    const normalized = normalizeFeed(feed(items), context);
    expect(normalized.items.map((item) => item.title)).toEqual(['first', 'third']);
    expect(normalized.dropped).toEqual([{ index: 1, keptIndex: 0, identityKey: 'https://example.org/a', guidSource: 'guid-url' }]);
  });

  it('stores the feed guid as the feed wrote it and the identity key apart', () => {
    expect(normalize({ guid: ' 123 ', link: 'https://example.org/a' })).toMatchObject({ guid: '123', identityKey: 'src:123', guidSource: 'guid' });
    expect(normalize({ link: 'https://example.org/a?utm_source=x' })).toMatchObject({ guid: null, identityKey: 'https://example.org/a', guidSource: 'link' });
  });

  // Each case: the feed's <item>s, then what comes out: [guidSource, guid] per item kept, and how many were dropped.
  it.each([
    [
      'distinct guids sharing a link are two items',
      '<item><guid isPermaLink="false">a-2</guid><link>https://a.example/</link><title>Один</title></item><item><guid isPermaLink="false">a-3</guid><link>https://a.example/</link><title>Два</title></item>',
      [['guid', 'a-2'], ['guid', 'a-3']],
      0,
    ],
    [
      'no guids, one link, two titles: link and title tell them apart',
      '<item><link>https://a.example/r?id=1</link><title>Один</title></item><item><link>https://a.example/r?id=1&amp;utm_source=rss</link><title>Два</title></item>',
      [['link-title', null], ['link-title', null]],
      0,
    ],
    [
      'no guids, same link and title: the same item twice',
      '<item><link>https://a.example/r</link><title>Один</title></item><item><link>https://a.example/r</link><title>Один</title></item>',
      [['link', null]],
      1,
    ],
    [
      'the same guid twice: one item',
      '<item><guid>https://a.example/1</guid><title>Один</title></item><item><guid>https://a.example/1</guid><title>Один, исправлено</title></item>',
      [['guid-url', 'https://a.example/1']],
      1,
    ],
    [
      'a link item whose link is another item\'s guid, other title: two items',
      '<item><guid>https://a.example/1</guid><title>Один</title></item><item><link>https://a.example/1</link><title>Два</title></item>',
      [['guid-url', 'https://a.example/1'], ['link-title', null]],
      0,
    ],
    [
      'an item alone on its link keeps the plain link key',
      '<item><link>https://a.example/1</link><title>Один</title></item><item><link>https://a.example/2</link><title>Один</title></item>',
      [['link', null], ['link', null]],
      0,
    ],
  ])('%s', async (_name, items, kept, dropped) => {
    const parsed = await parseFeed(rssWith(items));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const normalized = normalizeFeed(parsed.value, context);
    expect(normalized.items.map((item) => [item.guidSource, item.guid])).toEqual(kept);
    expect(new Set(normalized.items.map((item) => item._id)).size).toBe(kept.length);
    expect(normalized.dropped).toHaveLength(dropped);
  });

  it.each([
    // Two entries with the same alternate link and nothing else: one item, counted as dropped.
    ['feedparser atom10/entry_link_no_href_link_priority.xml', new URL('../parse/testdata/feedparser/wellformed/atom10/entry_link_no_href_link_priority.xml', import.meta.url), 'link'],
    // Two entries with only the same title: one item, counted as dropped.
    ['feedparser node_precedence/atom10_title.xml', new URL('./testdata/feedparser/wellformed/node_precedence/atom10_title.xml', import.meta.url), 'content-hash'],
  ])('%s: the same entry twice is kept once and reported', async (_name, url, guidSource) => {
    const parsed = await parsedFile(url);
    expect(parsed.items).toHaveLength(2);
    const normalized = normalizeFeed(parsed, context);
    expect(normalized.items).toHaveLength(1);
    expect(normalized.dropped).toEqual([expect.objectContaining({ index: 1, keptIndex: 0, guidSource })]);
  });
});

describe('real feeds', () => {
  it('newsru.com: RFC 822 dates with single-digit days, image enclosures, unique ids', async () => {
    const { parsed, items } = await realFeed('newsru.com.windows-1251.utf8.xml');
    expect(items).toHaveLength(parsed.items.length);
    expect(items[0]).toMatchObject({
      link: 'http://www.newsru.com/world/03jan2006/ankara.html',
      guidSource: 'link',
      publishedAt: '2006-01-03T16:57:00.000Z',
      publishedAtEstimated: false,
      image: 'http://www.newsru.com/pict/id/large/819682_20060103204701.gif',
    });
    expect(items.every((item) => item.enclosures.every((enclosure) => enclosure.length === null))).toBe(true);
    expect(new Set(items.map((item) => item._id)).size).toBe(items.length);
  });

  it('aif.ru: no dates anywhere, so every date is estimated as now', async () => {
    const { items } = await realFeed('aif.ru.health.windows-1251.utf8.xml');
    expect(items.length).toBe(17);
    expect(items.every((item) => item.publishedAtEstimated && item.publishedAt === now)).toBe(true);
    expect(items.every((item) => item.summary === item.summary.trim() && item.summary.length > 0)).toBe(true);
  });

  it('oren.ru: yandex:full-text becomes sanitized content, double-escaped entities are decoded once', async () => {
    const { items } = await realFeed('oren.ru.windows-1251.yandex.utf8.xml');
    expect(items).toHaveLength(10);
    const all = items.map((item) => htmlToText(item.contentHtml)).join('\n');
    // The feed has "&amp;nbsp;&amp;nbsp;": two no-break spaces, collapsed in the text view.
    expect(all).toContain('Интернет. Парень');
    expect(all).toContain('(колледжа)');
    expect(all).not.toMatch(/&(nbsp|#40|laquo);/);
    expect(items.every((item) => !/noindex/i.test(item.contentHtml))).toBe(true);
    expect(items[0]?.image).toBe('http://www.oren.ru/upload/iblock/be8/stroitelstvo_krany.jpg');
    expect(items[0]?.publishedAt).toMatch(/^2014-01-2\dT/);
  });

  it('ibash.org.ru: text escaped inside CDATA reads as the characters it names', async () => {
    const { items } = await realFeed('ibash.org.ru.windows-1251.utf8.xml');
    const summaries = items.map((item) => item.summary).join('\n');
    expect(summaries).toContain('< L29Ah>');
    expect(summaries).toContain('"Mazda CX-3"');
    expect(items.every((item) => item.guidSource === 'guid-url')).toBe(true);
  });

  it('koi.kinder.ru: every one of the 35 items is kept, the two stories sharing a redirect link included', async () => {
    const { parsed, items, dropped } = await realFeed('koi.kinder.ru.koi8-r.utf8.xml');
    expect(parsed.items).toHaveLength(35);
    expect(items).toHaveLength(35);
    expect(dropped).toEqual([]);
    const shared = items.filter((item) => item.link === 'http://www.kinder.ru/redir.asp?id=2736');
    expect(shared.map((item) => item.guidSource)).toEqual(['link-title', 'link-title']);
    expect(shared[0]!.title).not.toBe(shared[1]!.title);
    // Items alone on their link keep the link as their identity, so their ids do not move.
    expect(items.filter((item) => item.guidSource === 'link')).toHaveLength(32);
  });

  it('koi.kinder.ru: an item with empty title and link gets a title from its text', async () => {
    const { parsed, items } = await realFeed('koi.kinder.ru.koi8-r.utf8.xml');
    const index = parsed.items.findIndex((item) => !item.title);
    const item = normalizeItem(parsed.items[index] as RawItem, parsed, context);
    expect(item.title.startsWith('23 ФЕВРАЛЯ ДЕНЬ ЗАЩИТНИКОВ ОТЕЧЕСТВА')).toBe(true);
    expect(item.link).toBeNull();
    expect(items.every((entry) => entry.title.length > 0)).toBe(true);
  });
});
