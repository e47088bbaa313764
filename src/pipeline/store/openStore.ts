import { openLocalStore, type DatasetStore, type LocalStoreOptions } from './local.ts';
import { openSanityStore, sanityStoreChoiceFromEnv, unusableStore } from './sanity.ts';

/**
 * The store an ingest writes to: Sanity when SANITY_PROJECT_ID, SANITY_DATASET
 * and SANITY_WRITE_TOKEN are set, the local dataset in `directory` when no
 * Sanity project is configured, and a store that fails with
 * `sanity_write_token_missing` when a project is configured without a write token.
 */
export function openStore(
  directory: string,
  env: Record<string, string | undefined> = process.env,
  options: LocalStoreOptions = {},
): DatasetStore {
  const choice = sanityStoreChoiceFromEnv(env);
  if (choice.kind === 'sanity') return openSanityStore(choice.config);
  if (choice.kind === 'misconfigured') return unusableStore('sanity (not configured for writing)', choice.code, choice.message);
  return openLocalStore(directory, options);
}
