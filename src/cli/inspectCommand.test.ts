import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../pipeline/fetch/testServer.ts';
import { createDefaultStages } from '../pipeline/stages.ts';
import { inspectInput, inspectLines } from './inspectCommand.ts';

const here = import.meta.dirname;
const PIPELINE = path.join(here, '../pipeline');
const stages = createDefaultStages({ politeness: false });

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({
    // A page that declares its feeds, as the site's layout does.
    '/declared/': { body: readFileSync(path.join(PIPELINE, 'discover/testdata/site/index.html')), headers: { 'content-type': 'text/html' } },
    '/ru/rss.xml': { body: readFileSync(path.join(PIPELINE, 'discover/testdata/site/rss.xml')), headers: { 'content-type': 'application/rss+xml' } },
    '/declared/feed.json': { body: readFileSync(path.join(PIPELINE, 'discover/testdata/site/feed.json')), headers: { 'content-type': 'application/feed+json' } },
    '/atom.xml': {
      body: '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Новости &lt;b&gt;здравоохранения&lt;/b&gt;</title><link href="/home"/><subtitle>Раз &amp; два</subtitle><entry><id>urn:x:1</id><title>Один</title><link href="/news/1"/></entry></feed>',
      headers: { 'content-type': 'application/atom+xml' },
    },
  });
});
afterAll(async () => server?.close());

describe('inspect', () => {
  it('prints the feed title as plain text: an escaped <script> is dropped, not shown', async () => {
    const line = await inspectInput(path.join(here, 'testdata/feedparser/feed_title_script.xml'), stages);
    expect(line.ok).toBe(true);
    expect(line.feed?.title).toBe('safe description');
  });

  it('makes the feed link absolute against the URL it was fetched from, and prints text', async () => {
    const line = await inspectInput(server.url('/atom.xml'), stages);
    expect(line.feed).toEqual({ title: 'Новости здравоохранения', link: server.url('/home'), description: 'Раз & два', language: null });
    expect(line.items[0]).toMatchObject({ link: server.url('/news/1'), guid: 'urn:x:1' });
  });

  it.each([
    ['a non-URL guid', 'parse/testdata/feedparser/wellformed/rss/item_guid_not_permalink_not_url.xml', 'abc'],
    ['a URL guid', 'parse/testdata/real-feeds/ibash.org.ru.windows-1251.utf8.xml', 'http://ibash.org.ru/quote.php?id=17703'],
    ['no guid at all', 'parse/testdata/real-feeds/newsru.com.windows-1251.utf8.xml', null],
  ])("prints the feed's own guid: %s", async (_name, file, guid) => {
    const line = await inspectInput(path.join(PIPELINE, file), stages);
    expect(line.ok).toBe(true);
    expect(line.items[0]?.guid).toBe(guid);
  });

  it('reports the windows-1251 repair of koi.kinder.ru and keeps its 35 items', async () => {
    const line = await inspectInput(path.join(PIPELINE, 'decode/testdata/real-feeds/koi.kinder.ru.koi8-r.xml'), stages);
    expect(line).toMatchObject({ ok: true, encoding: 'koi8-r', repaired: { kind: 'windows-1251-in-koi8-r' }, droppedItems: 0 });
    expect(line.items).toHaveLength(35);
    expect(line.items.map((item) => item.title).join('\n')).toContain('(сайт школы №1159)');
  });

  it('counts the items it leaves out as the same item twice', async () => {
    const line = await inspectInput(path.join(PIPELINE, 'parse/testdata/feedparser/wellformed/atom10/entry_link_no_href_link_priority.xml'), stages);
    expect(line).toMatchObject({ ok: true, droppedItems: 1 });
    expect(line.items).toHaveLength(1);
  });

  it.each([
    ['ftp://x/y', 'bad_url'],
    ['gopher://example.org/feed', 'bad_url'],
    ['http://', 'bad_url'],
    [path.join(tmpdir(), 'no-such-feed-here.xml'), 'file_not_found'],
  ])('%s → %s, as a line', async (input, code) => {
    const line = await inspectInput(input, stages);
    expect(line).toMatchObject({ input, ok: false, error: { code }, feed: null, items: [] });
  });

  it('a file that is not a feed gets a line with a parse error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'inspect-'));
    const file = path.join(dir, 'page.html');
    await writeFile(file, readFileSync(path.join(here, 'testdata/README.md')));
    const line = await inspectInput(file, stages);
    expect(line.ok).toBe(false);
    expect(line.error?.message).toMatch(/^parse: /);
  });

  it('on a page, prints each feed it declares with the usual line, then the one it would use', async () => {
    const lines = await inspectLines(server.url('/declared/'), stages);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ input: server.url('/ru/rss.xml'), ok: true, format: 'rss2', discoveredFrom: server.url('/declared/'), how: 'declared' });
    expect(lines[1]).toMatchObject({ input: server.url('/declared/feed.json'), ok: true, format: 'json', how: 'declared' });
    expect(lines[2]).toEqual({ input: server.url('/declared/'), ok: true, page: { candidates: 2, use: server.url('/ru/rss.xml'), reason: expect.any(String) } });
  });

  it('on a feed, prints its one line as before', async () => {
    const now = new Date('2026-12-07T12:00:00Z');
    const lines = await inspectLines(server.url('/atom.xml'), stages, now);
    expect(lines).toEqual([await inspectInput(server.url('/atom.xml'), stages, now)]);
  });
});
