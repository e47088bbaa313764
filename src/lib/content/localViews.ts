import type { DatasetDocument } from '../../pipeline/store/documents.ts';
import { pageQuery, publicationPolicyQuery, regionsQuery, siteSettingsQuery, sourcesQuery, tasksQuery, visibleItemsQuery } from './queries.ts';

// The site's fixed queries over the local dataset, answered without
// evaluating GROQ over every document. groq-js makes a stream value of every
// field of every document it projects: the items query alone took 2 s of a
// 10,000-item build. Here it is the same filter, order and projection in
// plain code, and the other site queries, each of which reads one document
// type, run in groq-js over the documents of that type only. Sanity answers
// the same query strings itself; `localViews.test.ts` checks both paths give
// the same answers on real and odd documents.

type Doc = Record<string, unknown>;
type Params = Record<string, unknown>;

const isObject = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);
/** GROQ's attribute access: null when the base is not an object or the field is absent. */
const field = (value: unknown, name: string): unknown => (isObject(value) ? (value[name] ?? null) : null);
/** GROQ's `a[]…`: the mapped array, or null when `a` is not an array. */
const each = (value: unknown, map: (element: unknown) => unknown): unknown[] | null => (Array.isArray(value) ? value.map(map) : null);
/** GROQ's `a{ x, y }` on a value: the fields, or null when it is not an object. */
const pick = (value: unknown, names: readonly string[]): Doc | null => (isObject(value) ? Object.fromEntries(names.map((name) => [name, field(value, name)])) : null);
const coalesce = (...values: unknown[]): unknown => values.find((value) => value !== null && value !== undefined) ?? null;

/** `VISIBLE_ITEM_FILTER` (queries.ts). */
export function isVisibleItem(doc: Doc, policy: unknown): boolean {
  return doc._type === 'newsItem' && doc.health !== false && (doc.reviewStatus === 'approved' || (policy === 'tagged' && coalesce(doc.reviewStatus, 'new') === 'new' && doc.health === true));
}

/** groq-js's total order of values (`totalCompare`): numbers, strings, booleans, then everything else; within a type by value. */
const TYPE_RANK: Record<string, number> = { number: 2, string: 3, boolean: 4 };
function compareValues(a: unknown, b: unknown): number {
  const rankA = TYPE_RANK[typeof a] ?? 100;
  const rankB = TYPE_RANK[typeof b] ?? 100;
  if (rankA !== rankB || rankA === 100) return rankA - rankB;
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  return Number(a) - Number(b);
}

const EVIDENCE_FIELDS = ['term', 'field', 'weight', 'matched', 'kind'] as const;
const suggestions = (value: unknown) =>
  each(value, (suggestion) =>
    isObject(suggestion)
      ? { id: field(suggestion.tag, '_ref'), confidence: field(suggestion, 'confidence'), evidence: each(suggestion.evidence, (entry) => pick(entry, EVIDENCE_FIELDS)) }
      : null,
  );
const refs = (value: unknown) => each(value, (element) => field(element, '_ref'));
const perLanguage = (value: unknown, names: readonly string[]) => ({ ru: pick(field(value, 'ru'), names), en: pick(field(value, 'en'), names) });

/** `visibleItemsQuery`: the shown items, newest first, projected as the query projects them. */
export function visibleItemsView(documents: readonly Doc[], params: Params): Doc[] {
  const shown = documents.filter((doc) => isVisibleItem(doc, params.policy));
  // order(publishedAt desc, _id asc); groq-js's sort is stable.
  const ordered = shown
    .map((doc, index) => ({ doc, index }))
    .sort((a, b) => -compareValues(a.doc.publishedAt ?? null, b.doc.publishedAt ?? null) || compareValues(a.doc._id, b.doc._id) || a.index - b.index)
    .map(({ doc }) => doc);
  return ordered.map((doc) => ({
    _id: field(doc, '_id'),
    slug: field(doc.slug, 'current'),
    title: field(doc, 'title'),
    summary: field(doc, 'summary'),
    link: field(doc, 'link'),
    publishedAt: coalesce(doc.publishedAt, doc.firstSeenAt),
    language: field(doc, 'language'),
    image: field(doc, 'image'),
    imageAlt: field(doc, 'imageAlt'),
    reviewStatus: coalesce(doc.reviewStatus, 'new'),
    featured: field(doc, 'featured'),
    sourceId: field(doc.source, '_ref'),
    alsoSeenIn: refs(doc.alsoSeenIn),
    duplicateOf: field(doc.duplicateOf, '_ref'),
    suggestedTasks: suggestions(doc.suggestedTasks),
    suggestedRegions: suggestions(doc.suggestedRegions),
    confirmedTasks: refs(doc.confirmedTasks),
    confirmedRegions: refs(doc.confirmedRegions),
    translations: perLanguage(doc.translations, ['title', 'summary']),
    machineTranslations: perLanguage(doc.machineTranslations, ['title', 'summary', 'provider']),
  }));
}

/** Queries answered by code over the whole dataset. */
export const CODE_VIEWS: ReadonlyMap<string, (documents: readonly Doc[], params: Params) => unknown> = new Map([[visibleItemsQuery, visibleItemsView]]);

/**
 * Queries that read documents of these types only (their one `*` is filtered
 * by `_type`): groq-js evaluates them over those documents, not all.
 */
export const TYPE_SCOPED_QUERIES: ReadonlyMap<string, readonly string[]> = new Map([
  [tasksQuery, ['task']],
  [regionsQuery, ['region']],
  [sourcesQuery, ['source']],
  [pageQuery, ['page']],
  [siteSettingsQuery, ['siteSettings']],
  [publicationPolicyQuery, ['siteSettings']],
]);

/** The documents of a dataset by type, for the type-scoped queries. */
export function documentsByType(documents: readonly DatasetDocument[]): Map<string, DatasetDocument[]> {
  const byType = new Map<string, DatasetDocument[]>();
  for (const document of documents) {
    const list = byType.get(document._type);
    if (list) list.push(document);
    else byType.set(document._type, [document]);
  }
  return byType;
}
