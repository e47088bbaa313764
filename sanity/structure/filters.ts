// The editors' work lists as data: a GROQ filter (a constant: values reach it
// only through `$params`), the document type and the ordering the studio
// applies. The structure (./index.ts) is built from this table, and vitest runs
// every filter with groq-js on the datasets (tests/sanity/structure.test.ts).

/** An ordering as Sanity's document lists take it; `nulls: 'last'` keeps documents without the field at the bottom. */
export type Ordering = { field: string; direction: 'asc' | 'desc'; nulls?: 'first' | 'last' };

export type WorkList = {
  id: string;
  title: string;
  schemaType: 'newsItem' | 'source';
  filter: string;
  ordering: readonly Ordering[];
};

/**
 * Newest first. Sanity sorts missing values first in a descending order
 * (PostgreSQL's default), so an item without a date would top every list:
 * `nulls: 'last'` sends it to the bottom.
 */
export const NEWEST_FIRST: readonly Ordering[] = [
  { field: 'publishedAt', direction: 'desc', nulls: 'last' },
  { field: '_id', direction: 'asc' },
];

/**
 * Items no editor has decided on yet (the pipeline creates them as `new`) that
 * the tagger thinks are health news: road works and sport stay out of the way.
 */
export const inboxFilter = '_type == "newsItem" && coalesce(reviewStatus, "new") == "new" && health != false';
/** Undecided items the tagger filtered out as not health news: checked now and then, not one by one. */
export const filteredOutFilter = '_type == "newsItem" && coalesce(reviewStatus, "new") == "new" && health == false';
export const approvedFilter = '_type == "newsItem" && reviewStatus == "approved"';
export const rejectedFilter = '_type == "newsItem" && reviewStatus == "rejected"';

// The translation lists hold approved items only: they are what the site
// shows. A rejected item's translation is nobody's work, and an undecided item
// is in the inbox.

/**
 * Approved, and a site language has no text for it yet: neither the original
 * is in that language nor has an editor written a title in it. A Russian item
 * needs English, an English one Russian, a Belarusian one both; the site shows
 * a machine translation there when the translate step made one (the row says
 * "machine draft"; "Use machine draft" starts the editor's text from it), else
 * the original, marked untranslated.
 */
export const needsTranslationFilter =
  '_type == "newsItem" && reviewStatus == "approved" && ((language != "ru" && !defined(translations.ru.title)) || (language != "en" && !defined(translations.en.title)))';
/**
 * Approved, with a translation, and no one has marked the translations
 * reviewed yet: written, but not checked against the original (the second
 * pair of eyes, or the translator's own "done"). Not "out of date": there is
 * no earlier review for the original to have changed since.
 */
export const translationUnreviewedFilter =
  '_type == "newsItem" && reviewStatus == "approved" && (defined(translations.ru.title) || defined(translations.en.title)) && !defined(translations.sourceHashAtReview)';
/**
 * Approved, and the translations were reviewed against an older original:
 * `contentHash` is the pipeline's hash of what the feed said, and it changed
 * since `sourceHashAtReview` was recorded ("Mark translation reviewed"); or a
 * text started from a machine draft (`machineDraftAt`) whose draft has been
 * made again since (`machineTranslations.<lang>.at`).
 */
export const translationOutdatedFilter =
  '_type == "newsItem" && reviewStatus == "approved" && (defined(translations.ru.title) || defined(translations.en.title)) && defined(translations.sourceHashAtReview) && (translations.sourceHashAtReview != contentHash || (defined(translations.en.machineDraftAt) && translations.en.machineDraftAt != machineTranslations.en.at) || (defined(translations.ru.machineDraftAt) && translations.ru.machineDraftAt != machineTranslations.ru.at))';

/** Items suggested or confirmed under one task: `$tag` is the task document id. */
export const byTaskFilter = '_type == "newsItem" && ($tag in confirmedTasks[]._ref || $tag in suggestedTasks[].tag._ref)';
/** Items suggested or confirmed under one region: `$tag` is the region document id. */
export const byRegionFilter = '_type == "newsItem" && ($tag in confirmedRegions[]._ref || $tag in suggestedRegions[].tag._ref)';

export const sourcesFilter = '_type == "source"';
/**
 * Failing sources first (most consecutive failures on top), then by id. A
 * source never fetched has no `consecutiveFailures`: `nulls: 'last'` ranks it
 * with the healthy ones, as `coalesce(consecutiveFailures, 0) desc` would.
 */
export const SOURCES_ORDERING: readonly Ordering[] = [
  { field: 'consecutiveFailures', direction: 'desc', nulls: 'last' },
  { field: '_id', direction: 'asc' },
];

export const WORK_LISTS: readonly WorkList[] = [
  { id: 'inbox', title: 'Inbox', schemaType: 'newsItem', filter: inboxFilter, ordering: NEWEST_FIRST },
  { id: 'approved', title: 'Approved', schemaType: 'newsItem', filter: approvedFilter, ordering: NEWEST_FIRST },
  { id: 'rejected', title: 'Rejected', schemaType: 'newsItem', filter: rejectedFilter, ordering: NEWEST_FIRST },
  { id: 'needs-translation', title: 'Needs translation', schemaType: 'newsItem', filter: needsTranslationFilter, ordering: NEWEST_FIRST },
  { id: 'translation-unreviewed', title: 'Translation not yet reviewed', schemaType: 'newsItem', filter: translationUnreviewedFilter, ordering: NEWEST_FIRST },
  { id: 'translation-outdated', title: 'Translation out of date', schemaType: 'newsItem', filter: translationOutdatedFilter, ordering: NEWEST_FIRST },
  { id: 'filtered-out', title: 'Filtered out (not health news)', schemaType: 'newsItem', filter: filteredOutFilter, ordering: NEWEST_FIRST },
];

export const SOURCES_LIST: WorkList = { id: 'sources', title: 'Sources (failing first)', schemaType: 'source', filter: sourcesFilter, ordering: SOURCES_ORDERING };

/** Browsing by tag: pick a task or region, then its items; the picked document's id is `$tag`. */
export type TagBrowser = { id: string; title: string; termType: 'task' | 'region'; filter: string; ordering: readonly Ordering[] };

export const TAG_BROWSERS: readonly TagBrowser[] = [
  { id: 'by-task', title: 'By task', termType: 'task', filter: byTaskFilter, ordering: NEWEST_FIRST },
  { id: 'by-region', title: 'By region', termType: 'region', filter: byRegionFilter, ordering: NEWEST_FIRST },
];

export const TERM_ORDERING: readonly Ordering[] = [{ field: 'order', direction: 'asc' }];
