import type { APIRoute } from 'astro';
import { fetchHealth, freshContentClient } from '../../lib/content/site.ts';
import { dataDirFromEnv } from '../../lib/content/local.ts';
import { publicServiceState, readServiceState } from '../../service/state.ts';

// The one on-demand route: it reads the dataset on each request, so it reports
// ingests made after the site was built, and the service's state file (when a
// service runs on this data folder): the last cycle, the next one, the build queue.
export const prerender = false;

export const GET: APIRoute = async () => {
  const service = publicServiceState(await readServiceState(dataDirFromEnv()));
  try {
    const health = await fetchHealth(await freshContentClient());
    return Response.json({ ...health, service }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    // The reason goes to the server's log; the public answer is a code (a message may name paths or hosts).
    console.error(`[medclusters] /api/health: ${(error as Error).message}`);
    return Response.json({ status: 'error', code: 'dataset_unavailable', service }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
};
