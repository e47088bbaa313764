import type { APIRoute } from 'astro';
import { fetchHealth, freshContentClient } from '../../lib/content/site.ts';

// The one on-demand route: it reads the dataset on each request, so it reports
// ingests made after the site was built.
export const prerender = false;

export const GET: APIRoute = async () => {
  try {
    const health = await fetchHealth(await freshContentClient());
    return Response.json(health, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    // The reason goes to the server's log; the public answer is a code (a message may name paths or hosts).
    console.error(`[medclusters] /api/health: ${(error as Error).message}`);
    return Response.json({ status: 'error', code: 'dataset_unavailable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
