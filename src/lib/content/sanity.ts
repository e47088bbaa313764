import { createClient, type SanityClient } from '@sanity/client';
import type { ContentClient } from './client.ts';

// The site's content from a Sanity dataset, behind the same ContentClient the
// local dataset has: the pages cannot tell which one answers.

/** The API version the queries are written against (published is its default perspective). */
export const SANITY_API_VERSION = '2025-02-19';

export type SanityPerspective = 'published' | 'drafts';

export type SanityContentConfig = {
  projectId: string;
  dataset: string;
  /** A read token: needed for a private dataset and for the drafts perspective. */
  token?: string;
  /** Another API origin (tests, a proxy); default Sanity's `https://<projectId>.api.sanity.io`. */
  apiHost?: string;
  perspective?: SanityPerspective;
};

type Env = Record<string, string | undefined>;
const value = (env: Env, name: string): string | undefined => {
  const text = env[name]?.trim();
  return text ? text : undefined;
};

/**
 * Sanity is used when `SANITY_PROJECT_ID` and `SANITY_DATASET` are set;
 * `SANITY_API_TOKEN` (or `SANITY_READ_TOKEN`) authenticates, `SANITY_API_HOST`
 * points elsewhere than sanity.io. Null means "use the local dataset".
 */
export function sanityContentConfigFromEnv(env: Env = process.env): SanityContentConfig | null {
  const projectId = value(env, 'SANITY_PROJECT_ID');
  const dataset = value(env, 'SANITY_DATASET');
  if (!projectId || !dataset) return null;
  const token = value(env, 'SANITY_READ_TOKEN') ?? value(env, 'SANITY_API_TOKEN');
  const apiHost = value(env, 'SANITY_API_HOST');
  return { projectId, dataset, ...(token ? { token } : {}), ...(apiHost ? { apiHost } : {}) };
}

export function createSanityClientFor(config: SanityContentConfig): SanityClient {
  return createClient({
    projectId: config.projectId,
    dataset: config.dataset,
    apiVersion: SANITY_API_VERSION,
    // A build and a preview must see the dataset as it is now, not a CDN copy.
    useCdn: false,
    perspective: config.perspective ?? 'published',
    ...(config.token ? { token: config.token } : {}),
    ...(config.apiHost ? { apiHost: config.apiHost, useProjectHostname: false } : {}),
  });
}

/** A ContentClient over Sanity: `fetch(query, params)` runs the GROQ on Sanity with the configured perspective. */
export function createSanityContentClient(config: SanityContentConfig): ContentClient {
  const client = createSanityClientFor(config);
  const perspective = config.perspective ?? 'published';
  return {
    store: 'sanity',
    description: `Sanity ${config.projectId}/${config.dataset} (${perspective})`,
    fetch: <T>(query: string, params: Record<string, unknown> = {}) => client.fetch<T>(query, params),
  };
}
