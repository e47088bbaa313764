// Links from the studio to the site's draft preview. The secret in them is one
// the studio just created in the dataset (@sanity/preview-url-secret: a
// `sanity.previewUrlSecret` document under `drafts.`, readable only with a
// token, valid for an hour); the site checks it against Sanity with its own
// read token. No long-lived secret is in the studio's public bundle.

import { publishedIdOf } from '../schemaTypes/pageIdentity.ts';

/** The query parameter @sanity/preview-url-secret's validatePreviewUrl reads. */
export const PREVIEW_SECRET_PARAM = 'sanity-preview-secret';
export const PREVIEW_LANGUAGES = ['ru', 'en'] as const;

export type PreviewLink = { language: (typeof PREVIEW_LANGUAGES)[number]; href: string };


/**
 * The site's preview URL of a document in each language:
 * `<site>/preview/<lang>/<published id>?sanity-preview-secret=…`. Null when no
 * site URL is configured (SANITY_STUDIO_SITE_URL) or it is not http(s).
 */
export function previewLinks(siteUrl: string | undefined, documentId: string, secret: string): PreviewLink[] | null {
  let base: URL;
  try {
    base = new URL(siteUrl ?? '');
  } catch {
    return null;
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') return null;
  const id = publishedIdOf(documentId);
  return PREVIEW_LANGUAGES.map((language) => {
    const url = new URL(`preview/${language}/${encodeURIComponent(id)}`, base.href.endsWith('/') ? base.href : `${base.href}/`);
    url.searchParams.set(PREVIEW_SECRET_PARAM, secret);
    return { language, href: url.href };
  });
}
