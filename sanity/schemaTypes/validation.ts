// Validation rules as plain functions of a value: the schema wires them into
// `rule.custom`, and vitest runs them without a studio. Each returns `true`
// when the value is valid, else the message the editor sees.

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
