import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFeed } from './parseFeed.ts';

const testdata = (path: string) => readFileSync(new URL(`./testdata/${path}`, import.meta.url), 'utf8');

const rss = (channel: string, attributes = '') =>
  `<?xml version="1.0"?><rss version="2.0"${attributes}><channel><title>t</title>${channel}</channel></rss>`;

async function firstItem(document: string) {
  const result = await parseFeed(document);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  const item = result.value.items[0];
  if (!item) throw new Error('no item');
  return item;
}

describe('entities', () => {
  it.each([
    ['HTML named entities become characters', '<title>a&nbsp;b &laquo;c&raquo; d&mdash;e&hellip;</title>', 'a\u00a0b «c» d—e…'],
    ['inside CDATA they stay literal', '<title><![CDATA[a&nbsp;b &laquo;]]></title>', 'a&nbsp;b &laquo;'],
    ['an escaped entity is decoded once only', '<title>a&amp;nbsp;b &amp;quot;</title>', 'a&nbsp;b &quot;'],
    ['an unknown entity stays as text', '<title>testing &doesnotexist; entity</title>', 'testing &doesnotexist; entity'],
    ['a bare ampersand is text', '<title>AT&T, a=1&b=2 & c</title>', 'AT&T, a=1&b=2 & c'],
    ['numeric references, upper-case X too', '<title>&#65;&#x42;&#X43;</title>', 'ABC'],
    ['a reference to a character XML forbids becomes U+FFFD', '<title>a&#0;b&#xFFFF;</title>', 'a\ufffdb\ufffd'],
    ['multi-code-point entities', '<title>&NotEqualTilde;</title>', '\u2242\u0338'],
  ])('%s', async (_name, element, title) => {
    expect((await firstItem(rss(`<item>${element}</item>`))).title).toBe(title);
  });

  it('entities in attribute values', async () => {
    const item = await firstItem(rss('<item><enclosure url="http://example.org/a?x=1&amp;y=2&z=3&nbsp;4" type="image/png"/></item>'));
    expect(item.enclosures[0]?.url).toBe('http://example.org/a?x=1&y=2&z=3\u00a04');
  });
});

describe('failures are values with stable codes', () => {
  it.each([
    ['feed_empty', ''],
    ['feed_empty', '  \n\t '],
    ['feed_empty', '<?xml version="1.0"?><!-- nothing -->'],
    ['not_a_feed', '{"error": "not found", "status": 404}'],
    ['not_a_feed', '[1, 2, 3]'],
    ['json_malformed', '{"version": "https://jsonfeed.org/version/1.1", "items": [}'],
    ['not_a_feed', '<!DOCTYPE html><html><head><title>Not found</title></head><body>404</body></html>'],
    ['not_a_feed', '<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>'],
    ['not_a_feed', 'Service temporarily unavailable'],
    ['xml_malformed', '<rss version="2.0"><channel><title>t</title><item></channel></rss>'],
    ['xml_malformed', '<rss version="2.0"><channel><title><![CDATA[never closed</title></channel></rss>'],
    ['xml_malformed', '<rss version="2.0"><channel><title>t</title></channel></rs'],
    ['xml_malformed', '<rss version="2.0"><channel><title>t</title></channel'],
    ['xml_malformed', '<rss version="2.0"><channel><title>t</title></rss'],
    ['xml_malformed', '<rss version="2.0"><channel><title a=b>t</title></channel></rss>'],
  ])('%s: %j', async (code, document) => {
    const result = await parseFeed(document);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(10);
  });

  it('names the line and column of a well-formedness error', async () => {
    const result = await parseFeed('<rss version="2.0">\n<channel>\n<title>t</titel>\n</channel>\n</rss>');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/line 3, column \d+/);
  });

  it.each([
    ['RSS cut off in its end tag', '<rss version="2.0"><channel><title>t</title><item><title>i</title></item></channel></rss', 'rss2'],
    ['RSS, whitespace after', '<rss version="2.0"><channel><title>t</title><item><title>i</title></item></channel></rss \n', 'rss2'],
    ['Atom', '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>i</title></entry></feed', 'atom'],
    ['RDF', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>t</title></channel><item><title>i</title></item></rdf:RDF', 'rss1'],
  ])('recovers a document whose root end tag lacks only its ">": %s', async (_name, document, format) => {
    const result = await parseFeed(document);
    expect(result.ok && { format: result.value.format, title: result.value.title, items: result.value.items.map((item) => item.title) }).toEqual({
      format,
      title: 't',
      items: ['i'],
    });
  });

  it('a well-formed rss with no channel is an empty feed', async () => {
    const result = await parseFeed('<rss version="2.0"></rss>');
    expect(result.ok && result.value.items).toEqual([]);
  });
});

describe('formats, from the root element', () => {
  it.each([
    ['wellformed/rss/rss_version_090.xml', 'rss09'],
    ['wellformed/rss/rss_version_091_netscape.xml', 'rss09'],
    ['wellformed/rss/rss_version_092.xml', 'rss09'],
    ['wellformed/rss/rss_version_20.xml', 'rss2'],
    ['wellformed/rss/rss_version_missing.xml', 'rss2'],
    ['wellformed/rdf/rss_version_10.xml', 'rss1'],
    ['wellformed/atom/feed_title.xml', 'atom'],
    ['wellformed/atom10/feed_title.xml', 'atom'],
    ['wellformed/atom/atom_namespace_3.xml', 'atom'],
  ])('%s is %s', async (file, format) => {
    const result = await parseFeed(testdata(`feedparser/${file}`));
    expect(result.ok && result.value.format).toBe(format);
  });
});

describe('namespaces: any prefix, the userland RSS 2 default namespace', () => {
  it.each([
    ['wellformed/namespace/rss2.0NSwithModules.xml', 'Test Item - RSS2.0 w/ NS'],
    ['wellformed/namespace/rss2.0NSwithModulesNoDefNS.xml', 'Test Item - - RSS2.0 w/ NS no default NS'],
    ['wellformed/namespace/rss1.0withModulesNoDefNS.xml', 'Test Item - RSS 1.0 no Default NS'],
  ])('%s', async (file, title) => {
    const item = await firstItem(testdata(`feedparser/${file}`));
    expect(item.title).toBe(title);
    expect(item.date).not.toBeNull();
  });

  it('a module under another prefix keeps its meaning; a clashing local name does not leak', async () => {
    const item = await firstItem(testdata('feedparser/wellformed/namespace/rss2.0NSwithModulesNoDefNSLocalNameClash.xml'));
    expect(item.description).toBe('correct description');
    const renamed = await firstItem(
      rss('<item><c:encoded>&lt;p&gt;full&lt;/p&gt;</c:encoded></item>', ' xmlns:c="http://purl.org/rss/1.0/modules/content/"'),
    );
    expect(renamed.content).toBe('<p>full</p>');
  });
});

describe('refresh hints for the service schedule', () => {
  it.each([
    ['none', '', { ttl: null, updatePeriod: null, updateFrequency: null }],
    ['RSS <ttl>', '<ttl> 30 </ttl>', { ttl: '30', updatePeriod: null, updateFrequency: null }],
    [
      'the syndication module under its usual prefix',
      '<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>',
      { ttl: null, updatePeriod: 'hourly', updateFrequency: '2' },
    ],
    [
      'the syndication module under another prefix',
      '<s:updatePeriod xmlns:s="http://purl.org/rss/1.0/modules/syndication/">daily</s:updatePeriod>',
      { ttl: null, updatePeriod: 'daily', updateFrequency: null },
    ],
  ])('%s', async (_name, channel, refresh) => {
    const parsed = await parseFeed(
      `<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>${channel}<item><title>a</title></item></channel></rss>`,
    );
    expect(parsed.ok && parsed.value.refresh).toEqual(refresh);
  });
});

describe('xml:base', () => {
  it('records the effective base of the feed and of each item', async () => {
    const result = await parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/blog/">
      <title>t</title>
      <entry xml:base="2024/"><id>1</id><link href="post.html"/></entry>
      <entry><id>2</id></entry>
      <entry xml:base="https://other.example/x/"><id>3</id></entry>
    </feed>`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.xmlBase).toBe('http://example.com/blog/');
    expect(result.value.items.map((item) => item.xmlBase)).toEqual([
      'http://example.com/blog/2024/',
      'http://example.com/blog/',
      'https://other.example/x/',
    ]);
    expect(result.value.items[0]?.link).toBe('post.html');
  });

  it('combines the bases of <rss> and <channel>; relative ones stay relative', async () => {
    const result = await parseFeed(
      '<rss version="2.0" xml:base="/root/"><channel xml:base="sub/"><title>t</title><item xml:base="deeper/"><title>i</title></item></channel></rss>',
    );
    expect(result.ok && result.value.xmlBase).toBe('/root/sub/');
    expect(result.ok && result.value.items[0]?.xmlBase).toBe('/root/sub/deeper/');
  });

  it('feedparser wellformed/base/relative_xml_base.xml', async () => {
    const item = await firstItem(testdata('feedparser/wellformed/base/relative_xml_base.xml'));
    expect(item.xmlBase).toBe('http://example.com/');
    // The xhtml title is kept as markup, in order.
    expect(item.title).toBe('<div>Example <a href="test.html">test</a></div>');
  });
});

describe('Atom content', () => {
  it.each([
    ['type="text" is escaped into HTML', '<content type="text">a &lt;b&gt; c</content>', 'a &lt;b&gt; c'],
    ['type="html" is HTML', '<content type="html">a &lt;b&gt;c&lt;/b&gt;</content>', 'a <b>c</b>'],
    [
      'type="xhtml" keeps its markup in order',
      '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">one <b>two</b> three <i>four</i></div></content>',
      '<div>one <b>two</b> three <i>four</i></div>',
    ],
    ['prefixed xhtml loses its prefix', '<content type="xhtml"><h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p></content>', '<p>x</p>'],
    ['base64', '<content type="application/octet-stream">PGI+aGk8L2I+</content>', '<b>hi</b>'],
    ['out-of-line (src) has no text', '<content src="http://example.org/x" type="text/html"/>', null],
  ])('%s', async (_name, element, content) => {
    const item = await firstItem(`<feed xmlns="http://www.w3.org/2005/Atom"><entry>${element}</entry></feed>`);
    expect(item.content).toBe(content);
  });

  it('reads id, dates, author, links and enclosures', async () => {
    const item = await firstItem(`<feed xmlns="http://www.w3.org/2005/Atom"><entry>
      <id>tag:example.org,2024:1</id><updated>2024-05-02T10:00:00Z</updated><published>2024-05-01T10:00:00Z</published>
      <author><name>Jane</name><email>j@example.org</email></author>
      <link rel="self" href="http://example.org/self"/><link href="http://example.org/post"/>
      <link rel="enclosure" href="http://example.org/a.mp3" type="audio/mpeg" length="123"/>
    </entry></feed>`);
    expect(item).toMatchObject({
      guid: 'tag:example.org,2024:1',
      guidIsPermaLink: null,
      date: '2024-05-01T10:00:00Z',
      author: 'Jane',
      link: 'http://example.org/post',
      enclosures: [{ url: 'http://example.org/a.mp3', type: 'audio/mpeg', length: 123 }],
    });
  });

  it('an unparseable published date does not lose the feed', async () => {
    const item = await firstItem('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><published>someday</published></entry></feed>');
    expect(item.date).toBe('someday');
  });
});

describe('RSS items', () => {
  it('maps guid and isPermaLink, media and enclosures', async () => {
    const item = await firstItem(
      rss(
        `<item><guid isPermaLink="false">123</guid>
          <enclosure url="http://example.org/a.jpg" type="image/jpeg" length=""/>
          <enclosure url="http://example.org/b.mp3" length="42"/>
          <media:content url="http://example.org/v.mp4" type="video/mp4"/>
          <media:content url="http://example.org/big.jpg" medium="image"><media:thumbnail url="http://example.org/t.jpg"/></media:content>
          <media:group><media:content url="http://example.org/g.png"/></media:group>
          <dc:creator>Ivan</dc:creator><dc:date>2006-01-03T19:57:00+03:00</dc:date></item>`,
        ' xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/"',
      ),
    );
    expect(item.guid).toBe('123');
    expect(item.guidIsPermaLink).toBe(false);
    expect(item.enclosures).toEqual([
      { url: 'http://example.org/a.jpg', type: 'image/jpeg', length: null },
      { url: 'http://example.org/b.mp3', type: null, length: 42 },
    ]);
    expect(item.mediaUrls).toEqual(['http://example.org/big.jpg', 'http://example.org/g.png', 'http://example.org/t.jpg']);
    expect(item.author).toBe('Ivan');
    expect(item.date).toBe('2006-01-03T19:57:00+03:00');
  });

  it('unescaped markup in a description is kept as HTML', async () => {
    const item = await firstItem(rss('<item><description>one <b>two</b> three<br/>four</description></item>'));
    expect(item.description).toBe('one <b>two</b> three<br />four');
  });
});

type RealFeed = {
  file: string;
  format: string;
  items: number;
  /** Items with a date string. */
  dated: number;
  enclosures: number;
  withContent: number;
  /** Items with an http link (one Kinder.ru item has an empty <title> and <link>). */
  linked: number;
};

// Item counts are those of <item> elements in each file (SOURCES.md in the corpus).
const REAL_FEEDS: RealFeed[] = [
  { file: 'aif.ru.health.windows-1251.utf8.xml', format: 'rss09', items: 17, dated: 0, enclosures: 0, withContent: 0, linked: 17 },
  { file: 'aviaport.ru.windows-1251.utf8.xml', format: 'rss2', items: 30, dated: 30, enclosures: 0, withContent: 30, linked: 30 },
  { file: 'ibash.org.ru.windows-1251.utf8.xml', format: 'rss2', items: 50, dated: 50, enclosures: 0, withContent: 0, linked: 50 },
  { file: 'intertat.ru.koi8-r.utf8.xml', format: 'rss2', items: 30, dated: 30, enclosures: 2, withContent: 30, linked: 30 },
  { file: 'kapranoff.ru.windows-1251.rdf.utf8.xml', format: 'rss1', items: 15, dated: 15, enclosures: 0, withContent: 0, linked: 15 },
  { file: 'koi.kinder.ru.koi8-r.utf8.xml', format: 'rss2', items: 35, dated: 35, enclosures: 0, withContent: 0, linked: 34 },
  { file: 'money.rin.ru.windows-1251.utf8.xml', format: 'rss09', items: 15, dated: 0, enclosures: 0, withContent: 0, linked: 15 },
  { file: 'newsru.com.windows-1251.utf8.xml', format: 'rss2', items: 30, dated: 30, enclosures: 85, withContent: 0, linked: 30 },
  { file: 'oren.ru.windows-1251.yandex.utf8.xml', format: 'rss2', items: 10, dated: 10, enclosures: 10, withContent: 10, linked: 10 },
];

describe('real Russian feeds (UTF-8 copies)', () => {
  it.each(REAL_FEEDS.map((feed) => [feed.file, feed] as const))('%s', async (file, expected) => {
    const text = testdata(`real-feeds/${file}`);
    const result = await parseFeed(text);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const feed = result.value;
    expect(feed.format).toBe(expected.format);
    expect(feed.items).toHaveLength(expected.items);
    expect(feed.items).toHaveLength(text.match(/<item[\s>]/g)?.length ?? -1);
    expect(feed.title?.trim()).toBeTruthy();
    expect(feed.items.filter((item) => item.date !== null)).toHaveLength(expected.dated);
    expect(feed.items.flatMap((item) => item.enclosures)).toHaveLength(expected.enclosures);
    expect(feed.items.filter((item) => item.content !== null)).toHaveLength(expected.withContent);
    expect(feed.items.filter((item) => /^http:\/\//.test(item.link ?? ''))).toHaveLength(expected.linked);
    for (const item of feed.items) {
      expect(`${item.title} ${item.description ?? ''}`).toMatch(/[А-Яа-яЁё]/);
    }
  });

  it('intertat.ru: items in the userland default namespace are found, with yandex:full-text', async () => {
    const result = await parseFeed(testdata('real-feeds/intertat.ru.koi8-r.utf8.xml'));
    expect(result.ok && result.value.items[0]?.content).toMatch(/^Наступивший год/);
  });

  it('ibash.org.ru: escaped text inside CDATA stays literal', async () => {
    const result = await parseFeed(testdata('real-feeds/ibash.org.ru.windows-1251.utf8.xml'));
    const all = result.ok ? result.value.items.map((item) => item.description).join('\n') : '';
    expect(all).toContain('&lt;L29Ah&gt;');
    expect(all).toContain('&quot;Mazda CX-3&quot;');
    // CDATA holds <br /> tags as markup, and guids without isPermaLink.
    expect(result.ok && result.value.items[0]?.guidIsPermaLink).toBeNull();
  });

  it('oren.ru: double-escaped entities in yandex:full-text come out escaped once', async () => {
    const result = await parseFeed(testdata('real-feeds/oren.ru.windows-1251.yandex.utf8.xml'));
    const content = result.ok ? result.value.items.map((item) => item.content).join('\n') : '';
    expect(content).toContain('&nbsp;&nbsp;Парень');
    expect(content).toContain('&#40;колледжа&#41;');
    expect(content).toContain('<br />');
  });

  it('kapranoff.ru: RSS 1.0 with dc:date, wrong dc:language kept as stated', async () => {
    const result = await parseFeed(testdata('real-feeds/kapranoff.ru.windows-1251.rdf.utf8.xml'));
    expect(result.ok && result.value.language).toBe('en-us');
    expect(result.ok && result.value.items[0]?.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
