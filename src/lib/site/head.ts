import { LOCALES, switchLocalePath, type Locale } from './locales.ts';
import { absoluteUrl } from './urls.ts';

export type Alternate = { hreflang: string; href: string };

/**
 * hreflang alternates of a page: itself and each other language at the same
 * path, plus x-default pointing at the default (Russian) version.
 */
export function alternatesFor(site: URL | string, path: string): Alternate[] {
  const links = LOCALES.map((lang) => ({ hreflang: lang, href: absoluteUrl(site, switchLocalePath(path, lang)) }));
  return [...links, { hreflang: 'x-default', href: absoluteUrl(site, switchLocalePath(path, LOCALES[0])) }];
}

export type FeedLink = { title: string; rss: string; json: string };

/** `<title>`: the page, then the site, unless the page is the site's home. */
export function documentTitle(pageTitle: string | null, siteName: string, separator: string): string {
  return pageTitle && pageTitle !== siteName ? `${pageTitle}${separator}${siteName}` : siteName;
}

/** Serialises JSON-LD for a `<script type="application/ld+json">`; `<` escaped so text cannot close the element. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

