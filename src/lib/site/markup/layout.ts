import { dictionary, format, formatDate } from '../../../i18n/index.ts';
import { alternatesFor, documentTitle, type FeedLink } from '../head.ts';
import { LOCALES, LOCALE_TAGS, switchLocalePath, type Locale } from '../locales.ts';
import {
  aboutUrl, absoluteUrl, archiveIndexUrl, feedsUrl, homeUrl, jsonFeedUrl, methodologyUrl, monitoringUrl, opmlUrl,
  regionsIndexUrl, rssUrl, searchUrl, sourcesUrl, tasksIndexUrl,
} from '../urls.ts';
import { attr, html, type SafeHtml } from './html.ts';

// The layout's head tags, header and footer (src/layouts/Base.astro) as
// strings: every page of a build has them (markup/html.ts says why strings).

export type Section = 'home' | 'tasks' | 'regions' | 'archive' | 'monitoring' | 'sources' | 'about' | 'search' | 'feeds' | 'methodology';

export type LayoutArgs = {
  lang: Locale;
  site: URL;
  /** Path of this page; the other language lives at the same path. */
  path: string;
  title: string | null;
  description?: string | undefined;
  feeds: FeedLink[];
  ogType: 'website' | 'article';
  noindex: boolean;
  /** False for a page with no counterpart in the other language (the 404). */
  localized: boolean;
  section?: Section | undefined;
  updatedAt: string | null;
  /** The editors' site name and description (site settings), the dictionary's when unset. */
  siteName: string | null;
  siteDescription: string | null;
  hasSample: boolean;
};

/** Everything in `<head>` before the page's own tags: title, description, canonical and alternates, feeds, Open Graph. */
export function layoutHeadHtml(args: LayoutArgs): SafeHtml {
  const { lang, site, path, title, localized } = args;
  const t = dictionary(lang);
  const siteName = args.siteName ?? t.meta.siteName;
  const canonical = absoluteUrl(site, path);
  const pageDescription = args.description ?? args.siteDescription ?? t.meta.description;
  const mainFeed: FeedLink = { title: format(t.feeds.feedTitle, { site: t.meta.shortName, scope: t.feeds.allScope }), rss: rssUrl(lang, { kind: 'all' }), json: jsonFeedUrl(lang, { kind: 'all' }) };
  const allFeeds = [...args.feeds.filter((feed) => feed.rss !== mainFeed.rss), mainFeed];
  return html`<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${documentTitle(title, siteName, t.meta.titleSeparator)}</title><meta name="description"${attr('content', pageDescription)}>${
    localized && html`<link rel="canonical"${attr('href', canonical)}>`
  }${(localized ? alternatesFor(site, path) : []).map((alternate) => html`<link rel="alternate"${attr('hreflang', alternate.hreflang)}${attr('href', alternate.href)}>`)}${allFeeds.map(
    (feed) =>
      html`<link rel="alternate" type="application/rss+xml"${attr('title', feed.title)}${attr('href', absoluteUrl(site, feed.rss))}><link rel="alternate" type="application/feed+json"${attr('title', feed.title)}${attr('href', absoluteUrl(site, feed.json))}>`,
  )}${args.noindex && html`<meta name="robots" content="noindex">`}<meta property="og:type"${attr('content', args.ogType)}><meta property="og:site_name"${attr('content', siteName)}><meta property="og:title"${attr('content', title ?? siteName)}><meta property="og:description"${attr('content', pageDescription)}><meta property="og:url"${attr('content', canonical)}><meta property="og:locale"${attr('content', LOCALE_TAGS[lang].og)}>${LOCALES.filter((other) => other !== lang).map(
    (other) => html`<meta property="og:locale:alternate"${attr('content', LOCALE_TAGS[other].og)}>`,
  )}<meta name="twitter:card" content="summary"><link rel="icon" href="/favicon.svg" type="image/svg+xml">`;
}

/** The skip link and the site header: brand, language switch, main menu, and the sample banner while sample items are shown. */
export function siteHeaderHtml(args: LayoutArgs): SafeHtml {
  const { lang, path, localized, section } = args;
  const t = dictionary(lang);
  const menu = [
    { key: 'home', href: homeUrl(lang), label: t.nav.home },
    { key: 'tasks', href: tasksIndexUrl(lang), label: t.nav.tasks },
    { key: 'regions', href: regionsIndexUrl(lang), label: t.nav.regions },
    { key: 'archive', href: archiveIndexUrl(lang), label: t.nav.archive },
    { key: 'monitoring', href: monitoringUrl(lang), label: t.nav.monitoring },
    { key: 'sources', href: sourcesUrl(lang), label: t.nav.sources },
    { key: 'about', href: aboutUrl(lang), label: t.nav.about },
    { key: 'search', href: searchUrl(lang), label: t.nav.search },
  ];
  return html`<a class="skip-link" href="#main">${t.nav.skip}</a> <header class="site-header"> <div class="wrap header-row"> <a class="brand"${attr('href', homeUrl(lang))}>${t.meta.shortName}</a> <nav class="lang-switch"${attr('aria-label', t.nav.language)}> <ul>${LOCALES.filter((other) => other !== lang).map(
    (other) =>
      html` <li> <a${attr('href', localized ? switchLocalePath(path, other) : homeUrl(other))}${attr('hreflang', other)}${attr('lang', other)}${attr('rel', localized ? 'alternate' : undefined)}>${dictionary(other).languages.self}</a> </li>`,
  )} </ul> </nav> </div> <nav class="wrap main-nav"${attr('aria-label', t.nav.main)}> <ul>${menu.map(
    (entry) => html`<li><a${attr('href', entry.href)}${attr('aria-current', section === entry.key ? 'page' : undefined)}>${entry.label}</a></li>`,
  )}</ul> </nav>${
    args.hasSample &&
    html` <div class="sample-banner" role="note"> <p class="wrap"><span class="sample-long">${t.sample.banner}</span><span class="sample-short">${t.sample.short}</span> <a${attr('href', `${aboutUrl(lang)}#sample`)}>${t.sample.more}</a></p> </div>`
  } </header>`;
}

/** The site footer: what the site is, when it was last updated (pages rendered on every build only), the footer menu. */
export function siteFooterHtml(args: Pick<LayoutArgs, 'lang' | 'updatedAt'>): SafeHtml {
  const { lang, updatedAt } = args;
  const t = dictionary(lang);
  return html`<footer class="site-footer"> <div class="wrap"> <p>${t.footer.about} ${t.footer.data}</p>${updatedAt && html` <p>${format(t.footer.updated, { date: formatDate(lang, updatedAt) })}</p>`} <nav${attr('aria-label', t.nav.footer)}> <ul> <li><a${attr('href', feedsUrl(lang))}>${t.nav.feeds}</a></li> <li><a${attr('href', rssUrl(lang, { kind: 'all' }))}>${t.feeds.rss}</a></li> <li><a${attr('href', opmlUrl())}>OPML</a></li> <li><a${attr('href', methodologyUrl(lang))}>${t.nav.methodology}</a></li> <li><a${attr('href', sourcesUrl(lang))}>${t.nav.sources}</a></li> </ul> </nav> </div> </footer>`;
}
