import { readFile, stat } from 'node:fs/promises';
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
// - a missing page under /ru/ or /en/ answered with that language's 404 page.
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

/** Whether a static file answers this URL path the way Astro's static handler finds it (the file, or the folder's index.html). */
export async function hasStaticFile(clientDir: string, pathname: string): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const file = path.resolve(clientDir, `.${path.posix.normalize(decoded)}`);
  if (file !== clientDir && !file.startsWith(clientDir + path.sep)) return false;
  try {
    const found = await stat(file);
    if (found.isFile()) return true;
    return found.isDirectory() && (await stat(path.join(file, 'index.html'))).isFile();
  } catch {
    return false;
  }
}

export function createSiteHandler(options: { clientDir: string; astro: RequestHandler }): RequestHandler {
  const clientDir = path.resolve(options.clientDir);
  const compress = compression({
    filter: (request, response) => COMPRESSIBLE.test(String(response.getHeader('content-type') ?? '')),
    // Brotli at 5 and gzip at 6: close to their best sizes for pages of a few tens of kB, at a few ms each.
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } },
    level: 6,
  });

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const pathname = new URL(request.url ?? '/', 'http://site.invalid').pathname;
    if (method === 'GET' || method === 'HEAD') {
      if (pathname === '/') {
        const lang = preferredLocale(request.headers['accept-language']);
        response.writeHead(302, { location: homeUrl(lang), vary: 'Accept-Language', 'cache-control': 'no-cache' });
        response.end();
        return;
      }
      // Nothing under /ru/ or /en/ is rendered on demand: a missing file there is a missing page of that language.
      const lang = localeOfPath(pathname);
      if (lang !== null && !(await hasStaticFile(clientDir, pathname))) {
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
    compress(request as Parameters<typeof compress>[0], response as Parameters<typeof compress>[1], () => {
      route(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`Internal server error: ${(error as Error).message}\n`);
      });
    });
  };
}
