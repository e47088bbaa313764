import type { APIRoute } from 'astro';
import { createDraftsClient } from '../../lib/content/configured.ts';
import { handlePreview } from '../../lib/preview/handler.ts';

// Editors open a draft here from the studio; rendered on each request with the
// drafts perspective, guarded by MEDCLUSTERS_PREVIEW_SECRET.
export const prerender = false;

export const GET: APIRoute = ({ request, params }) =>
  handlePreview(request, params.path, {
    secret: process.env.MEDCLUSTERS_PREVIEW_SECRET,
    draftsClient: () => createDraftsClient(),
  });
