// Every GROQ query the site runs, in one place, each wrapped in `defineQuery`
// so tooling (Sanity TypeGen) can find them. Values reach a query only through
// `$params`; a query is never assembled from strings.
//
// No query dereferences (`->`): groq-js resolves each reference by scanning the
// dataset, which turns 10,000 items into minutes. The site joins references
// itself from small lookup tables (tasks, regions, sources).

/** Identity: marks a string as a GROQ query for tooling, like `defineQuery` of `groq`. */
export const defineQuery = <const Q extends string>(query: Q): Q => query;

/**
 * Items a reader may see: approved by an editor, or, while no editor has
 * looked (`reviewStatus` new or absent), tagged as health news by the
 * pipeline. Rejected items and items tagged as not health news never appear.
 * The filter is written out in each query that needs it (queries stay plain
 * literals for tooling); `queries.test.ts` checks the copies are identical.
 */
export const VISIBLE_ITEM_FILTER = '_type == "newsItem" && health != false && (reviewStatus == "approved" || (coalesce(reviewStatus, "new") == "new" && health == true))';

export const visibleItemsQuery = defineQuery(`*[_type == "newsItem" && health != false && (reviewStatus == "approved" || (coalesce(reviewStatus, "new") == "new" && health == true))] | order(publishedAt desc, _id asc) {
  _id,
  "slug": slug.current,
  title,
  summary,
  link,
  "publishedAt": coalesce(publishedAt, firstSeenAt),
  language,
  image,
  imageAlt,
  "reviewStatus": coalesce(reviewStatus, "new"),
  featured,
  "sourceId": source._ref,
  "alsoSeenIn": alsoSeenIn[]._ref,
  "duplicateOf": duplicateOf._ref,
  "suggestedTasks": suggestedTasks[]{ "id": tag._ref, confidence, "evidence": evidence[]{ term, field, weight, matched } },
  "suggestedRegions": suggestedRegions[]{ "id": tag._ref, confidence, "evidence": evidence[]{ term, field, weight, matched } },
  "confirmedTasks": confirmedTasks[]._ref,
  "confirmedRegions": confirmedRegions[]._ref,
  "translations": {
    "ru": translations.ru{ title, summary },
    "en": translations.en{ title, summary }
  }
}`);

export const tasksQuery = defineQuery(`*[_type == "task"] | order(order asc, _id asc) {
  _id,
  "id": slug.current,
  title,
  scope,
  description,
  seeds
}`);

export const regionsQuery = defineQuery(`*[_type == "region"] | order(order asc, _id asc) {
  _id,
  "id": slug.current,
  title
}`);

export const sourcesQuery = defineQuery(`*[_type == "source"] | order(_id asc) {
  _id,
  "id": slug.current,
  name,
  siteUrl,
  feedUrl,
  "regionId": region._ref,
  language,
  enabled,
  note,
  sample,
  lastFetchedAt,
  lastSuccessAt,
  lastError,
  consecutiveFailures,
  lastItemCount
}`);

/** Shown items per source, for the sources page (one query, grouped in the site). */
export const itemSourcesQuery = defineQuery(`*[_type == "newsItem" && health != false && (reviewStatus == "approved" || (coalesce(reviewStatus, "new") == "new" && health == true))]{ "sourceId": source._ref }`);

/** Image URLs of shown items, for the image store (fetched once, before the pages are built). */
export const imageUrlsQuery = defineQuery(`*[_type == "newsItem" && health != false && (reviewStatus == "approved" || (coalesce(reviewStatus, "new") == "new" && health == true)) && defined(image)].image`);

/** What `/api/health` reports. */
export const healthQuery = defineQuery(`{
  "documents": count(*),
  "items": count(*[_type == "newsItem"]),
  "shownItems": count(*[_type == "newsItem" && health != false && (reviewStatus == "approved" || (coalesce(reviewStatus, "new") == "new" && health == true))]),
  "lastIngest": *[_type == "source" && defined(lastFetchedAt)] | order(lastFetchedAt desc)[0].lastFetchedAt,
  "failingSources": *[_type == "source" && enabled != false && defined(lastError.code)] | order(_id asc) {
    "id": slug.current,
    "code": lastError.code,
    "message": lastError.message,
    "at": lastError.at,
    consecutiveFailures
  }
}`);

/** One item as the editor last saved it (the draft when there is one). */
export const previewItemQuery = defineQuery(`*[_type == "newsItem" && _id == $id][0]{
  _id,
  _originalId,
  title,
  summary,
  link,
  publishedAt,
  language,
  "reviewStatus": coalesce(reviewStatus, "new"),
  rejectionReason,
  featured,
  "sourceName": *[_type == "source" && _id == ^.source._ref][0].name,
  "suggestedTasks": suggestedTasks[].tag._ref,
  "suggestedRegions": suggestedRegions[].tag._ref,
  "confirmedTasks": confirmedTasks[]._ref,
  "confirmedRegions": confirmedRegions[]._ref,
  "translations": translations{ "ru": ru{ title, summary }, "en": en{ title, summary }, reviewedAt, sourceHashAtReview },
  contentHash
}`);
