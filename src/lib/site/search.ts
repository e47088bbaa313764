import { createHash } from 'node:crypto';
import { formatDate } from '../../i18n/index.ts';
import { LOCALES, type Locale } from './locales.ts';
import { displayText, type SiteItem, type SiteModel } from './model.ts';
import { itemUrl } from './urls.ts';

// What the search index holds, from the site model rather than the built
// HTML: one record per item page, with what its page lets Pagefind index
// (the title, the picture's description and the summary; everything else of
// the page is marked data-pagefind-ignore), its title and date as shown, and
// the task and region filters the page lists. Built from data, the index needs
// no parse of twenty thousand HTML files and can be made while Astro renders.
//
// The index is cut into segments of items (a month for the last twelve months
// of the archive, a year before that): a refresh indexes again only the
// segments whose records changed, usually the current month, and copies the
// others from the previous build. The search page merges the segments.

export type SearchRecord = {
  url: string;
  content: string;
  language: Locale;
  meta: { title: string; date: string };
  filters: { task: string[]; region: string[] };
};

export type SearchSegment = { name: string; key: string; records: SearchRecord[] };

/** The record of one item page in one language, as the page shows it. */
export function searchRecord(model: SiteModel, item: SiteItem, lang: Locale): SearchRecord {
  const text = displayText(item, lang);
  const terms = (tags: SiteItem['tasks'], byId: ReadonlyMap<string, { title: Record<Locale, { text: string }> }>) =>
    tags.flatMap((tag) => {
      const term = byId.get(tag.id);
      return term ? [term.title[lang].text] : [];
    });
  return {
    url: itemUrl(lang, item.slug),
    content: [text.title, item.image ? item.imageAlt : '', text.summary].filter((part) => part !== '').join('\n'),
    language: lang,
    meta: { title: text.title, date: formatDate(lang, item.publishedAt, true) },
    filters: { task: terms(item.tasks, model.taskById), region: terms(item.regions, model.regionById) },
  };
}

/** `YYYY-MM` for the last twelve months of the archive (counted from its newest month), `YYYY` before. */
export function segmentOf(month: string, newestMonth: string): string {
  const index = (key: string) => Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
  return index(newestMonth) - index(month) < 12 ? month : month.slice(0, 4);
}

/** Every item page's record, grouped into segments, newest segment first; each segment's key is a hash of its records. */
export function searchSegments(model: SiteModel): SearchSegment[] {
  const newest = model.items[0]?.month;
  if (newest === undefined) return [];
  const groups = new Map<string, SearchRecord[]>();
  for (const item of model.items) {
    const name = segmentOf(item.month, newest);
    let records = groups.get(name);
    if (!records) groups.set(name, (records = []));
    for (const lang of LOCALES) records.push(searchRecord(model, item, lang));
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([name, records]) => ({ name, key: createHash('sha1').update(JSON.stringify(records)).digest('base64url'), records }));
}
