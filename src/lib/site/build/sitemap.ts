import type { AstroConfig, AstroIntegration, IntegrationResolvedRoute } from 'astro';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { SitemapAndIndexStream, SitemapStream } from 'sitemap';
import { LOCALES, localeOfPath, switchLocalePath } from '../locales.ts';

// The sitemap's hreflang alternates, computed from the URL itself. Every page
// of the localized tree exists in each language at the same path (the pages'
// getStaticPaths cross every entry with LOCALES), so the alternates of a URL
// are its path in each language. @astrojs/sitemap's own `i18n` option finds
// them by scanning every URL of the site for each URL, which grows with the
// square of the page count (seconds at 10,000 items); this is one step per URL.

export type SitemapLink = { url: string; lang: string };

/** The alternates of a page URL, itself included; none for a URL outside the localized tree. */
export function sitemapAlternates(url: string): SitemapLink[] | undefined {
  const parsed = new URL(url);
  if (localeOfPath(parsed.pathname) === null) return undefined;
  const links = LOCALES.map((lang) => ({ url: new URL(switchLocalePath(parsed.pathname, lang), parsed).href, lang }));
  // The pages declare x-default (the Russian version) beside ru and en; the sitemap says the same.
  const russian = links.find((link) => link.lang === 'ru');
  return russian ? [...links, { url: russian.url, lang: 'x-default' }] : links;
}

/** `serialize` for @astrojs/sitemap: the entry with its alternates. */
export function withAlternates<T extends { url: string; links?: SitemapLink[] }>(entry: T): T {
  const links = sitemapAlternates(entry.url);
  return links ? { ...entry, links } : entry;
}

// The sitemap files themselves, written by the `sitemap` package as
// @astrojs/sitemap writes them (same URLs, same order, same files), without
// its sort: it orders the URLs with `localeCompare(b, 'en', { numeric: true })`,
// which makes a collator for each comparison (2 s of a 10,000-item build).
// One collator with the same locale and options orders them the same way.

/** `sitemap-index.xml` names the files; each holds at most this many URLs (@astrojs/sitemap's default). */
export const SITEMAP_ENTRY_LIMIT = 45_000;

const urlOrder = new Intl.Collator('en', { numeric: true });

type PageRoute = Pick<IntegrationResolvedRoute, 'type' | 'pathname' | 'generate'> & { fallbackRoutes?: PageRoute[] };
type SiteConfig = { base: string; trailingSlash: string; build: { format: string } };

const STATUS_PAGES = new Set(['404', '500']);
const isStatusPage = (pathname: string) => STATUS_PAGES.has(pathname.replace(/\/$/, '').replace(/^\//, ''));

/**
 * Every URL of the sitemap, in its order: the built pages and the pages of
 * routes without parameters, status pages left out, then `filter`.
 */
export function sitemapUrls(pages: readonly string[], routes: readonly PageRoute[], site: URL, config: SiteConfig, filter: (url: string) => boolean): string[] {
  const base = new URL(site.pathname.endsWith('/') ? site.href : `${site.href}/`);
  const pageUrls = pages.filter((pathname) => !isStatusPage(pathname)).map((pathname) => new URL(base.pathname + pathname.replace(/^\//, ''), base).href);
  const routeUrls: string[] = [];
  const addRoute = (route: PageRoute) => {
    if (!route.pathname || isStatusPage(route.pathname)) return;
    const generated = route.generate(route.pathname);
    const url = new URL(site.pathname.endsWith('/') ? site.pathname + generated.substring(1) : site.pathname + generated, site).href;
    routeUrls.push(config.trailingSlash !== 'never' && config.build.format === 'directory' && !url.endsWith('/') ? `${url}/` : url);
  };
  for (const route of routes) {
    if (route.type !== 'page') continue;
    addRoute(route);
    for (const fallback of route.fallbackRoutes ?? []) addRoute(fallback);
  }
  return [...new Set([...pageUrls, ...routeUrls])].filter(filter).sort(urlOrder.compare);
}

/** Writes `sitemap-index.xml` and `sitemap-N.xml` into `dir`, each URL with its alternates. */
export async function writeSitemapFiles(urls: readonly string[], site: URL, base: string, dir: string): Promise<void> {
  const sitemapAndIndex = new SitemapAndIndexStream({
    limit: SITEMAP_ENTRY_LIMIT,
    getSitemapStream: (index) => {
      const stream = new SitemapStream({ hostname: site.href, xmlns: { news: true, xhtml: true, image: true, video: true } });
      const file = `sitemap-${index}.xml`;
      return [{ url: new URL(path.posix.join(base, file), site).toString(), lastmod: undefined }, stream, stream.pipe(createWriteStream(path.join(dir, file)))];
    },
  });
  await pipeline(
    Readable.from(urls.map((url) => withAlternates({ url }))),
    sitemapAndIndex,
    createWriteStream(path.join(dir, 'sitemap-index.xml')),
  );
}

/** The sitemap integration: what @astrojs/sitemap did with `filter` and `serialize: withAlternates`. */
export function sitemapIntegration(options: { filter: (url: string) => boolean }): AstroIntegration {
  let routes: PageRoute[] = [];
  let config: AstroConfig | null = null;
  return {
    name: 'medclusters-sitemap',
    hooks: {
      'astro:routes:resolved': ({ routes: resolved }) => {
        routes = resolved;
      },
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (!config?.site) return logger.warn('no `site` in the config: no sitemap');
        const site = new URL(config.base, config.site);
        const urls = sitemapUrls(pages.map((page) => page.pathname), routes, site, config, options.filter);
        if (urls.length === 0) return logger.warn('no pages: no sitemap');
        await writeSitemapFiles(urls, site, config.base, fileURLToPath(dir));
      },
    },
  };
}
