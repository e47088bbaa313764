import { getRssString } from '@astrojs/rss';
import type { Dictionary } from '../../i18n/schema.ts';
import { LOCALES, type Locale } from './locales.ts';
import { displayText, taskRegionKey, type DisplayText, type SiteItem, type SiteModel } from './model.ts';
import { FEED_SIZE } from './listing.ts';
import { absoluteUrl, itemUrl, jsonFeedUrl, rssUrl, scopePageUrl, type FeedScope } from './urls.ts';

// Feeds for every slice of the site: RSS 2.0 (through @astrojs/rss) and JSON
// Feed 1.1 beside it, and an OPML list of them all. Pure: model in, text out.

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  dc: 'http://purl.org/dc/elements/1.1/',
};

export type FeedContext = { model: SiteModel; lang: Locale; t: Dictionary; site: URL | string };

/** Every slice that has a feed, in OPML order: all news, tasks, regions, tasks × regions. */
export function allScopes(model: SiteModel): FeedScope[] {
  return [
    { kind: 'all' },
    ...model.tasks.map((task): FeedScope => ({ kind: 'task', task: task.id })),
    ...model.regions.map((region): FeedScope => ({ kind: 'region', region: region.id })),
    ...model.tasks.flatMap((task) => model.regions.map((region): FeedScope => ({ kind: 'task-region', task: task.id, region: region.id }))),
  ];
}

export function scopeItems(model: SiteModel, scope: FeedScope): SiteItem[] {
  switch (scope.kind) {
    case 'all':
      return model.items;
    case 'task':
      return model.itemsByTask.get(scope.task) ?? [];
    case 'region':
      return model.itemsByRegion.get(scope.region) ?? [];
    case 'task-region':
      return model.itemsByTaskRegion.get(taskRegionKey(scope.task, scope.region)) ?? [];
  }
}

/** The slice's name in the page language ("all news", a task, a region, "task: region"). */
export function scopeLabel(model: SiteModel, scope: FeedScope, lang: Locale, t: Dictionary): string {
  const task = 'task' in scope ? (model.taskById.get(scope.task)?.title[lang].text ?? scope.task) : '';
  const region = 'region' in scope ? (model.regionById.get(scope.region)?.title[lang].text ?? scope.region) : '';
  switch (scope.kind) {
    case 'all':
      return t.feeds.allScope;
    case 'task':
      return task;
    case 'region':
      return region;
    case 'task-region':
      return t.taskRegion.title.replace('{task}', task).replace('{region}', region);
  }
}

export const feedTitle = (context: FeedContext, scope: FeedScope): string =>
  context.t.feeds.feedTitle.replace('{site}', context.t.meta.shortName).replace('{scope}', scopeLabel(context.model, scope, context.lang, context.t));

/**
 * The guid of an item in a feed: the dataset id, which never changes, plus the
 * language (the Russian and English entries of an item differ). Not the URL:
 * the URL's readable part follows the title, which a source may correct.
 */
export const itemGuid = (item: SiteItem, lang: Locale): string => `medclusters:${lang}:${item.docId}`;

/**
 * A machine translation says so in the feed too: its summary ends with the
 * note (feed readers show no badges). Other texts are as the page shows them.
 */
function feedSummary(item: SiteItem, text: DisplayText, t: Dictionary): string {
  if (text.machine === null) return text.summary;
  const provider = text.machine === 'deepl' || text.machine === 'libretranslate' ? t.machine[text.machine] : t.machine.other;
  const languages = t.languages as Record<string, string>;
  const language = item.language !== null && item.language in languages && item.language !== 'self' ? languages[item.language]! : t.languages.other;
  const note = t.machine.feedNote.replace('{provider}', provider).replace('{language}', language);
  return text.summary ? `${text.summary}\n\n${note}` : note;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

function categories(context: FeedContext, item: SiteItem): string[] {
  const { model, lang } = context;
  return [
    ...item.tasks.map((tag) => model.taskById.get(tag.id)?.title[lang].text ?? tag.id),
    ...item.regions.map((tag) => model.regionById.get(tag.id)?.title[lang].text ?? tag.id),
  ];
}

/** RSS 2.0 with atom:link rel="self", a stable non-permalink guid and RFC 822 dates (toUTCString). */
export async function rssFeed(context: FeedContext, scope: FeedScope): Promise<string> {
  const { lang, site, t } = context;
  const items = scopeItems(context.model, scope).slice(0, FEED_SIZE);
  const self = absoluteUrl(site, rssUrl(lang, scope));
  const newest = items[0]?.publishedAt;
  return getRssString({
    title: feedTitle(context, scope),
    description: `${t.meta.description}`,
    site: absoluteUrl(site, scopePageUrl(lang, scope)),
    trailingSlash: true,
    xmlns: NS,
    customData: [
      `<language>${lang}</language>`,
      `<atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
      newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>` : '',
      `<docs>https://www.rssboard.org/rss-specification</docs>`,
    ].join(''),
    items: items.map((item) => {
      const text = displayText(item, lang);
      const link = absoluteUrl(site, itemUrl(lang, item.slug));
      const summary = feedSummary(item, text, context.t);
      return {
        title: text.title,
        description: summary || undefined,
        pubDate: new Date(item.publishedAt),
        categories: categories(context, item),
        // link and guid written here rather than through `link`, which would make the URL the guid.
        customData: [
          `<link>${escapeXml(link)}</link>`,
          `<guid isPermaLink="false">${escapeXml(itemGuid(item, lang))}</guid>`,
          text.lang ? `<dc:language>${escapeXml(text.lang)}</dc:language>` : '',
        ].join(''),
      };
    }),
  });
}

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the same slice. */
export function jsonFeed(context: FeedContext, scope: FeedScope): string {
  const { lang, site, t } = context;
  const items = scopeItems(context.model, scope).slice(0, FEED_SIZE);
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feedTitle(context, scope),
    home_page_url: absoluteUrl(site, scopePageUrl(lang, scope)),
    feed_url: absoluteUrl(site, jsonFeedUrl(lang, scope)),
    description: t.meta.description,
    language: lang,
    items: items.map((item) => {
      const text = displayText(item, lang);
      const summary = feedSummary(item, text, t);
      return {
        id: itemGuid(item, lang),
        url: absoluteUrl(site, itemUrl(lang, item.slug)),
        ...(item.link ? { external_url: item.link } : {}),
        title: text.title,
        content_text: summary || text.title,
        ...(summary ? { summary } : {}),
        date_published: item.publishedAt,
        ...(text.lang ? { language: text.lang } : {}),
        tags: categories(context, item),
      };
    }),
  };
  return `${JSON.stringify(feed, null, 1)}\n`;
}

/** OPML 2.0 listing every RSS feed of every language, grouped by language and slice kind. */
export function opml(args: { model: SiteModel; dictionaries: Record<Locale, Dictionary>; site: URL | string; dateCreated: string | null }): string {
  const { model, dictionaries, site } = args;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '<head>',
    `<title>${escapeXml(dictionaries.en.meta.siteName)} / ${escapeXml(dictionaries.ru.meta.siteName)}</title>`,
    ...(args.dateCreated ? [`<dateCreated>${new Date(args.dateCreated).toUTCString()}</dateCreated>`] : []),
    '</head>',
    '<body>',
  ];
  for (const lang of LOCALES) {
    const t = dictionaries[lang];
    const context: FeedContext = { model, lang, t, site };
    lines.push(`<outline text="${escapeXml(t.languages.self)}" title="${escapeXml(t.languages.self)}">`);
    const groups: [string, FeedScope['kind']][] = [
      [t.feeds.all, 'all'],
      [t.nav.tasks, 'task'],
      [t.nav.regions, 'region'],
      [`${t.nav.tasks} × ${t.nav.regions}`, 'task-region'],
    ];
    for (const [label, kind] of groups) {
      lines.push(`<outline text="${escapeXml(label)}" title="${escapeXml(label)}">`);
      for (const scope of allScopes(model).filter((candidate) => candidate.kind === kind)) {
        const title = escapeXml(feedTitle(context, scope));
        lines.push(
          `<outline type="rss" version="RSS2" language="${lang}" text="${title}" title="${title}" xmlUrl="${escapeXml(absoluteUrl(site, rssUrl(lang, scope)))}" htmlUrl="${escapeXml(absoluteUrl(site, scopePageUrl(lang, scope)))}"/>`,
        );
      }
      lines.push('</outline>');
    }
    lines.push('</outline>');
  }
  lines.push('</body>', '</opml>', '');
  return lines.join('\n');
}
