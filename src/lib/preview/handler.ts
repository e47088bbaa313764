import type { ContentClient } from '../content/client.ts';
import { previewIdFromPath, previewItemQuery, renderPreviewHtml, secretMatches, type PreviewItem } from './preview.ts';

export type PreviewDeps = {
  /** MEDCLUSTERS_PREVIEW_SECRET; unset turns preview off (every request 401). */
  secret: string | undefined;
  /** The store seen with the drafts perspective; only called once the secret matched. */
  draftsClient: () => Promise<ContentClient>;
};

const HEADERS = {
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  // The secret may arrive in the query string: never pass the URL on to linked sites.
  'referrer-policy': 'no-referrer',
};

/**
 * GET /preview/<document id>?secret=… (or the `x-preview-secret` header):
 * 401 without the right secret, before any read; 404 for an unknown id;
 * else the item as its draft stands.
 */
export async function handlePreview(request: Request, path: string | undefined, deps: PreviewDeps): Promise<Response> {
  const url = new URL(request.url);
  const given = request.headers.get('x-preview-secret') ?? url.searchParams.get('secret');
  if (!secretMatches(given, deps.secret)) {
    return new Response('Unauthorized\n', { status: 401, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
  }
  const id = previewIdFromPath(path);
  if (id === null) return new Response('Not a document id\n', { status: 404, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
  let item: PreviewItem | null;
  try {
    item = await (await deps.draftsClient()).fetch<PreviewItem | null>(previewItemQuery, { id });
  } catch (error) {
    return new Response(`Preview unavailable: ${(error as Error).message}\n`, { status: 503, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (!item) return new Response('No such item\n', { status: 404, headers: { ...HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
  return new Response(renderPreviewHtml(item), { status: 200, headers: { ...HEADERS, 'content-type': 'text/html; charset=utf-8' } });
}
