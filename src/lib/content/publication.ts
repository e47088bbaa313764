import type { ContentClient } from './client.ts';
import { publicationPolicyQuery } from './queries.ts';

// Whether the site publishes what the pipeline tagged as health news before an
// editor looked at it. A network's editors decide: `tagged` (the bundled demo's
// setting, and the reading of an unset field) shows approved items and
// unreviewed items tagged as health news; `approved` only what an editor
// approved. Every item query takes it as `$policy`: pages, feeds, search (it
// indexes the pages), the sitemap, images and the health counts all follow it.

export const PUBLICATION_POLICIES = ['tagged', 'approved'] as const;
export type PublicationPolicy = (typeof PUBLICATION_POLICIES)[number];
export const DEFAULT_PUBLICATION_POLICY: PublicationPolicy = 'tagged';

export const isPublicationPolicy = (value: unknown): value is PublicationPolicy => (PUBLICATION_POLICIES as readonly unknown[]).includes(value);

/** The store's policy; an unset or unknown value reads as the default. */
export async function fetchPublicationPolicy(client: ContentClient): Promise<PublicationPolicy> {
  const value = await client.fetch<unknown>(publicationPolicyQuery);
  return isPublicationPolicy(value) ? value : DEFAULT_PUBLICATION_POLICY;
}
