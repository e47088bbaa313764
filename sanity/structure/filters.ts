// The editors' work lists as GROQ filters, in one module so vitest can run
// them with groq-js on the dataset. Values reach a filter only through
// `$params`. The structure (./index.ts) builds its lists from this table.

export type Ordering = { field: string; direction: 'asc' | 'desc' };

export type WorkList = {
  id: string;
  title: string;
  schemaType: string;
  filter: string;
  ordering: Ordering[];
};

const NEWEST_FIRST: Ordering[] = [
  { field: 'publishedAt', direction: 'desc' },
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
/** Approved but with no English title yet: the English site falls back to the original. */
export const needsTranslationFilter = '_type == "newsItem" && reviewStatus == "approved" && !defined(translations.en.title)';
/**
 * A translation exists but the original changed after it was last reviewed
 * (or it was never marked reviewed): `contentHash` is the pipeline's hash of
 * what the feed said, `sourceHashAtReview` its value at the review.
 */
export const translationOutdatedFilter =
  '_type == "newsItem" && (defined(translations.en.title) || defined(translations.ru.title)) && coalesce(translations.sourceHashAtReview, "") != contentHash';
/** Items suggested or confirmed under one task: `$tag` is the task document id. */
export const byTaskFilter = '_type == "newsItem" && ($tag in confirmedTasks[]._ref || $tag in suggestedTasks[].tag._ref)';
/** Items suggested or confirmed under one region: `$tag` is the region document id. */
export const byRegionFilter = '_type == "newsItem" && ($tag in confirmedRegions[]._ref || $tag in suggestedRegions[].tag._ref)';
export const sourcesFilter = '_type == "source"';
/** Failing sources first (most consecutive failures on top), then by id. */
export const SOURCES_ORDERING: Ordering[] = [
  { field: 'consecutiveFailures', direction: 'desc' },
  { field: '_id', direction: 'asc' },
];

export const WORK_LISTS: readonly WorkList[] = [
  { id: 'inbox', title: 'Inbox', schemaType: 'newsItem', filter: inboxFilter, ordering: NEWEST_FIRST },
  { id: 'approved', title: 'Approved', schemaType: 'newsItem', filter: approvedFilter, ordering: NEWEST_FIRST },
  { id: 'rejected', title: 'Rejected', schemaType: 'newsItem', filter: rejectedFilter, ordering: NEWEST_FIRST },
  { id: 'needs-translation', title: 'Needs translation', schemaType: 'newsItem', filter: needsTranslationFilter, ordering: NEWEST_FIRST },
  { id: 'filtered-out', title: 'Filtered out (not health news)', schemaType: 'newsItem', filter: filteredOutFilter, ordering: NEWEST_FIRST },
  { id: 'translation-outdated', title: 'Translation out of date', schemaType: 'newsItem', filter: translationOutdatedFilter, ordering: NEWEST_FIRST },
];

/** GROQ `order()` arguments for an ordering, so a list query and the studio sort alike. */
export const orderClause = (ordering: readonly Ordering[]): string =>
  ordering.map((entry) => `${entry.field} ${entry.direction}`).join(', ');

/** The query a list shows (what the studio runs, as one GROQ string). */
export const listQuery = (filter: string, ordering: readonly Ordering[]): string =>
  `*[${filter}] | order(${orderClause(ordering)}) { _id }`;
