// checkFeed over loopback HTTP on real files: JSON Feed, windows-1252 C1
// characters, the richer fields (authors, iTunes and Media RSS texts, the
// image's alt text), Atom link priority, Content-Location and
// Content-Language. The feedparser files are served with the headers their
// manifest names and scored by the same rules as scripts/corpus-check.ts.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedRoute, type FeedServer } from '../fetch/testServer.ts';
import { parseFeed } from '../parse/index.ts';
import { normalizeFeed } from '../normalize/index.ts';
import { createDefaultStages } from '../stages.ts';
import { checkFeed } from './checkFeed.ts';
import { CORPUS_ORIGIN, checkHolds, type ManifestLine } from './feedparserExpectations.ts';

const testdata = (path: string) => new URL(`./testdata/${path}`, import.meta.url);
const stages = createDefaultStages({ politeness: false });
const manifest: ManifestLine[] = readFileSync(testdata('feedparser/manifest.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as ManifestLine);

let server: FeedServer;
let origin: string;
beforeAll(async () => {
  const routes: Record<string, FeedRoute> = {};
  server = await startFeedServer(routes);
  origin = new URL(server.url('/')).origin;
  for (const line of manifest) {
    const headers: Record<string, string> = { 'content-type': 'text/xml' };
    for (const [name, value] of Object.entries(line.http_headers ?? {})) headers[name.toLowerCase()] = value.split(CORPUS_ORIGIN).join(origin);
    routes[`/tests/${line.file}`] = { body: readFileSync(testdata(`feedparser/${line.file}`)), headers };
  }
  const rssParser = (file: string, headers: Record<string, string> = {}): FeedRoute => ({
    body: readFileSync(testdata(`rss-parser/${file}`)),
    headers: { 'content-type': 'application/xml', ...headers },
  });
  routes['/narro.rss'] = rssParser('narro.rss');
  routes['/instant-article.rss'] = rssParser('instant-article.rss');
  routes['/youtube.atom'] = rssParser('atom-customfields.atom');
  routes['/gulp.atom'] = rssParser('gulp-atom.atom');
  routes['/mirror/gulp.atom'] = rssParser('gulp-atom.atom', { 'content-location': 'https://releases.example/gulpjs/gulp/releases.atom' });
  routes['/feed.json'] = { body: readFileSync(testdata('site/feed.json')), headers: { 'content-type': 'application/feed+json' } };
  routes['/latin1.xml'] = {
    // ISO-8859-1 text written on Windows: “ ” ’ — are bytes 0x93 0x94 0x92 0x97.
    body: Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Caf\xe9</title><item><title>', 'latin1'),
      Buffer.from([0x93, 0x44, 0x6f, 0x6e, 0x92, 0x74, 0x94, 0x20, 0x97, 0x20, 0x80, 0x35]),
      Buffer.from('</title><guid>1</guid></item></channel></rss>'),
    ]),
    headers: { 'content-type': 'application/rss+xml' },
  };
});
afterAll(async () => server?.close());

describe('checkFeed: feedparser expectations over HTTP', () => {
  it.each(manifest.map((line) => [line.file, line] as const))('%s', async (file, line) => {
    const check = await checkFeed(server.url(`/tests/${file}`), stages);
    for (const expectation of line.checks) {
      expect(checkHolds(expectation, check, origin), `${expectation.path}: expected ${JSON.stringify(expectation.equals)}, got ${JSON.stringify(check)}`).toBe(true);
    }
  });
});

describe('checkFeed: real feeds', () => {
  it('reads a JSON Feed 1.1 (the site’s own) into the usual items', async () => {
    const check = await checkFeed(server.url('/feed.json'), stages);
    expect(check).toMatchObject({ ok: true, format: 'json', feed: { title: 'Медицинские кластеры: все новости', link: 'https://medclusters.example/ru/', language: 'ru' } });
    expect(check.items).toHaveLength(3);
    for (const item of check.items) {
      expect(item.guid).toMatch(/^medclusters:ru:item-[0-9a-f]{24}$/);
      expect(item.link).toMatch(/^https:\/\/medclusters\.example\/ru\/news\//);
      expect(item.title).not.toBe('');
      expect(item.summary).not.toBe('');
      expect(item.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
  });

  it('reads a JSON Feed 1.0 (author, attachments) and escapes content_text', async () => {
    const check = await checkFeed(server.url('/tests/json/example.json'), stages);
    expect(check.format).toBe('json');
    expect(check.items[0]).toMatchObject({ title: 'post 2', link: 'https://example.org/second-item', guid: '2', contentHtml: 'This is a second item.' });
    expect(check.items[0]?.enclosures).toEqual([{ url: 'https://example.org/second-item-show.mp4', type: 'video/mp4', length: 12000000 }]);
    expect(check.items[1]).toMatchObject({ author: 'you', contentHtml: '<p>Hello, world!</p>' });
  });

  it('reads windows-1252 punctuation in ISO-8859-1 text and says so', async () => {
    const check = await checkFeed(server.url('/latin1.xml'), stages);
    expect(check).toMatchObject({ ok: true, encoding: 'iso-8859-1', feed: { title: 'Café' }, repaired: { kind: 'windows-1252-c1', count: 5 } });
    expect(check.items[0]?.title).toBe('“Don’t” — €5');
  });

  it('takes dc:creator and itunes:author as the author, itunes:summary as the summary', async () => {
    const creator = await checkFeed(server.url('/instant-article.rss'), stages);
    expect(creator.items[0]?.author).toBe('tobi');
    const podcast = await checkFeed(server.url('/narro.rss'), stages);
    expect(podcast.items[0]).toMatchObject({ title: 'FAQ for Narro', author: 'foobar@gmail.com' });
  });

  it('reads a YouTube feed: media:group title, thumbnail and description (also the image’s alt text)', async () => {
    const check = await checkFeed(server.url('/youtube.atom'), stages);
    const first = check.items[0]!;
    expect(first).toMatchObject({ title: 'Buy Now, Bitches*', link: 'https://www.youtube.com/watch?v=lR-w1h5ONOY', image: 'https://i1.ytimg.com/vi/lR-w1h5ONOY/hqdefault.jpg' });
    expect(first.summary).toMatch(/^Scott's Book "The Four"/);
    expect(first.imageAlt).toMatch(/^Scott's Book "The Four"/);
    expect(first.imageAlt!.length).toBeLessThanOrEqual(250);
  });

  it('resolves relative entry links against the feed link, and against Content-Location when the server sends one', async () => {
    const plain = await checkFeed(server.url('/gulp.atom'), stages);
    expect(plain.items[0]?.link).toBe('https://github.com/gulpjs/gulp/releases/tag/v3.9.0');
    const mirrored = await checkFeed(server.url('/mirror/gulp.atom'), stages);
    expect(mirrored.items[0]?.link).toBe('https://releases.example/gulpjs/gulp/releases/tag/v3.9.0');
    expect(mirrored.feed?.language).toBe('en-US');
  });
});

describe('Atom entry link priority', () => {
  const entry = (links: string) =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>urn:x:1</id><title>x</title>${links}</entry></feed>`;
  it.each([
    ['rel="alternate" before a link with no rel', '<link href="https://a.example/none"/><link rel="alternate" href="https://a.example/alt"/>', 'https://a.example/alt'],
    ['no rel before other relations', '<link rel="enclosure" href="https://a.example/e.mp3"/><link href="https://a.example/none"/>', 'https://a.example/none'],
    ['an HTML alternate before another type', '<link rel="alternate" type="application/pdf" href="https://a.example/p.pdf"/><link rel="alternate" type="text/html" href="https://a.example/page"/>', 'https://a.example/page'],
    ['only self and edit: no link', '<link rel="self" href="https://a.example/self"/><link rel="edit" href="https://a.example/edit"/>', null],
  ])('%s', async (_name, links, expected) => {
    const parsed = await parseFeed(entry(links));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { items } = normalizeFeed(parsed.value, { sourceId: 's', feedUrl: 'https://feed.example/atom.xml', now: '2026-12-01T00:00:00.000Z' });
    expect(items[0]?.link).toBe(expected);
  });
});
