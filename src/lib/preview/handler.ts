import type { ContentClient } from '../content/client.ts';
import { previewItemQuery, regionsQuery, sourcesQuery, tasksQuery } from '../content/queries.ts';
import { buildSiteModel, type RawItem, type RawRegion, type RawSource, type RawTask, type SiteItem } from '../site/model.ts';
import { isLocale, type Locale } from '../site/locales.ts';
import { PREVIEW_HEADERS, STATIC_SECRET_HEADER, STATIC_SECRET_PARAM, STUDIO_SECRET_PARAM, previewIdFromPath, secretMatches, type PreviewBanner } from './preview.ts';

export type PreviewDeps = {
  /** MEDCLUSTERS_PREVIEW_SECRET; unset turns the static secret off. */
  secret: string | undefined;
  /**
   * Checks a secret the studio created (`sanity-preview-secret`) against
   * Sanity with the site's read token; null when Sanity is not configured
   * with a token (then only the static secret opens the preview).
   */
  validateStudioSecret: ((url: string) => Promise<boolean>) | null;
  /** The store seen with the drafts perspective; only called once a secret matched. */
  draftsClient: () => Promise<ContentClient>;
};

export type PreviewResult =
  | { kind: 'response'; response: Response }
  | { kind: 'item'; item: SiteItem; lang: Locale; banner: PreviewBanner };

const text = (status: number, body: string): PreviewResult => ({
  kind: 'response',
  response: new Response(`${body}\n`, { status, headers: { ...PREVIEW_HEADERS, 'content-type': 'text/plain; charset=utf-8' } }),
});

/** True when the request carries a secret that opens the preview: the static one, or one the studio made. */
export async function previewAuthorized(request: Request, deps: Pick<PreviewDeps, 'secret' | 'validateStudioSecret'>): Promise<boolean> {
  const url = new URL(request.url);
  if (secretMatches(request.headers.get(STATIC_SECRET_HEADER) ?? url.searchParams.get(STATIC_SECRET_PARAM), deps.secret)) return true;
  const studioSecret = url.searchParams.get(STUDIO_SECRET_PARAM);
  if (!studioSecret || !deps.validateStudioSecret) return false;
  try {
    return await deps.validateStudioSecret(request.url);
  } catch {
    return false; // Sanity unreachable: no way to tell, so no preview
  }
}

type RawPreviewItem = RawItem & { _originalId?: string | null; rejectionReason?: string | null };

/**
 * GET /preview/<lang>/<document id>: 401 without a secret that opens it,
 * before any content is read; 404 for an unknown language or id; else the
 * item as its draft stands, in the site's own model, for the item page.
 */
export async function resolvePreview(request: Request, params: { lang?: string | undefined; id?: string | undefined }, deps: PreviewDeps): Promise<PreviewResult> {
  if (!(await previewAuthorized(request, deps))) return text(401, 'Unauthorized');
  if (!isLocale(params.lang)) return text(404, 'Unknown language');
  const id = previewIdFromPath(params.id);
  if (id === null) return text(404, 'Not a document id');
  let client: ContentClient;
  let raw: RawPreviewItem | null;
  let lookups: [RawTask[], RawRegion[], RawSource[]];
  try {
    client = await deps.draftsClient();
    [raw, ...lookups] = await Promise.all([
      client.fetch<RawPreviewItem | null>(previewItemQuery, { id }),
      client.fetch<RawTask[]>(tasksQuery),
      client.fetch<RawRegion[]>(regionsQuery),
      client.fetch<RawSource[]>(sourcesQuery),
    ]);
  } catch (error) {
    return text(503, `Preview unavailable: ${(error as Error).message}`);
  }
  if (!raw) return text(404, 'No such item');
  // An item the feed gave no date still previews (the site files it by date, so it needs one).
  const dated = { ...raw, publishedAt: raw.publishedAt ?? new Date().toISOString() };
  const model = buildSiteModel({ items: [dated], tasks: lookups[0] ?? [], regions: lookups[1] ?? [], sources: lookups[2] ?? [] });
  const item = model.items[0];
  if (!item) return text(404, 'No such item');
  return {
    kind: 'item',
    item,
    lang: params.lang,
    banner: {
      isDraft: typeof raw._originalId === 'string' && raw._originalId.startsWith('drafts.'),
      reviewStatus: raw.reviewStatus ?? 'new',
      rejectionReason: raw.rejectionReason ?? null,
    },
  };
}
