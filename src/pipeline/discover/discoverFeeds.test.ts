// Feed autodiscovery over loopback HTTP: declared feeds, the usual paths, a
// saved page, and what is not a page.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedRoute, type FeedServer } from '../fetch/testServer.ts';
import { createDefaultStages } from '../stages.ts';
import { discoverFeeds } from './discoverFeeds.ts';
import { commonFeedPaths, declaredFeeds, looksLikeHtml } from './feedLinks.ts';

const site = (file: string) => readFileSync(new URL(`./testdata/site/${file}`, import.meta.url));
const stages = createDefaultStages({ politeness: false });
const html: FeedRoute['headers'] = { 'content-type': 'text/html; charset=utf-8' };

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer({
    // A site that declares its feeds (RSS first, then JSON Feed, as the site's layout does).
    '/declared/': { body: site('index.html'), headers: html },
    '/ru/rss.xml': { body: site('rss.xml'), headers: { 'content-type': 'application/rss+xml' } },
    '/declared/feed.json': { body: site('feed.json'), headers: { 'content-type': 'application/feed+json' } },
  });
});
afterAll(async () => server?.close());

/** A site that declares nothing and publishes its feed at one usual path; every other path is 404. */
async function plainSite(feedPath: string): Promise<FeedServer> {
  return startFeedServer({
    '/': { body: site('plain.html'), headers: html },
    [feedPath]: { body: site('rss.xml'), headers: { 'content-type': 'application/rss+xml' } },
  });
}

describe('discoverFeeds', () => {
  it('checks the feeds a page declares and uses the first that works', async () => {
    const found = await discoverFeeds(server.url('/declared/'), stages);
    expect(found.candidates.map(({ url, how, type }) => ({ url, how, type }))).toEqual([
      { url: server.url('/ru/rss.xml'), how: 'declared', type: 'application/rss+xml' },
      { url: server.url('/declared/feed.json'), how: 'declared', type: 'application/feed+json' },
    ]);
    expect(found.checks.map((check) => [check.ok, check.format, check.items.length])).toEqual([
      [true, 'rss2', 3],
      [true, 'json', 3],
    ]);
    expect(found).toMatchObject({ isFeed: false, use: server.url('/ru/rss.xml'), reason: expect.stringContaining('declares') });
  });

  it('passes over a declared feed that fails for the next one', async () => {
    server.routes['/broken/'] = { body: site('index.html'), headers: html };
    server.routes['/broken/feed.json'] = { body: site('feed.json'), headers: { 'content-type': 'application/feed+json' } };
    const original = server.routes['/ru/rss.xml'];
    server.routes['/ru/rss.xml'] = { status: 404 };
    try {
      const found = await discoverFeeds(server.url('/broken/'), stages);
      expect(found.checks[0]).toMatchObject({ ok: false, error: { code: 'http_status' } });
      expect(found.use).toBe(server.url('/broken/feed.json'));
    } finally {
      server.routes['/ru/rss.xml'] = original!;
    }
  });

  it.each(['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/?format=rss'])(
    'tries the usual paths when the page declares nothing: %s',
    async (feedPath) => {
      const plain = await plainSite(feedPath);
      try {
        const found = await discoverFeeds(plain.url('/'), stages);
        expect(found.candidates.map((candidate) => candidate.how)).toEqual(Array(7).fill('common-path'));
        expect(found.checks.filter((check) => check.ok)).toHaveLength(1);
        expect(found.use).toBe(plain.url(feedPath));
        expect(found.reason).toContain('usual path');
      } finally {
        await plain.close();
      }
    },
  );

  it('answers a feed address with its own check', async () => {
    const found = await discoverFeeds(server.url('/ru/rss.xml'), stages);
    expect(found).toMatchObject({ isFeed: true, candidates: [], use: server.url('/ru/rss.xml') });
    expect(found.checks).toHaveLength(1);
  });

  it('reads a saved page: its relative feed links point beside it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'discover-'));
    await writeFile(path.join(dir, 'index.html'), site('index.html'));
    await writeFile(path.join(dir, 'feed.json'), site('feed.json'));
    const found = await discoverFeeds(path.join(dir, 'index.html'), stages);
    // `/ru/rss.xml` is root-relative: on disk it is the file system's root, where nothing is.
    expect(found.checks.map((check) => check.error?.code ?? 'ok')).toEqual(['file_not_found', 'ok']);
    expect(fileURLToPath(found.use!)).toBe(path.join(dir, 'feed.json'));
  });

  it('does not search a broken feed or a page of a site without feeds', async () => {
    const other = await startFeedServer({
      '/broken.xml': { body: '<rss version="2.0"><channel><title>t</title><item></channel></rss>', headers: { 'content-type': 'application/rss+xml' } },
      '/': { body: site('plain.html'), headers: html },
    });
    try {
      const broken = await discoverFeeds(other.url('/broken.xml'), stages);
      expect(broken).toMatchObject({ isFeed: false, candidates: [], use: null, checks: [{ ok: false, error: { code: 'xml_malformed' } }] });
      const none = await discoverFeeds(other.url('/'), stages);
      expect(none.checks).toHaveLength(7);
      // Six 404s, and /?format=rss answered with the home page again, as sites that ignore the query do.
      expect(none.checks.map((check) => check.error?.code)).toEqual([...Array(6).fill('http_status'), 'not_a_feed']);
      expect(none).toMatchObject({ use: null, reason: 'none of the 7 candidates is a working feed' });
    } finally {
      await other.close();
    }
  });
});

describe('feed links in a page', () => {
  it.each([
    ['declared feeds, in page order, with a <base>', '<html><head><base href="https://b.example/x/"><link rel="alternate" type="application/atom+xml" href="atom.xml" title="A"><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>', ['https://b.example/x/atom.xml', 'https://b.example/rss']],
    ['rel lists and upper case', '<HTML><HEAD><LINK REL="Alternate Feed" TYPE="application/RSS+xml; charset=utf-8" HREF="/r.xml"></HEAD></HTML>', ['https://a.example/r.xml']],
    ['not feeds: languages, stylesheets, javascript:', '<html><head><link rel="alternate" hreflang="en" href="/en/"><link rel="stylesheet" type="text/css" href="/s.css"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head></html>', []],
    ['the same feed twice', '<html><head><link rel="alternate" type="application/rss+xml" href="/f"><link rel="alternate" type="application/rss+xml" href="https://a.example/f#x"></head></html>', ['https://a.example/f']],
  ])('%s', (_name, page, urls) => {
    expect(declaredFeeds(page, 'https://a.example/page/').map((candidate) => candidate.url)).toEqual(urls);
  });

  it.each([
    ['<!DOCTYPE html><html>', true],
    ['\uFEFF<?xml version="1.0"?>\n<!-- page --><html xmlns="http://www.w3.org/1999/xhtml">', true],
    ['<rss version="2.0"><channel><link>https://a.example/</link>', false],
    ['<feed xmlns="http://www.w3.org/2005/Atom"><link href="/"/>', false],
    ['{"version": "https://jsonfeed.org/version/1.1"}', false],
  ])('%j is a page: %s', (text, expected) => {
    expect(looksLikeHtml(text)).toBe(expected);
  });

  it('has no usual paths for a local file', () => {
    expect(commonFeedPaths('file:///tmp/page.html')).toEqual([]);
    expect(commonFeedPaths('https://a.example/deep/page').map((candidate) => candidate.url)[6]).toBe('https://a.example/?format=rss');
  });
});
