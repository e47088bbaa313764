import { dictionary, format, formatDate } from '../../../i18n/index.ts';
import type { Locale } from '../locales.ts';
import { displayText, labelLang, type SiteItem, type SiteModel } from '../model.ts';
import { itemUrl, storyUrl, taskUrl } from '../urls.ts';
import { badgesHtml } from './badges.ts';
import { attr, html, SafeHtml } from './html.ts';

export type CardOptions = { lang: Locale; level: 2 | 3; showStory: boolean };

/** An item's card on a listing: title, date and source, badges, summary, tasks, and its story when asked. */
export function itemCardHtml(model: SiteModel, item: SiteItem, { lang, level, showStory }: CardOptions): SafeHtml {
  const t = dictionary(lang);
  const text = displayText(item, lang);
  const textLang = text.lang !== lang ? (text.lang ?? undefined) : undefined;
  const source = item.sourceId ? model.sourceById.get(item.sourceId) : undefined;
  const heading = new SafeHtml(level === 2 ? 'h2' : 'h3');
  const story = showStory && item.storyId ? model.stories.get(item.storyId) : undefined;
  const tasks = item.tasks.flatMap((tag) => {
    const task = model.taskById.get(tag.id);
    return task ? [html`<li><a${attr('href', taskUrl(lang, task.id))}>${task.title[lang].text}</a></li>`] : [];
  });
  return html`<article class="card"><${heading}><a${attr('href', itemUrl(lang, item.slug))}${attr('lang', textLang)}>${text.title}</a></${heading}> <p class="meta"><time${attr('datetime', item.publishedAt)}>${formatDate(lang, item.publishedAt)}</time>${
    source && html` <span${attr('lang', labelLang(source.name, lang))}>${source.name[lang].text}</span>`
  }</p> ${badgesHtml(item, text, lang)}${text.summary && html` <p class="summary"${attr('lang', textLang)}>${text.summary}</p>`}${
    item.tasks.length > 0 && html` <ul class="tags"${attr('aria-label', t.item.tasks)}>${tasks}</ul>`
  }${story && html` <p class="meta"><a${attr('href', storyUrl(lang, story.id))}>${format(t.item.storyLink, { count: story.items.length })}</a></p>`}</article>`;
}

/**
 * A listing's items as cards, or the dictionary's "nothing here" line. Cards are
 * made again on each listing that shows them: keeping them for the next listing
 * would hold some 200 MB at 10,000 items, more than making them again costs.
 */
export function itemListHtml(model: SiteModel, items: readonly SiteItem[], options: CardOptions): SafeHtml {
  if (items.length === 0) return html`<p>${dictionary(options.lang).listing.empty}</p>`;
  let out = '<ol class="items">';
  for (const item of items) out += `<li>${itemCardHtml(model, item, options).value}</li>`;
  return new SafeHtml(`${out}</ol>`);
}
