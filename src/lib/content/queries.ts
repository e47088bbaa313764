import { defineQuery } from 'groq';

// Every GROQ query of the project, in one place: the site's, the preview's and
// the ingest store's. Each is a plain literal wrapped in `defineQuery` from
// `groq`, the marker Sanity TypeGen looks for (`sanity typegen generate` finds
// them and types their results). Values reach a query only through `$params`;
// a query is never assembled from strings (`tests/sanity/groqSources.test.ts`
// checks the whole source tree for that).
//
// No query dereferences (`->`): groq-js resolves each reference by scanning the
// dataset, which turns 10,000 items into minutes. The site joins references
// itself from small lookup tables (tasks, regions, sources).

/**
 * Items a reader may see: approved by an editor, or, while no editor has
 * looked (`reviewStatus` new or absent), tagged as health news by the
 * pipeline, when the publication policy (`$policy`, the site settings'
 * `publicationPolicy`, see `publicationPolicyQuery`) is `tagged`; with
 * `approved` only what an editor approved. Rejected items and items tagged as
 * not health news never appear.
 * The filter is written out in each query that needs it (queries stay plain
 * literals for tooling); `queries.test.ts` checks the copies are identical.
 */
export const VISIBLE_ITEM_FILTER = '_type == "newsItem" && health != false && (reviewStatus == "approved" || ($policy == "tagged" && coalesce(reviewStatus, "new") == "new" && health == true))';

export const visibleItemsQuery = defineQuery(`*[_type == "newsItem" && health != false && (reviewStatus == "approved" || ($policy == "tagged" && coalesce(reviewStatus, "new") == "new" && health == true))] | order(publishedAt desc, _id asc) {
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
  "suggestedTasks": suggestedTasks[]{ "id": tag._ref, confidence, "evidence": evidence[]{ term, field, weight, matched, kind } },
  "suggestedRegions": suggestedRegions[]{ "id": tag._ref, confidence, "evidence": evidence[]{ term, field, weight, matched, kind } },
  "confirmedTasks": confirmedTasks[]._ref,
  "confirmedRegions": confirmedRegions[]._ref,
  "translations": {
    "ru": translations.ru{ title, summary },
    "en": translations.en{ title, summary }
  },
  "machineTranslations": {
    "ru": machineTranslations.ru{ title, summary, provider },
    "en": machineTranslations.en{ title, summary, provider }
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
  description,
  sample,
  lastFetchedAt,
  lastSuccessAt,
  lastError,
  consecutiveFailures,
  lastItemCount
}`);

/** Shown items per source, for the sources page (one query, grouped in the site). */
export const itemSourcesQuery = defineQuery(`*[_type == "newsItem" && health != false && (reviewStatus == "approved" || ($policy == "tagged" && coalesce(reviewStatus, "new") == "new" && health == true))]{ "sourceId": source._ref }`);

/** Image URLs of shown items, for the image store (fetched once, before the pages are built). */
export const imageUrlsQuery = defineQuery(`*[_type == "newsItem" && health != false && (reviewStatus == "approved" || ($policy == "tagged" && coalesce(reviewStatus, "new") == "new" && health == true)) && defined(image)].image`);

/** What `/api/health` reports. */
export const healthQuery = defineQuery(`{
  "documents": count(*),
  "items": count(*[_type == "newsItem"]),
  "shownItems": count(*[_type == "newsItem" && health != false && (reviewStatus == "approved" || ($policy == "tagged" && coalesce(reviewStatus, "new") == "new" && health == true))]),
  "lastIngest": *[_type == "source" && defined(lastFetchedAt)] | order(lastFetchedAt desc)[0].lastFetchedAt,
  "failingSources": *[_type == "source" && enabled != false && defined(lastError.code)] | order(_id asc) {
    "id": slug.current,
    "code": lastError.code,
    "at": lastError.at,
    consecutiveFailures
  }
}`);

/**
 * One item as the editor last saved it (the draft when there is one, read with
 * the drafts perspective), whatever its review status: the projection is the
 * one of `visibleItemsQuery`, so the preview renders it with the site's own
 * item page, plus what the preview banner says (`_originalId` names the draft).
 */
export const previewItemQuery = defineQuery(`*[_type == "newsItem" && _id == $id][0]{
  _originalId,
  rejectionReason,
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
  "suggestedTasks": suggestedTasks[]{ "id": tag._ref, confidence, "evidence": evidence[]{ term, field, weight, matched, kind } },
  "suggestedRegions": suggestedRegions[]{ "id": tag._ref, confidence, "evidence": evidence[]{ term, field, weight, matched, kind } },
  "confirmedTasks": confirmedTasks[]._ref,
  "confirmedRegions": confirmedRegions[]._ref,
  "translations": {
    "ru": translations.ru{ title, summary },
    "en": translations.en{ title, summary }
  },
  "machineTranslations": {
    "ru": machineTranslations.ru{ title, summary, provider },
    "en": machineTranslations.en{ title, summary, provider }
  }
}`);

/**
 * A long page (about, methodology) in one language. The studio allows one
 * document per key and language (its `_id` is `page-<key>-<language>`);
 * `order(_id)` keeps the answer deterministic all the same.
 */
export const pageQuery = defineQuery(`*[_type == "page" && key == $key && language == $language] | order(_id asc)[0]{
  _id,
  key,
  language,
  title,
  description,
  body
}`);

/** The site settings singleton: site name and description per language, contact. */
/** The site settings' publication policy (`tagged` or `approved`; null when unset, read as `tagged`). */
export const publicationPolicyQuery = defineQuery(`*[_type == "siteSettings" && _id == "siteSettings"][0].publicationPolicy`);

export const siteSettingsQuery = defineQuery(`*[_type == "siteSettings" && _id == "siteSettings"][0]{
  title,
  description,
  contactEmail,
  networkUrl
}`);

// The ingest store's queries (src/pipeline/store/sanity.ts), published perspective.

/**
 * Documents read whole: sources and the taxonomy (the planner reads all their
 * fields) and the seeded pages and site settings (the seeding compares what an
 * editor left). Few documents, so no paging.
 */
export const storeWholeDocumentsQuery = defineQuery(`*[_type in ["source", "task", "region", "page", "siteSettings"]]`);

/**
 * News items in pages by `_id` (a large dataset never comes back as one
 * response), with the fields the planner compares and the story grouper reads:
 * `_id`, `_type`, NEWS_ITEM_MACHINE_FIELDS, NEWS_ITEM_CREATE_ONLY_FIELDS,
 * `alsoSeenIn` and the editors' `translations`, which the translate step reads
 * so as not to pay for a language an editor wrote (src/pipeline/store/documents.ts;
 * a test checks the list).
 */
export const storeNewsItemPageQuery = defineQuery(`*[_type == "newsItem" && _id > $after] | order(_id asc) [0...$limit] {
  _id,
  _type,
  title,
  summary,
  contentHtml,
  link,
  guid,
  identityKey,
  guidSource,
  publishedAt,
  publishedAtEstimated,
  language,
  languageConfidence,
  languageMethod,
  image,
  author,
  enclosures,
  source,
  contentHash,
  machineUpdatedAt,
  health,
  healthScore,
  healthEvidence,
  suggestedTasks,
  suggestedRegions,
  duplicateOf,
  machineTranslations,
  firstSeenAt,
  reviewStatus,
  slug,
  alsoSeenIn,
  translations
}`);

/** Documents after a commit, private paths (`_.…`, e.g. preview secrets) aside. */
export const storeDocumentCountQuery = defineQuery(`count(*[!(_id in path("_.**"))])`);
