import { createHash, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../site/locales.ts';

// The editors' preview: guards and the banner's words. The page itself is the
// site's own item page (src/pages/preview/[lang]/[id].astro renders
// src/pages/[lang]/news/[slug].astro with the draft). Nothing here ever echoes
// a secret.

/** The query parameter the studio's preview links carry (@sanity/preview-url-secret). */
export const STUDIO_SECRET_PARAM = 'sanity-preview-secret';
/** The static secret (MEDCLUSTERS_PREVIEW_SECRET) arrives as `?secret=` or this header. */
export const STATIC_SECRET_PARAM = 'secret';
export const STATIC_SECRET_HEADER = 'x-preview-secret';

/** Sent with every preview answer, the 401s included. */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  // The secret is in the query string: never pass the URL on to linked sites.
  'referrer-policy': 'no-referrer',
};

/**
 * Constant-time comparison of the given secret with the configured one.
 * Hashing both first gives equal lengths, so the time does not reveal the
 * secret's length either. No configured secret means this way in is off.
 */
export function secretMatches(given: string | null | undefined, expected: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The document id from the route: `item-…` or `drafts.item-…` (the draft is read either way). */
export function previewIdFromPath(path: string | undefined): string | null {
  const id = (path ?? '').replace(/^\/+|\/+$/g, '').replace(/^drafts\./, '');
  return /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/.test(id) ? id : null;
}

export type PreviewBanner = { isDraft: boolean; reviewStatus: string; rejectionReason: string | null };

const BANNER_TEXT: Record<Locale, { draft: string; published: string; status: Record<string, string>; reason: string }> = {
  ru: {
    draft: 'Предпросмотр черновика: он ещё не опубликован.',
    published: 'Предпросмотр опубликованной версии (черновика нет).',
    status: { new: 'Статус: не проверено.', approved: 'Статус: одобрено.', rejected: 'Статус: отклонено.' },
    reason: 'Причина',
  },
  en: {
    draft: 'Draft preview: not published yet.',
    published: 'Preview of the published version (there is no draft).',
    status: { new: 'Status: not reviewed.', approved: 'Status: approved.', rejected: 'Status: rejected.' },
    reason: 'Reason',
  },
};

/** The banner above the previewed item: draft or not, its review status, and a rejection's reason. */
export function bannerText(banner: PreviewBanner, lang: Locale): string {
  const words = BANNER_TEXT[lang];
  const status = words.status[banner.reviewStatus] ?? words.status.new!;
  const reason = banner.reviewStatus === 'rejected' && banner.rejectionReason ? ` ${words.reason}: ${banner.rejectionReason}` : '';
  return `${banner.isDraft ? words.draft : words.published} ${status}${reason}`;
}
