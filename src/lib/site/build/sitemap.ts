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
