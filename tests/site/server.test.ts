import { request } from 'node:http';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, type RunningServer } from '../../src/service/serve.ts';
import { htmlLang } from './helpers/html.ts';
import { clientFiles, ensureSite, ROOT, type BuiltSite } from './helpers/siteBuild.ts';

// The Node server over the built fixture site, spoken to in raw HTTP so the
// request headers (Accept-Language, Accept-Encoding) are exactly the test's.

let site: BuiltSite;
let server: RunningServer;
let files: string[];

beforeAll(async () => {
  site = await ensureSite();
  files = await clientFiles(site.client);
  const served = await serveSite({ root: ROOT, outDir: site.outDir, dataDir: site.dataDir, port: 0, log: () => {} });
  if (!served.ok) throw new Error(served.error.message);
  server = served.value;
}, 240_000);

afterAll(async () => {
  await server?.close();
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** `pathname` is sent as it is (no URL normalisation), so raw targets such as `/\\evil.com` reach the server. */
function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(server.url);
    const req = request({ hostname, port, path: pathname, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (answer: Answer): string => {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(answer.body).toString('utf8');
  return answer.body.toString('utf8');
};

describe('/ under the Node server', () => {
  it.each([
    [{}, '/ru/'],
    [{ 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' }, '/ru/'],
    [{ 'accept-language': 'en-US,en;q=0.9' }, '/en/'],
    [{ 'accept-language': 'uk,ru;q=0.8,en;q=0.6' }, '/ru/'],
    [{ 'accept-language': 'fr-FR' }, '/ru/'],
  ])('redirects %j to %s with a 302 that varies on Accept-Language', async (headers, target) => {
    const answer = await get('/', headers);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(target);
    expect(String(answer.headers.vary)).toMatch(/Accept-Language/i);
  });

  it('keeps the meta refresh page in the static output for static hosts', async () => {
    expect(await readFile(path.join(site.client, 'index.html'), 'utf8')).toMatch(/<meta http-equiv="refresh" content="0; url=\/ru\/">/);
  });
});

describe('404 pages', () => {
  it.each([
    ['/en/news/no-such-item-00000000/', 'en', 'Page not found'],
    ['/en/tasks/no-such-task/', 'en', 'Page not found'],
    ['/ru/news/no-such-item-00000000/', 'ru', 'Страница не найдена'],
    ['/ru/nothing', 'ru', 'Страница не найдена'],
  ])('answers %s with the %s 404 page', async (pathname, lang, heading) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(404);
    const text = decoded(answer);
    expect(htmlLang(text)).toBe(lang);
    expect(text).toContain(`<h1>${heading}</h1>`);
    expect(text).not.toMatch(/<section lang=/);
  });

  it('answers other missing paths with the bilingual page', async () => {
    const answer = await get('/no/such/path/');
    expect(answer.status).toBe(404);
    const text = decoded(answer);
    expect(htmlLang(text)).toBe('ru');
    expect(text).toMatch(/<section lang="en"[^>]*>.*Page not found/s);
  });

  it('still serves the on-demand route and existing pages', async () => {
    expect((await get('/api/health')).status).toBe(200);
    expect((await get('/en/')).status).toBe(200);
    expect((await get('/en/404/')).status).toBe(200);
  });
});

describe('compression', () => {
  const css = () => files.find((file) => file.endsWith('.css'))!;
  const image = () => files.find((file) => file.endsWith('.webp'))!;

  it.each([
    ['/ru/', 'br'],
    ['/en/', 'gzip'],
    ['CSS', 'br'],
    ['/ru/rss.xml', 'br'],
    ['/en/feed.json', 'gzip'],
    ['/feeds.opml', 'br'],
    ['/sitemap-0.xml', 'gzip'],
  ])('sends %s compressed with %s, decoding to the built file', async (which, encoding) => {
    const pathname = which === 'CSS' ? css() : which;
    const answer = await get(pathname, { 'accept-encoding': encoding === 'br' ? 'gzip, deflate, br' : 'gzip' });
    expect(answer.status, pathname).toBe(200);
    expect(answer.headers['content-encoding'], pathname).toBe(encoding);
    expect(String(answer.headers.vary)).toMatch(/Accept-Encoding/i);
    const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname;
    const original = await readFile(path.join(site.client, file), 'utf8');
    expect(decoded(answer)).toBe(original);
    expect(answer.body.length).toBeLessThan(original.length / 2.5);
  });

  it('sends plain bytes to a client that accepts no encoding, and never recompresses images', async () => {
    const plain = await get('/ru/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const picture = await get(image(), { 'accept-encoding': 'gzip, br' });
    expect(picture.status).toBe(200);
    expect(picture.headers['content-encoding']).toBeUndefined();
  });
});

describe('hardening', () => {
  const SECURITY = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];
  it.each([
    ['/ru/', 200],
    ['/', 302],
    ['/en/no-such-page/', 404],
    ['/no/such/path/', 404],
    ['/api/health', 200],
    ['/search.js', 200],
    ['/pagefind/segments.json', 200],
  ])('sends the security headers with %s (%i)', async (pathname, status) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(status);
    for (const name of SECURITY) expect(answer.headers[name], `${pathname} ${name}`).toBeTruthy();
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(answer.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
  });

  it.each(['POST', 'PUT', 'DELETE', 'TRACE', 'PATCH'])('answers %s on a static path with 405 and Allow', async (method) => {
    for (const pathname of ['/ru/', '/feeds.opml', '/api/health']) {
      const answer = await get(pathname, {}, method);
      expect(answer.status, `${method} ${pathname}`).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it.each(['/\\evil.com/..%2fru', '/\\evil.com', '//evil.com/ru', '/ru%5c..%5c'])('refuses the raw path %s without a redirect', async (pathname) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
  });

  it('answers an unsigned webhook call with 401 before reading its body', async () => {
    // 5 MB declared, only a few bytes sent: a server that read the body first would wait, or answer 413.
    const answer = await new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(server.url);
      const req = request({ hostname, port, path: '/api/sanity-webhook', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(5_000_000) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
      req.write('{"_id":');
    });
    expect(answer).toBe(401);
  });

  it('does not follow a link out of the build folder', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'medclusters-outside-'));
    await writeFile(path.join(outside, 'secret.txt'), 'not part of the site');
    const link = path.join(site.client, 'linked-secret.txt');
    await symlink(path.join(outside, 'secret.txt'), link);
    try {
      const answer = await get('/linked-secret.txt');
      expect(answer.status).toBe(404);
      expect(answer.body.toString()).not.toContain('not part of the site');
    } finally {
      await rm(link, { force: true });
      await rm(outside, { recursive: true, force: true });
    }
  });
});
