import type { APIRoute } from 'astro';
import { fetchHealth, freshContentClient } from '../../lib/content/site.ts';
import { dataDirFromEnv } from '../../lib/content/local.ts';
import { readServiceState } from '../../service/state.ts';

// The one on-demand route: it reads the dataset on each request, so it reports
// ingests made after the site was built, and the service's state file (when a
// service runs on this data folder): the last cycle, the next one, the build queue.
export const prerender = false;

export const GET: APIRoute = async () => {
  const service = await readServiceState(dataDirFromEnv());
  try {
    const health = await fetchHealth(await freshContentClient());
    return Response.json({ ...health, service }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return Response.json(
      { status: 'error', code: 'dataset_unavailable', message: (error as Error).message, service },
      { status: 503, headers: { 'cache-control': 'no-store' } },
    );
  }
};
