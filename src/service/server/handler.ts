import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import compression from 'compression';
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, LOCALES, localeOfPath, type Locale } from '../../lib/site/locales.ts';
import { homeUrl, notFoundUrl } from '../../lib/site/urls.ts';

// What the Node server adds in front of Astro's standalone handler (static
// files, the on-demand routes, the root 404):
// - compression (brotli or gzip) of text responses, so transferred weights are real;
// - `/` as a real redirect to a language home;
// - a missing page under /ru/ or /en/ answered with that language's 404 page;
// - security headers on every response, 405 for methods a static path does not
//   take, 400 for a path with a backslash or a leading `//` (which a browser
//   would read as another host in a redirect), and no file reached through a
//   link that leads out of the build folder.
// Every file is looked up under `clientDir` on each request, through the site
// folder's link: a rebuild that swaps the link is served from the next request on.

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Text types worth compressing; images, fonts and Pagefind's pre-compressed index files are not. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|ld\+json|feed\+json|[\w.+-]+\+xml)|image\/svg\+xml)/i;

/**
 * The language `/` sends a reader to: the first of the site's languages the
 * browser's Accept-Language prefers, Russian (the default) when it names
 * neither. A Russian or Ukrainian reader whose browser also lists English
 * lower still lands on Russian.
 */
export function preferredLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const [first] = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages([...LOCALES]);
  return LOCALES.find((lang) => lang === first) ?? DEFAULT_LOCALE;
}

/**
 * The Content-Security-Policy of every response. The site runs no inline
 * script (`tests/site/validity.test.ts` checks the built pages; an inline
 * script would need its hash in `INLINE_SCRIPT_HASHES`); the search page
 * loads /search.js and Pagefind's module, which compiles WebAssembly
 * (`'wasm-unsafe-eval'`). Item images are served from the site itself.
 */
export const INLINE_SCRIPT_HASHES: readonly string[] = [];
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval'${INLINE_SCRIPT_HASHES.map((hash) => ` '${hash}'`).join('')}`,
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** Paths that take more than GET and HEAD: the on-demand routes that accept a body. */
const OTHER_METHODS: Readonly<Record<string, readonly string[]>> = { '/api/sanity-webhook': ['POST'] };

/** The methods a path answers; anything else is a 405. */
export const allowedMethods = (pathname: string): readonly string[] => ['GET', 'HEAD', ...(OTHER_METHODS[pathname.replace(/\/$/, '')] ?? [])];

/**
 * A raw request target the server refuses: a backslash (browsers read `/\host`
 * as `//host`, so a trailing-slash redirect of it would send the reader to
 * another site) or a leading `//`.
 */
export const isUnsafeTarget = (rawUrl: string): boolean => rawUrl.includes('\\') || /%5c/i.test(rawUrl.split('?')[0]!) || rawUrl.startsWith('//');

/**
 * What a URL path names under the built site, as Astro's static handler finds
 * it (the file, or the folder's index.html): `outside` when the name or a link
 * on the way leads out of the site folder (never served).
 */
export async function staticFileState(clientDir: string, pathname: string): Promise<'file' | 'missing' | 'outside'> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return 'missing';
  }
  const file = path.resolve(clientDir, `.${path.posix.normalize(decoded)}`);
  if (file !== clientDir && !file.startsWith(clientDir + path.sep)) return 'outside';
  let target: string;
  try {
    const found = await stat(file);
    if (found.isFile()) target = file;
    else if (found.isDirectory() && (await stat(path.join(file, 'index.html'))).isFile()) target = path.join(file, 'index.html');
    else return 'missing';
  } catch {
    return 'missing';
  }
  // The site folder is itself reached through the `dist` link: compare where both really are.
  const [real, realRoot] = await Promise.all([realpath(target), realpath(clientDir)]);
  return real.startsWith(realRoot + path.sep) ? 'file' : 'outside';
}

/** Whether a static file answers this URL path the way Astro's static handler finds it (the file, or the folder's index.html). */
export async function hasStaticFile(clientDir: string, pathname: string): Promise<boolean> {
  return (await staticFileState(clientDir, pathname)) === 'file';
}

export function createSiteHandler(options: { clientDir: string; astro: RequestHandler }): RequestHandler {
  const clientDir = path.resolve(options.clientDir);
  const compress = compression({
    filter: (request, response) => COMPRESSIBLE.test(String(response.getHeader('content-type') ?? '')),
    // Brotli at 5 and gzip at 6: close to their best sizes for pages of a few tens of kB, at a few ms each.
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    level: 6,
  });

  const plain = (response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache', ...headers });
    response.end(`${text}\n`);
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const raw = request.url ?? '/';
    if (isUnsafeTarget(raw)) return plain(response, 400, 'Bad request: the path may not contain a backslash or start with //');
    const pathname = new URL(raw, 'http://site.invalid').pathname;
    const allowed = allowedMethods(pathname);
    if (!allowed.includes(method)) return plain(response, 405, 'Method not allowed', { allow: allowed.join(', ') });
    if (method === 'GET' || method === 'HEAD') {
      if (pathname === '/') {
        const lang = preferredLocale(request.headers['accept-language']);
        response.writeHead(302, { location: homeUrl(lang), vary: 'Accept-Language', 'cache-control': 'no-cache' });
        response.end();
        return;
      }
      const state = await staticFileState(clientDir, pathname);
      if (state === 'outside') return plain(response, 404, 'Not found');
      // Nothing under /ru/ or /en/ is rendered on demand: a missing file there is a missing page of that language.
      const lang = localeOfPath(pathname);
      if (lang !== null && state === 'missing') {
        const page = await readFile(path.join(clientDir, `.${notFoundUrl(lang)}index.html`)).catch(() => null);
        if (page !== null) {
          response.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
          response.end(method === 'HEAD' ? undefined : page);
          return;
        }
      }
    }
    options.astro(request, response);
  };

  return (request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    compress(request as Parameters<typeof compress>[0], response as Parameters<typeof compress>[1], () => {
      route(request, response).catch((error: unknown) => {
        // The reason goes to the server's log: a message may name paths of the machine.
        process.stderr.write(`[medclusters] ${request.method} ${request.url}: ${(error as Error).stack ?? String(error)}\n`);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Internal server error\n');
      });
    });
  };
}
