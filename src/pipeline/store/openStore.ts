import { openLocalStore, type DatasetStore, type LocalStoreOptions } from './local.ts';
import { openSanityStore, sanityStoreConfigFromEnv } from './sanity.ts';

/**
 * The store an ingest writes to: Sanity when SANITY_PROJECT_ID, SANITY_DATASET
 * and a write token (SANITY_WRITE_TOKEN or SANITY_API_TOKEN) are set, else the
 * local dataset in `directory`.
 */
export function openStore(
  directory: string,
  env: Record<string, string | undefined> = process.env,
  options: LocalStoreOptions = {},
): DatasetStore {
  const sanity = sanityStoreConfigFromEnv(env);
  return sanity ? openSanityStore(sanity) : openLocalStore(directory, options);
}
