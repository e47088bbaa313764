import type { Locale } from './locales.ts';

// Every URL of the site is built here, so a page, a feed and the sitemap can
// never disagree about where something lives. URLs are part of the contract
// with subscribers: change them only with redirects.

const pad2 = (n: number): string => String(n).padStart(2, '0');

export const homeUrl = (lang: Locale): string => `/${lang}/`;
export const itemUrl = (lang: Locale, slug: string): string => `/${lang}/news/${slug}/`;
export const tasksIndexUrl = (lang: Locale): string => `/${lang}/tasks/`;
export const regionsIndexUrl = (lang: Locale): string => `/${lang}/regions/`;
export const taskUrl = (lang: Locale, task: string, page = 1): string =>
  page <= 1 ? `/${lang}/tasks/${task}/` : `/${lang}/tasks/${task}/page/${page}/`;
export const regionUrl = (lang: Locale, region: string, page = 1): string =>
  page <= 1 ? `/${lang}/regions/${region}/` : `/${lang}/regions/${region}/page/${page}/`;
export const taskRegionUrl = (lang: Locale, task: string, region: string): string => `/${lang}/tasks/${task}/${region}/`;
export const storyUrl = (lang: Locale, id: string): string => `/${lang}/stories/${id}/`;
export const archiveIndexUrl = (lang: Locale): string => `/${lang}/archive/`;
export const archiveUrl = (lang: Locale, year: number, month: number, page = 1): string =>
  page <= 1 ? `/${lang}/archive/${year}/${pad2(month)}/` : `/${lang}/archive/${year}/${pad2(month)}/${page}/`;
export const sourcesUrl = (lang: Locale): string => `/${lang}/sources/`;
/** A source's entry on the sources page (sources have no page of their own). */
export const sourceAnchorUrl = (lang: Locale, source: string): string => `${sourcesUrl(lang)}#source-${source}`;
export const aboutUrl = (lang: Locale): string => `/${lang}/about/`;
export const methodologyUrl = (lang: Locale): string => `/${lang}/methodology/`;
export const monitoringUrl = (lang: Locale): string => `/${lang}/monitoring/`;
export const searchUrl = (lang: Locale): string => `/${lang}/search/`;
export const feedsUrl = (lang: Locale): string => `/${lang}/feeds/`;
export const opmlUrl = (): string => '/feeds.opml';
/** The language's 404 page; the server answers missing URLs under /{lang}/ with it (status 404). */
export const notFoundUrl = (lang: Locale): string => `/${lang}/404/`;

/** A feed slice: the whole language, one task, one region, or a task in a region. */
export type FeedScope =
  | { kind: 'all' }
  | { kind: 'task'; task: string }
  | { kind: 'region'; region: string }
  | { kind: 'task-region'; task: string; region: string };

/** The page a feed follows; its feeds sit beside it. */
export function scopePageUrl(lang: Locale, scope: FeedScope): string {
  switch (scope.kind) {
    case 'all':
      return homeUrl(lang);
    case 'task':
      return taskUrl(lang, scope.task);
    case 'region':
      return regionUrl(lang, scope.region);
    case 'task-region':
      return taskRegionUrl(lang, scope.task, scope.region);
  }
}

export const rssUrl = (lang: Locale, scope: FeedScope): string => `${scopePageUrl(lang, scope)}rss.xml`;
export const jsonFeedUrl = (lang: Locale, scope: FeedScope): string => `${scopePageUrl(lang, scope)}feed.json`;

// A path of the site's own (absolute, only unreserved characters, no dot segments) needs no parsing:
// WHATWG URL resolution gives the origin followed by the path as it is. Each page has ten or so
// absolute links, a build hundreds of thousands; anything else goes through URL.
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/]*$/;
const origins = new Map<string, string | null>();

function originOf(site: URL | string): string | null {
  const key = typeof site === 'string' ? site : site.href;
  let origin = origins.get(key);
  if (origin === undefined) {
    const url = new URL(key);
    origin = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
    origins.set(key, origin);
  }
  return origin;
}

/** An absolute URL on the configured site (feeds, canonical links, sitemap need them). */
export function absoluteUrl(site: URL | string, path: string): string {
  const origin = PLAIN_PATH.test(path) && !path.includes('/.') ? originOf(site) : null;
  return origin === null ? new URL(path, site).href : origin + path;
}
