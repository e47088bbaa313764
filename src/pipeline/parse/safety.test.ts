import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from './parseFeed.ts';
import { DEFAULT_PARSE_LIMITS } from './prepareXml.ts';

const rss = (items: string, prolog = '') => `<?xml version="1.0"?>${prolog}
<rss version="2.0"><channel><title>t</title><link>http://example.org/</link>${items}</channel></rss>`;

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title></channel></rss>`;

/** A loopback listener that counts connections: any fetch of a DTD or entity would show up here. */
let server: Server;
let port = 0;
let connections = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('entity bombs are refused, fast', () => {
  it.each([
    ['billion laughs (nested references)', BILLION_LAUGHS],
    [
      'parameter-entity nesting',
      rss('<item><title>x</title></item>', '<!DOCTYPE rss [<!ENTITY % a "x"><!ENTITY % b "%a;%a;%a;">]>'),
    ],
    [
      'quadratic blowup (one big entity, referenced many times)',
      rss(`<item><title>${'&big;'.repeat(400)}</title></item>`, `<!DOCTYPE rss [<!ENTITY big "${'x'.repeat(4000)}">]>`),
    ],
    ['a huge entity value', rss('<item/>', `<!DOCTYPE rss [<!ENTITY huge "${'x'.repeat(100_000)}">]>`)],
    [
      'too many declarations',
      rss('<item/>', `<!DOCTYPE rss [${Array.from({ length: 100 }, (_, i) => `<!ENTITY e${i} "v">`).join('')}]>`),
    ],
  ])('%s', async (_name, document) => {
    const started = performance.now();
    const result = await parseFeed(document);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('xml_entity_bomb');
  });

  it('expands a small internal entity (feedparser wellformed/rss/entity_in_doctype)', async () => {
    const result = await parseFeed(
      rss('<item><guid isPermaLink="false">&id;2006-05-04:/blog/</guid></item>', '<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]>'),
    );
    expect(result.ok && result.value.items[0]?.guid).toBe('tag:example.com,2006-05-04:/blog/');
  });
});

describe('external entities and DTDs are never fetched', () => {
  it('neutralises a SYSTEM file:///etc/passwd entity (XXE)', async () => {
    const result = await parseFeed(
      rss('<item><title>secret: &xxe;</title><description>&xxe;</description></item>', '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.items[0]?.title).toBe('secret:');
    expect(JSON.stringify(result.value)).not.toContain('root:');
  });

  it('does not connect to an external DTD or entity URL on loopback', async () => {
    const before = connections;
    const url = `http://127.0.0.1:${port}/x.dtd`;
    const documents = [
      rss('<item><title>a</title></item>', `<!DOCTYPE rss SYSTEM "${url}">`),
      rss('<item><title>&ext;</title></item>', `<!DOCTYPE rss [<!ENTITY ext SYSTEM "${url}">]>`),
      rss('<item><title>b</title></item>', `<!DOCTYPE rss [<!ENTITY % dtd SYSTEM "${url}"> %dtd;]>`),
      rss('<item><title>c</title></item>', `<?xml-stylesheet type="text/xsl" href="${url}"?>`),
    ];
    for (const document of documents) {
      const result = await parseFeed(document);
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    // Give a stray connection attempt time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections - before).toBe(0);
  });

  it('drops a public DOCTYPE such as Netscape RSS 0.91', async () => {
    const result = await parseFeed(`<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>N</title><item><title>i</title><link>http://example.org/i</link></item></channel></rss>`);
    expect(result.ok && result.value.format).toBe('rss09');
    expect(result.ok && result.value.items.length).toBe(1);
  });
});

describe('hostile shapes stay linear', () => {
  it.each([
    ['250 unclosed nested <title>s before 200k elements', `<rss version="2.0"><channel>${'<title>'.repeat(250)}${'<a/>'.repeat(200_000)}`, 'xml_malformed'],
    ['300k descriptions with unclosed <br>', `<rss version="2.0"><channel>${'<item><description>x <br> y</description></item>'.repeat(300_000)}`, 'xml_too_deep'],
  ])('%s', async (_name, document, code) => {
    const started = performance.now();
    const result = await parseFeed(document);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.ok ? 'ok' : result.error.code).toBe(code);
  });
});

describe('limits', () => {
  const manyItems = rss('<item><title>x</title></item>'.repeat(30));
  it.each([
    ['feed_too_large', manyItems, { maxChars: 100 }],
    ['feed_too_many_items', manyItems, { maxItems: 20 }],
    ['xml_too_deep', rss(`<item>${'<x>'.repeat(40)}${'</x>'.repeat(40)}</item>`), { maxDepth: 30 }],
  ])('%s', async (code, document, limit) => {
    const result = await parseFeed(document, { ...DEFAULT_PARSE_LIMITS, ...limit });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
    // The same document passes under the default limits.
    expect((await parseFeed(document)).ok).toBe(true);
  });

  it('has the documented defaults', () => {
    expect(DEFAULT_PARSE_LIMITS.maxChars).toBe(20 * 1024 * 1024);
    expect(DEFAULT_PARSE_LIMITS.maxItems).toBe(10_000);
  });
});
