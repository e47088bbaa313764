import type { ContentClient } from './client.ts';
import { createLocalClient, createMemoryClient, dataDirFromEnv, loadDataset } from './local.ts';
import { applyPerspective } from './perspective.ts';
import { createSanityContentClient, sanityContentConfigFromEnv } from './sanity.ts';

type Env = Record<string, string | undefined>;

/**
 * The one place that picks the store: Sanity when `SANITY_PROJECT_ID` and
 * `SANITY_DATASET` are set (published perspective), else the local dataset
 * (`MEDCLUSTERS_DATA_DIR` or `content/`).
 */
export function createConfiguredClient(env: Env = process.env): Promise<ContentClient> {
  const sanity = sanityContentConfigFromEnv(env);
  if (sanity) return Promise.resolve(createSanityContentClient(sanity));
  return createLocalClient(dataDirFromEnv(env));
}

/**
 * The same store seen with drafts, for the preview route. Sanity needs a
 * token for drafts. The local dataset is the published view (its reader skips
 * `drafts.*` lines, as an export read back has them), so there the preview
 * shows each document as stored.
 */
export async function createDraftsClient(env: Env = process.env): Promise<ContentClient> {
  const sanity = sanityContentConfigFromEnv(env);
  if (sanity) {
    if (!sanity.token) throw new Error('preview_needs_token: set SANITY_API_TOKEN (a viewer token) to preview drafts from Sanity');
    return createSanityContentClient({ ...sanity, perspective: 'drafts' });
  }
  const dir = dataDirFromEnv(env);
  const loaded = await loadDataset(dir);
  if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`);
  return createMemoryClient(applyPerspective(loaded.value, 'drafts'), `local dataset ${dir} (drafts)`);
}
