import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent, Response } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchRequest, FetchResult } from '../model.ts';
import { FETCH_ERROR_CODES, classifyNetworkError } from './errors.ts';
import { ACCEPT_ENCODING, FEED_FETCHER_USER_AGENT, fetchFeed, type FetchLikeInit, type FetchOptions } from './fetchFeed.ts';
import { startFeedServer, type FeedServer } from './testServer.ts';

const FEED_PATH = fileURLToPath(new URL('./testdata/health-feed.xml', import.meta.url));
const FEED = new Uint8Array(readFileSync(FEED_PATH));
const LAST_MODIFIED = 'Mon, 02 Jun 2025 08:00:00 GMT';
const MB = 1024 * 1024;

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer({
    '/plain': { body: FEED, headers: { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'public, max-age=900' } },
    '/gzip': { body: FEED, encoding: 'gzip' },
    '/deflate': { body: FEED, encoding: 'deflate' },
    '/br': { body: FEED, encoding: 'br' },
    '/etag': { body: FEED, etag: '"v1"' },
    '/lastmod': { body: FEED, lastModified: LAST_MODIFIED },
    '/bare-304': { status: 304 },
    '/chain/1': { redirect: '/chain/2', status: 301 },
    // Absolute Location filled in below, once the port is known.
    '/chain/2': { redirect: '', status: 307 },
    '/chain/3': { redirect: 'final', status: 308 },
    '/chain/final': { body: FEED },
    ...Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`/many/${i}`, { redirect: `/many/${i + 1}` }])),
    '/many/6': { body: FEED },
    '/loop/a': { redirect: '/loop/b' },
    '/loop/b': { redirect: '/loop/a' },
    '/to-ftp': { redirect: 'ftp://example.org/feed.xml' },
    '/no-location': { status: 302 },
    // Locations filled in below, once the port is known.
    '/to-localhost': { redirect: '' },
    '/to-mapped': { redirect: '' },
    '/to-metadata': { redirect: 'http://169.254.169.254/latest/meta-data/' },
    '/to-private': { redirect: 'http://10.20.30.40/feed.xml' },
    '/404': { status: 404, body: 'gone' },
    '/500': { status: 500, body: 'oops' },
    '/429': { status: 429, headers: { 'retry-after': '120' } },
    '/503': { status: 503, headers: { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' } },
    '/hang': { neverRespond: true },
    '/stall': { body: FEED, stallAfterBytes: 100 },
    '/huge-stream': { streamBytes: 50 * MB },
    '/huge-declared': { streamBytes: 100 * MB, contentLength: 100 * MB },
    // 2 MB of spaces compress to a few KB: the cap must count decoded bytes.
    '/gzip-bomb': { body: new Uint8Array(2 * MB).fill(0x20), encoding: 'gzip' },
  });
  server.routes['/chain/2']!.redirect = server.url('/chain/3');
  server.routes['/to-localhost']!.redirect = server.url('/plain?via-localhost').replace('127.0.0.1', 'localhost');
  server.routes['/to-mapped']!.redirect = server.url('/plain?via-mapped').replace('127.0.0.1', '[::ffff:127.0.0.1]');
});

afterAll(async () => {
  await server.close();
});

const fast: Partial<FetchOptions> = { totalTimeoutMs: 5_000, connectTimeoutMs: 2_000 };

function requestsTo(path: string) {
  return server.requests.filter((request) => request.path === path);
}

function expectOk(result: FetchResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function expectError(result: FetchResult) {
  if (result.ok) throw new Error(`expected a failure, got ${result.value.status}`);
  expect(FETCH_ERROR_CODES).toContain(result.error.code);
  return result.error;
}

describe('fetchFeed over HTTP: bodies', () => {
  it.each(['/plain', '/gzip', '/deflate', '/br'])('%s gives the feed bytes, decoded', async (path) => {
    const feed = expectOk(await fetchFeed({ url: server.url(path) }, fast));
    if (feed.status !== 'ok') throw new Error('expected a body');
    expect(Buffer.from(feed.body).equals(Buffer.from(FEED))).toBe(true);
    expect(feed.finalUrl).toBe(server.url(path));
    expect(feed.redirects).toEqual([server.url(path)]);
  });

  it('returns the content type of the response, and its Cache-Control for the service schedule', async () => {
    const feed = expectOk(await fetchFeed({ url: server.url('/plain') }, fast));
    expect(feed.status === 'ok' && feed.contentType).toBe('application/rss+xml; charset=utf-8');
    expect(feed.cacheControl).toBe('public, max-age=900');
    expect(expectOk(await fetchFeed({ url: server.url('/gzip') }, fast)).cacheControl).toBeNull();
  });

  it('sends the descriptive User-Agent and asks for compressed bodies', async () => {
    await fetchFeed({ url: server.url('/plain?ua') }, fast);
    const [seen] = requestsTo('/plain?ua');
    expect(seen?.headers['user-agent']).toBe(FEED_FETCHER_USER_AGENT);
    expect(seen?.headers['accept-encoding']).toBe(ACCEPT_ENCODING);
    expect(ACCEPT_ENCODING.split(', ').sort()).toEqual(['br', 'deflate', 'gzip']);
  });
});

describe('fetchFeed over HTTP: conditional GET', () => {
  const cases: { name: string; path: string; request: Omit<FetchRequest, 'url'>; status: 'ok' | 'not-modified'; etag: string | null; lastModified: string | null }[] = [
    { name: 'first fetch gets the ETag', path: '/etag', request: {}, status: 'ok', etag: '"v1"', lastModified: null },
    { name: 'matching If-None-Match gives 304', path: '/etag', request: { etag: '"v1"' }, status: 'not-modified', etag: '"v1"', lastModified: null },
    { name: 'stale If-None-Match gives the body', path: '/etag', request: { etag: '"v0"' }, status: 'ok', etag: '"v1"', lastModified: null },
    { name: 'first fetch gets Last-Modified', path: '/lastmod', request: {}, status: 'ok', etag: null, lastModified: LAST_MODIFIED },
    { name: 'same If-Modified-Since gives 304', path: '/lastmod', request: { lastModified: LAST_MODIFIED }, status: 'not-modified', etag: null, lastModified: LAST_MODIFIED },
    { name: 'older If-Modified-Since gives the body', path: '/lastmod', request: { lastModified: 'Sun, 01 Jun 2025 08:00:00 GMT' }, status: 'ok', etag: null, lastModified: LAST_MODIFIED },
    { name: 'a 304 without validators keeps the ones sent', path: '/bare-304', request: { etag: '"kept"', lastModified: LAST_MODIFIED }, status: 'not-modified', etag: '"kept"', lastModified: LAST_MODIFIED },
  ];

  it.each(cases)('$name', async ({ path, request, status, etag, lastModified }) => {
    const before = server.requests.length;
    const feed = expectOk(await fetchFeed({ url: server.url(path), ...request }, fast));
    expect(feed.status).toBe(status);
    expect(feed.etag).toBe(etag);
    expect(feed.lastModified).toBe(lastModified);
    const seen = server.requests[before]!;
    expect(seen.headers['if-none-match']).toBe(request.etag ?? undefined);
    expect(seen.headers['if-modified-since']).toBe(request.lastModified ?? undefined);
  });
});

describe('fetchFeed over HTTP: redirects', () => {
  it('follows a chain of 3 (301, 307 absolute, 308 relative) and records every hop', async () => {
    const feed = expectOk(await fetchFeed({ url: server.url('/chain/1') }, fast));
    expect(feed.status).toBe('ok');
    expect(feed.finalUrl).toBe(server.url('/chain/final'));
    expect(feed.redirects).toEqual(['/chain/1', '/chain/2', '/chain/3', '/chain/final'].map((path) => server.url(path)));
  });

  it('follows exactly maxRedirects', async () => {
    const feed = expectOk(await fetchFeed({ url: server.url('/many/1') }, { ...fast, maxRedirects: 5 }));
    expect(feed.finalUrl).toBe(server.url('/many/6'));
    expect(feed.redirects).toHaveLength(6);
  });

  const failures: { name: string; path: string; code: string; mentions: string }[] = [
    { name: '6 redirects', path: '/many/0', code: 'too_many_redirects', mentions: 'more than 5 redirects' },
    { name: 'A -> B -> A', path: '/loop/a', code: 'redirect_loop', mentions: 'leads back to' },
    { name: 'redirect to ftp:', path: '/to-ftp', code: 'bad_url', mentions: 'ftp:' },
    { name: 'redirect without Location', path: '/no-location', code: 'http_status', mentions: 'without a usable Location' },
  ];
  it.each(failures)('$name -> $code', async ({ path, code, mentions }) => {
    const error = expectError(await fetchFeed({ url: server.url(path) }, { ...fast, maxRedirects: 5 }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(server.url(path));
    expect(error.message).toContain(mentions);
  });

  it('stops at the loop without requesting A a second time', async () => {
    const before = requestsTo('/loop/a').length;
    await fetchFeed({ url: server.url('/loop/a') }, fast);
    expect(requestsTo('/loop/a').length - before).toBe(1);
  });
});

describe('fetchFeed over HTTP: error statuses', () => {
  const cases = [
    { path: '/404', code: 'http_status', httpStatus: 404, retryAfter: undefined },
    { path: '/500', code: 'http_status', httpStatus: 500, retryAfter: undefined },
    { path: '/429', code: 'rate_limited', httpStatus: 429, retryAfter: '120' },
    { path: '/503', code: 'unavailable', httpStatus: 503, retryAfter: 'Wed, 21 Oct 2026 07:28:00 GMT' },
  ];
  it.each(cases)('$path -> $code', async ({ path, code, httpStatus, retryAfter }) => {
    const error = expectError(await fetchFeed({ url: server.url(path) }, fast));
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.retryAfter).toBe(retryAfter);
    expect(error.message).toContain(server.url(path));
    expect(error.message).toContain(String(httpStatus));
  });
});

describe('fetchFeed over HTTP: time and size limits', () => {
  it.each([
    { name: 'headers never sent', path: '/hang' },
    { name: 'body stalls mid-stream', path: '/stall' },
  ])('$name -> timeout within the configured 300 ms', async ({ path }) => {
    const before = requestsTo(path).length;
    const started = performance.now();
    const error = expectError(await fetchFeed({ url: server.url(path) }, { totalTimeoutMs: 300 }));
    const elapsed = performance.now() - started;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain(server.url(path));
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_500);
    expect(await requestsTo(path)[before]!.outcome).toBe('closed-early');
  });

  it.each([
    { name: 'streamed without Content-Length', path: '/huge-stream', sent: 50 * MB },
    { name: 'declared by a large Content-Length', path: '/huge-declared', sent: 100 * MB },
  ])('a body $name -> too_large, and the connection is dropped early', async ({ path, sent }) => {
    const before = requestsTo(path).length;
    const error = expectError(await fetchFeed({ url: server.url(path) }, { ...fast, maxBytes: 1 * MB }));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain(server.url(path));
    const seen = requestsTo(path)[before]!;
    expect(await seen.outcome).toBe('closed-early');
    // Back-pressure stops the server within a few socket buffers (kernel ones included, ~4 MB on
    // Linux loopback) of where the client hung up: far short of the whole body.
    expect(seen.bytesSent).toBeLessThan(sent / 4);
  });

  it('refuses a declared Content-Length over the cap before reading any body', async () => {
    const error = expectError(await fetchFeed({ url: server.url('/huge-declared') }, { ...fast, maxBytes: 1 * MB }));
    expect(error.message).toMatch(/Content-Length 100\.0 MB is over the 1\.0 MB cap/);
  });

  it('counts decoded bytes: a small gzip body that inflates past the cap -> too_large', async () => {
    const error = expectError(await fetchFeed({ url: server.url('/gzip-bomb') }, { ...fast, maxBytes: 1 * MB }));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('while streaming');
  });

  it('the same body under a larger cap is fine', async () => {
    const feed = expectOk(await fetchFeed({ url: server.url('/gzip-bomb') }, { ...fast, maxBytes: 3 * MB }));
    expect(feed.status === 'ok' && feed.body.byteLength).toBe(2 * MB);
  });
});

describe('fetchFeed: connection failures', () => {
  it('a closed port -> connection_refused', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/feed.xml`;
    const error = expectError(await fetchFeed({ url }, fast));
    expect(error.code).toBe('connection_refused');
    expect(error.message).toContain(url);
  });

  // Name resolution and connect stalls are produced through undici's real
  // connector with a stand-in `lookup`, so no test leaves the machine.
  it('a name that does not resolve -> dns', async () => {
    const dispatcher = new Agent({
      connect: {
        lookup: (hostname, _options, callback) =>
          callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '', 4),
      },
    });
    const url = 'http://feeds.example.invalid/rss';
    const error = expectError(await fetchFeed({ url }, { ...fast, dispatcher }));
    await dispatcher.destroy();
    expect(error.code).toBe('dns');
    expect(error.message).toContain(url);
  });

  it('a connect that never completes -> connect_timeout', async () => {
    const dispatcher = new Agent({ connect: { timeout: 200, lookup: () => undefined } });
    const url = 'http://feeds.example.invalid/rss';
    const started = performance.now();
    const error = expectError(await fetchFeed({ url }, { ...fast, dispatcher }));
    await dispatcher.destroy();
    expect(error.code).toBe('connect_timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    { input: 'not a url', code: 'bad_url' },
    { input: 'ftp://example.org/feed.xml', code: 'bad_url' },
    { input: 'javascript:alert(1)', code: 'bad_url' },
  ])('$input -> $code', async ({ input, code }) => {
    const error = expectError(await fetchFeed({ url: input }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(input);
  });
});

describe('fetchFeed: file: URLs', () => {
  it('reads a local file', async () => {
    const url = pathToFileURL(FEED_PATH).href;
    const feed = expectOk(await fetchFeed({ url }));
    if (feed.status !== 'ok') throw new Error('expected a body');
    expect(Buffer.from(feed.body).equals(Buffer.from(FEED))).toBe(true);
    expect(feed).toMatchObject({ finalUrl: url, etag: null, lastModified: null, redirects: [url] });
  });

  it.each([
    { name: 'a missing file', url: pathToFileURL(`${FEED_PATH}.missing`).href, code: 'file_not_found' },
    { name: 'a directory', url: pathToFileURL(fileURLToPath(new URL('./testdata/', import.meta.url))).href, code: 'file_not_found' },
  ])('$name -> $code', async ({ url, code }) => {
    const error = expectError(await fetchFeed({ url }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(url);
  });

  it('applies the size cap to files', async () => {
    const error = expectError(await fetchFeed({ url: pathToFileURL(FEED_PATH).href }, { maxBytes: 100 }));
    expect(error.code).toBe('too_large');
  });
});

describe('fetchFeed: an injected fetch', () => {
  it('is called per hop with manual redirects, the signal and the headers', async () => {
    const calls: { url: string; init: FetchLikeInit }[] = [];
    const fake = async (url: string, init: FetchLikeInit) => {
      calls.push({ url, init });
      return url.endsWith('/old')
        ? new Response(null, { status: 301, headers: { location: '/new' } })
        : new Response('<rss/>', { status: 200, headers: { etag: '"x"' } });
    };
    const feed = expectOk(await fetchFeed({ url: 'https://feeds.example.org/old', etag: '"w"' }, { fetch: fake }));
    expect(feed).toMatchObject({ status: 'ok', finalUrl: 'https://feeds.example.org/new', etag: '"x"' });
    expect(calls.map((call) => call.url)).toEqual(['https://feeds.example.org/old', 'https://feeds.example.org/new']);
    for (const { init } of calls) {
      expect(init.redirect).toBe('manual');
      expect(init.signal).toBeInstanceOf(AbortSignal);
      expect(init.headers).toMatchObject({ 'user-agent': FEED_FETCHER_USER_AGENT, 'if-none-match': '"w"' });
    }
  });

  it('a throw from the injected fetch is classified, not rethrown', async () => {
    const fake = async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    };
    const error = expectError(await fetchFeed({ url: 'https://feeds.example.org/rss' }, { fetch: fake }));
    expect(error).toMatchObject({ code: 'connection_refused' });
    expect(error.message).toContain('https://feeds.example.org/rss');
  });
});

describe('fetchFeed: only public addresses, unless the feed is configured on another kind', () => {
  it.each([
    ['a loopback feed redirecting to a name on loopback', () => server.url('/to-localhost'), true],
    ['a loopback feed redirecting to IPv4-mapped loopback', () => server.url('/to-mapped'), true],
    ['a loopback feed redirecting to the cloud metadata address', () => server.url('/to-metadata'), false],
    ['a loopback feed redirecting to a private network', () => server.url('/to-private'), false],
  ])('%s: fetched %s', async (_name, urlOf, fetched) => {
    const result = await fetchFeed({ url: urlOf() }, fast);
    if (fetched) expect(expectOk(result)).toMatchObject({ status: 'ok' });
    else expect(expectError(result)).toMatchObject({ code: 'address_private' });
  });

  // A public feed host stands in through an injected first hop; every later hop is a real request through the checking agent.
  const publicFeedRedirectingTo = (target: string) => async (url: string, init: FetchLikeInit) => {
    if (url.startsWith('https://feeds.example.org/')) return new Response(null, { status: 302, headers: { location: target } });
    const { fetch: realFetch } = await import('undici');
    return (await realFetch(url, init as Parameters<typeof realFetch>[1])) as unknown as Response;
  };
  it.each([
    ['127.0.0.1', () => server.url('/plain?hop-literal')],
    ['[::ffff:127.0.0.1]', () => server.url('/plain?hop-mapped').replace('127.0.0.1', '[::ffff:127.0.0.1]')],
    ['localhost', () => server.url('/plain?hop-name').replace('127.0.0.1', 'localhost')],
  ])('a public feed redirecting to %s is refused without a request', async (_host, targetOf) => {
    const target = targetOf();
    const before = server.requests.length;
    const error = expectError(await fetchFeed({ url: 'https://feeds.example.org/rss' }, { ...fast, fetch: publicFeedRedirectingTo(target) }));
    expect(error.code).toBe('address_private');
    expect(error.message).toContain('loopback');
    expect(server.requests.length).toBe(before);
  });
});

describe('classifyNetworkError', () => {
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
  const cases: { name: string; error: unknown; code: string }[] = [
    { name: 'ECONNREFUSED under fetch failed', error: new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }), code: 'connection_refused' },
    { name: 'dual-stack AggregateError', error: new TypeError('fetch failed', { cause: Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]), {}) }), code: 'connection_refused' },
    { name: 'ENOTFOUND', error: new TypeError('fetch failed', { cause: coded('ENOTFOUND') }), code: 'dns' },
    { name: 'EAI_AGAIN', error: coded('EAI_AGAIN'), code: 'dns' },
    { name: 'undici connect timeout', error: new TypeError('fetch failed', { cause: coded('UND_ERR_CONNECT_TIMEOUT') }), code: 'connect_timeout' },
    { name: 'undici headers timeout', error: new TypeError('fetch failed', { cause: coded('UND_ERR_HEADERS_TIMEOUT') }), code: 'timeout' },
    { name: 'undici body timeout', error: coded('UND_ERR_BODY_TIMEOUT'), code: 'timeout' },
    { name: 'connection reset', error: new TypeError('fetch failed', { cause: coded('ECONNRESET', 'socket hang up') }), code: 'network' },
    { name: 'not an Error at all', error: 'boom', code: 'network' },
  ];
  it.each(cases)('$name -> $code', ({ error, code }) => {
    const classified = classifyNetworkError(error);
    expect(classified.code).toBe(code);
    expect(classified.reason.length).toBeGreaterThan(0);
  });

  it('keeps the underlying detail in the reason', () => {
    expect(classifyNetworkError(new TypeError('fetch failed', { cause: coded('ECONNRESET', 'socket hang up') })).reason).toContain('socket hang up');
  });
});
