import { PAGE_KEYS, PAGE_LANGUAGES, pageDocumentId, publishedIdOf, type PageKey, type PageLanguage } from './pageIdentity.ts';

// Validation rules as plain functions of a value: the schema wires them into
// `rule.custom`, and vitest runs them without a studio (and through Sanity's
// own validator, tests/sanity/validation.test.ts). Each returns `true` when
// the value is valid, else the message the editor sees.

export type RuleResult = true | string;

type Reference = { _ref?: unknown };
type ItemLike = {
  reviewStatus?: unknown;
  confirmedTasks?: unknown;
  rejectionReason?: unknown;
};

const references = (value: unknown): Reference[] =>
  Array.isArray(value) ? value.filter((entry): entry is Reference => typeof entry?._ref === 'string') : [];

/** An approved item is shown under its tasks, so it needs at least one. */
export function approvedNeedsConfirmedTask(item: ItemLike | undefined): RuleResult {
  if (item?.reviewStatus !== 'approved') return true;
  return references(item.confirmedTasks).length > 0 ? true : 'An approved item needs at least one confirmed task.';
}

/** A rejection carries its reason, so the next editor knows why. */
export function rejectedNeedsReason(item: ItemLike | undefined): RuleResult {
  if (item?.reviewStatus !== 'rejected') return true;
  return typeof item.rejectionReason === 'string' && item.rejectionReason.trim() !== ''
    ? true
    : 'A rejected item needs a reason.';
}

/** A summary without a title would be shown under the other language's title. */
export function summaryNeedsTitle(translation: { title?: unknown; summary?: unknown } | undefined): RuleResult {
  const hasSummary = typeof translation?.summary === 'string' && translation.summary.trim() !== '';
  const hasTitle = typeof translation?.title === 'string' && translation.title.trim() !== '';
  return !hasSummary || hasTitle ? true : 'A summary needs a title in the same language.';
}

/** Links leave the site, so they must be absolute http(s) URLs; an empty field is allowed. */
export function absoluteHttpUrl(value: unknown): RuleResult {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value !== 'string') return 'Must be a URL.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `Must be an absolute URL (https://…), got "${value}".`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? true : `Must be an http(s) URL, got "${url.protocol}".`;
}

/**
 * One page per key and language: the page's id must be `page-<key>-<language>`
 * (the desk opens exactly those). A duplicate, or a page whose key or language
 * was changed, fails here and cannot be published.
 */
export function pageIdMatchesKeyAndLanguage(document: { _id?: unknown; key?: unknown; language?: unknown } | undefined): RuleResult {
  const key = document?.key;
  const language = document?.language;
  if (!PAGE_KEYS.includes(key as PageKey) || !PAGE_LANGUAGES.includes(language as PageLanguage)) return true; // the required fields say it
  const expected = pageDocumentId(key as PageKey, language as PageLanguage);
  const id = typeof document?._id === 'string' ? publishedIdOf(document._id) : '';
  return id === expected
    ? true
    : `There is one ${String(key)} page in "${String(language)}": the document ${expected}. Open it from Pages instead of this copy (${id || 'no id'}).`;
}

/** The document-level rules of a news item, in the order the editor sees them; the actions check them on the document they would publish. */
export const NEWS_ITEM_DOCUMENT_RULES = [approvedNeedsConfirmedTask, rejectedNeedsReason] as const;

/** A feed address: an absolute http(s) URL, or a `file:` path (the bundled sample feeds, relative to their sources file). */
export function feedAddress(value: unknown): RuleResult {
  if (typeof value === 'string' && value.startsWith('file:')) return true;
  return absoluteHttpUrl(value);
}
