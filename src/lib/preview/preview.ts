import { timingSafeEqual, createHash } from 'node:crypto';
export { previewItemQuery } from '../content/queries.ts';

// The editors' preview: one document, read with the drafts perspective, shown
// as a plain page. The secret guards it; nothing here ever echoes it.

export type PreviewItem = {
  _id: string;
  _originalId?: string | null;
  title?: string | null;
  summary?: string | null;
  link?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  reviewStatus?: string | null;
  rejectionReason?: string | null;
  featured?: boolean | null;
  sourceName?: { ru?: string; en?: string } | null;
  suggestedTasks?: string[] | null;
  suggestedRegions?: string[] | null;
  confirmedTasks?: string[] | null;
  confirmedRegions?: string[] | null;
  translations?: {
    ru?: { title?: string | null; summary?: string | null } | null;
    en?: { title?: string | null; summary?: string | null } | null;
    reviewedAt?: string | null;
    sourceHashAtReview?: string | null;
  } | null;
  contentHash?: string | null;
};

/**
 * Constant-time comparison of the given secret with the configured one.
 * Hashing both first gives equal lengths, so the time does not reveal the
 * secret's length either. No configured secret means preview is off.
 */
export function secretMatches(given: string | null | undefined, expected: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The document id from the route's path: `item-…` or `drafts.item-…` (the draft is read either way). */
export function previewIdFromPath(path: string | undefined): string | null {
  const id = (path ?? '').replace(/^\/+|\/+$/g, '').replace(/^drafts\./, '');
  return /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/.test(id) ? id : null;
}

const escapeHtml = (text: unknown): string =>
  String(text ?? '').replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const list = (values: string[] | null | undefined): string =>
  values && values.length > 0 ? values.map((value) => escapeHtml(value.replace(/^(task|region)-/, ''))).join(', ') : '—';

/** The preview page: the item as the editor will publish it, both languages, its tags and status. */
export function renderPreviewHtml(item: PreviewItem): string {
  const isDraft = typeof item._originalId === 'string' && item._originalId.startsWith('drafts.');
  const section = (lang: 'ru' | 'en') => {
    const translation = item.translations?.[lang];
    const title = translation?.title ?? (item.language === lang ? item.title : null);
    const summary = translation?.summary ?? (item.language === lang ? item.summary : null);
    return `<section lang="${lang}"><h2>${lang === 'ru' ? 'Русский' : 'English'}</h2>${
      title ? `<h3>${escapeHtml(title)}</h3><p>${escapeHtml(summary)}</p>` : '<p><em>no title in this language yet</em></p>'
    }</section>`;
  };
  const link = typeof item.link === 'string' && /^https?:\/\//.test(item.link) ? `<p><a href="${escapeHtml(item.link)}" rel="noopener noreferrer">${escapeHtml(item.link)}</a></p>` : '';
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="robots" content="noindex,nofollow"><meta name="referrer" content="no-referrer">
<title>Preview: ${escapeHtml(item.translations?.ru?.title ?? item.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}.banner{background:#fff3cd;padding:.5rem 1rem;border-radius:4px}dt{font-weight:600}</style>
</head><body>
<p class="banner">${isDraft ? 'Draft preview: not published' : 'Preview of the published version (no draft)'} · ${escapeHtml(item._id)}</p>
<h1>${escapeHtml(item.title)}</h1>
<p>${escapeHtml(item.summary)}</p>
${link}
<dl>
<dt>Status</dt><dd>${escapeHtml(item.reviewStatus)}${item.rejectionReason ? ` (${escapeHtml(item.rejectionReason)})` : ''}${item.featured ? ' · featured' : ''}</dd>
<dt>Source</dt><dd>${escapeHtml(item.sourceName?.ru ?? item.sourceName?.en ?? '—')}</dd>
<dt>Published</dt><dd>${escapeHtml(item.publishedAt ?? '—')} · ${escapeHtml(item.language ?? 'und')}</dd>
<dt>Confirmed tasks</dt><dd>${list(item.confirmedTasks)}</dd>
<dt>Confirmed regions</dt><dd>${list(item.confirmedRegions)}</dd>
<dt>Suggested tasks</dt><dd>${list(item.suggestedTasks)}</dd>
<dt>Suggested regions</dt><dd>${list(item.suggestedRegions)}</dd>
</dl>
${section('ru')}
${section('en')}
</body></html>
`;
}
