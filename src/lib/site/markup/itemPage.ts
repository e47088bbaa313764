import { dictionary, format, formatDate, formatNumber, languageName, providerName } from '../../../i18n/index.ts';
import type { FeedLink } from '../head.ts';
import { srcset, type ImageRecord } from '../imagePolicy.ts';
import { isLocale, type Locale } from '../locales.ts';
import { displayText, evidenceWords, labelLang, originalPageLanguage, type Evidence, type SiteItem, type SiteModel, type Source } from '../model.ts';
import { newsArticle } from '../structured.ts';
import { absoluteUrl, itemUrl, jsonFeedUrl, regionUrl, rssUrl, sourceAnchorUrl, storyUrl, taskUrl } from '../urls.ts';
import { badgesHtml, languageBadgeHtml } from './badges.ts';
import { attr, html, type SafeHtml } from './html.ts';

// An item's page (src/pages/[lang]/news/[slug].astro) as strings: there is one
// per item and language, so it is the bulk of a build (markup/html.ts says why
// strings). The page keeps the layout and the draft preview's banner slot.

/** The tagger's evidence label for "the feed serves this region" (src/pipeline/tag/tagItem.ts SOURCE_PRIOR_TERM). */
const FEED_REGION_TERM = '(feed region)';

export type ItemPageParts = {
  path: string;
  title: string;
  description: string | undefined;
  structuredData: Record<string, unknown>;
  feeds: FeedLink[];
  /** Meta tags for the page's head. */
  head: SafeHtml;
  /** The article's content, after the preview banner. */
  body: SafeHtml;
};

export function itemPageParts(model: SiteModel, item: SiteItem, lang: Locale, site: URL, imageRecord: ImageRecord | undefined): ItemPageParts {
  const t = dictionary(lang);
  const text = displayText(item, lang);
  const textLang = text.lang !== lang ? (text.lang ?? undefined) : undefined;
  const path = itemUrl(lang, item.slug);
  const source = item.sourceId ? model.sourceById.get(item.sourceId) : undefined;
  const alsoSeenIn = item.alsoSeenIn.map((id) => model.sourceById.get(id)).filter((other) => other !== undefined);
  const story = item.storyId ? model.stories.get(item.storyId) : undefined;
  const others = story ? story.items.filter((other) => other.docId !== item.docId) : [];
  const originalPageLang = originalPageLanguage(item, lang);
  const fieldName = (field: string) => (field === 'summary' ? t.item.fieldSummary : t.item.fieldTitle);
  /**
   * Why a tag was given, one phrase per distinct piece of rule evidence, in the
   * words the rule matched. The learned layer's words (`kind: 'learned'`) are
   * for editors (the studio shows them): on their own they read as arbitrary,
   * so a tag with no rule evidence says the learned model gave it.
   */
  const reasons = (evidence: Evidence[]) => {
    const rules = evidence.filter((entry) => entry.kind !== 'learned');
    if (rules.length === 0 && evidence.length > 0) return [t.item.evidenceLearned];
    return [...new Set(rules.map((entry) => (entry.term === FEED_REGION_TERM ? t.item.feedRegion : format(t.item.evidence, { term: evidenceWords(entry), field: fieldName(entry.field) }))))];
  };
  // The source links to its own site when it has one, else to its entry on the sources page.
  const sourceHref = (other: Source) => other.siteUrl ?? sourceAnchorUrl(lang, other.id);
  const sourceLang = (other: Source) => labelLang(other.name, lang);
  const taskTitle = (id: string) => model.taskById.get(id)?.title[lang].text ?? id;
  const image = imageRecord?.status === 'ok' ? imageRecord : null;
  const fallback = image ? (image.variants.filter((variant) => variant.format === 'webp').at(-1) ?? null) : null;
  const imageUrl = image && fallback ? absoluteUrl(site, `/images/${image.key}/${fallback.file}`) : null;
  const structuredData = newsArticle({ item, text, lang, url: absoluteUrl(site, path), source, publisherName: t.meta.siteName, keywords: item.tasks.map((tag) => taskTitle(tag.id)), imageUrl });
  const firstTask = item.tasks[0]?.id;
  const firstRegion = item.regions[0]?.id;
  const feeds: FeedLink[] = [
    ...(firstTask ? [{ title: format(t.feeds.feedTitle, { site: t.meta.shortName, scope: model.taskById.get(firstTask)!.title[lang].text }), rss: rssUrl(lang, { kind: 'task', task: firstTask }), json: jsonFeedUrl(lang, { kind: 'task', task: firstTask }) }] : []),
    ...(firstRegion ? [{ title: format(t.feeds.feedTitle, { site: t.meta.shortName, scope: model.regionById.get(firstRegion)!.title[lang].text }), rss: rssUrl(lang, { kind: 'region', region: firstRegion }), json: jsonFeedUrl(lang, { kind: 'region', region: firstRegion }) }] : []),
  ];
  const readInOriginal = (original: Locale) => html` <a${attr('href', itemUrl(original, item.slug))}${attr('hreflang', original)}>${format(t.item.readInOriginal, { language: languageName(t, original) })}</a>`;
  const published = formatDate(lang, item.publishedAt, true);

  const head = html`<meta property="article:published_time"${attr('content', item.publishedAt)}>${
    imageUrl && fallback && html`<meta property="og:image"${attr('content', imageUrl)}><meta property="og:image:width"${attr('content', String(fallback.width))}><meta property="og:image:height"${attr('content', String(fallback.height))}>`
  }${item.tasks.map((tag) => html`<meta property="article:tag"${attr('content', taskTitle(tag.id))}>`)}`;

  const tagGroups = [
    { key: 'tasks', filter: 'task', heading: t.item.tasks, tags: item.tasks.map((tag) => ({ tag, term: model.taskById.get(tag.id), href: taskUrl(lang, tag.id) })) },
    { key: 'regions', filter: 'region', heading: t.item.regions, tags: item.regions.map((tag) => ({ tag, term: model.regionById.get(tag.id), href: regionUrl(lang, tag.id) })) },
  ];
  const tagSections = tagGroups.map(
    (group) => html`<section${attr('aria-labelledby', `tags-${group.key}`)} data-pagefind-ignore> <h2${attr('id', `tags-${group.key}`)}>${group.heading}</h2> ${
      group.tags.length === 0
        ? html`<p>${t.item.noTags}</p>`
        : html`<ul class="tag-block">${group.tags.map(
            ({ tag, term, href }) =>
              term &&
              html` <li> <a${attr('href', href)}${attr('data-pagefind-filter', group.filter)}>${term.title[lang].text}</a> <span class="why"> — ${tag.confirmed ? t.item.confirmed : t.item.suggested}${
                tag.confidence !== null && html`, ${format(t.item.confidence, { value: formatNumber(lang, Math.round(tag.confidence * 100) / 100) })}`
              }</span>${tag.evidence.length > 0 && html` <p class="why">${t.item.why}: ${reasons(tag.evidence).join('; ')}</p>`} </li>`,
          )} </ul>`
    } </section>`,
  );

  const storySection =
    others.length > 0 &&
    story &&
    html` <section aria-labelledby="story" data-pagefind-ignore> <h2 id="story">${t.item.story}</h2> <ul>${others.map((other) => {
      const otherText = displayText(other, lang);
      const otherSource = other.sourceId ? model.sourceById.get(other.sourceId) : undefined;
      return html`<li><a${attr('href', itemUrl(lang, other.slug))}${attr('lang', otherText.lang !== lang ? (otherText.lang ?? undefined) : undefined)}>${otherText.title}</a> ${languageBadgeHtml(otherText, lang)}${
        otherSource && html`<span class="meta"> — <span${attr('lang', sourceLang(otherSource))}>${otherSource.name[lang].text}</span></span>`
      }</li>`;
    })}</ul> <p><a${attr('href', storyUrl(lang, story.id))}>${format(t.item.storyLink, { count: story.items.length })}</a></p> </section>`;

  const body = html` <h1${attr('lang', textLang)} data-pagefind-meta="title">${text.title}</h1> <p class="meta" data-pagefind-ignore><time${attr('datetime', item.publishedAt)} data-pagefind-meta="date">${published}</time>${
    source && html`<span${attr('lang', sourceLang(source))}>${source.name[lang].text}</span>`
  }</p> ${badgesHtml(item, text, lang)}${
    text.untranslated &&
    html` <div class="notice" data-pagefind-ignore> <p>${format(t.item.untranslated, { language: languageName(t, item.language) })}${originalPageLang && readInOriginal(originalPageLang)}</p> </div>`
  }${
    text.machine !== null &&
    html` <p class="notice" data-pagefind-ignore>${format(t.machine.notice, { provider: providerName(t, text.machine), language: languageName(t, item.language) })} ${
      originalPageLang ? readInOriginal(originalPageLang) : item.link && html` <a${attr('href', item.link)} rel="noopener external">${t.item.original}</a>`
    } </p>`
  }${
    text.translated &&
    html` <p class="notice" data-pagefind-ignore>${format(t.item.translatedNotice, { language: languageName(t, item.language) })} ${item.language && isLocale(item.language) && readInOriginal(item.language)} </p>`
  }${
    image &&
    fallback &&
    html` <figure> <picture> <source type="image/avif"${attr('srcset', srcset(image.key, image, 'avif'))} sizes="(min-width: 50rem) 48rem, 100vw"> <source type="image/webp"${attr('srcset', srcset(image.key, image, 'webp'))} sizes="(min-width: 50rem) 48rem, 100vw"> <img${attr('src', `/images/${image.key}/${fallback.file}`)}${attr('width', fallback.width)}${attr('height', fallback.height)}${attr('alt', item.imageAlt)} loading="eager" fetchpriority="high" decoding="async"> </picture> </figure>`
  }${text.summary && html` <p class="summary"${attr('lang', textLang)}>${text.summary}</p>`} <dl class="facts" data-pagefind-ignore> <dt>${t.item.source}</dt> <dd>${
    source ? html`<a${attr('href', sourceHref(source))}${attr('lang', sourceLang(source))}${attr('rel', source.siteUrl ? 'external' : undefined)}>${source.name[lang].text}</a>` : '—'
  }</dd> <dt>${t.item.originalLabel}</dt> <dd>${item.link ? html`<a${attr('href', item.link)} rel="noopener external">${t.item.original}</a>` : t.item.noOriginal}</dd>${
    alsoSeenIn.length > 0 &&
    html` <dt>${t.item.alsoSeenIn}</dt> <dd>${alsoSeenIn.map((other, index) => html`${index > 0 && ', '}<a${attr('href', sourceHref(other))}${attr('lang', sourceLang(other))}>${other.name[lang].text}</a>`)}</dd>`
  } <dt>${t.item.published}</dt> <dd><time${attr('datetime', item.publishedAt)}>${published}</time></dd> <dt>${t.item.status}</dt> <dd>${item.reviewed ? t.item.statusApproved : t.item.statusNew}</dd> </dl> ${tagSections}${storySection} `;

  return { path, title: text.title, description: text.summary || undefined, structuredData, feeds, head, body };
}
