import { buildSiteModel, type RawContent, type RawItem, type RawRegion, type RawSource, type RawTask, type SiteModel } from '../site/model.ts';
import type { ContentClient } from './client.ts';
import { dataDirFromEnv } from './local.ts';
import { createConfiguredClient } from './configured.ts';
import { readManifest } from './imageManifest.ts';
import type { ImageManifest } from '../site/imagePolicy.ts';
import { healthQuery, regionsQuery, sourcesQuery, tasksQuery, visibleItemsQuery } from './queries.ts';

// The one module pages read content through. Which store answers (the local
// dataset file, or Sanity when configured: see configured.ts) is decided here, once.

let clientPromise: Promise<ContentClient> | null = null;

/** The configured content client: Sanity when SANITY_PROJECT_ID and SANITY_DATASET are set, else the local dataset. */
export function getContentClient(): Promise<ContentClient> {
  clientPromise ??= createConfiguredClient();
  return clientPromise;
}

export async function fetchRawContent(client: ContentClient): Promise<RawContent> {
  const [items, tasks, regions, sources] = await Promise.all([
    client.fetch<RawItem[]>(visibleItemsQuery),
    client.fetch<RawTask[]>(tasksQuery),
    client.fetch<RawRegion[]>(regionsQuery),
    client.fetch<RawSource[]>(sourcesQuery),
  ]);
  return { items: items ?? [], tasks: tasks ?? [], regions: regions ?? [], sources: sources ?? [] };
}

let modelPromise: Promise<SiteModel> | null = null;

/** The site's view model, built once per process: every page of a build shares it. */
export function getSite(): Promise<SiteModel> {
  modelPromise ??= getContentClient().then(fetchRawContent).then(buildSiteModel);
  return modelPromise;
}

export type Health = {
  status: 'ok' | 'degraded';
  content: string;
  documents: number;
  items: number;
  shownItems: number;
  lastIngest: string | null;
  failingSources: { id: string; code: string; message: string; at: string | null; consecutiveFailures: number }[];
};

/** What `/api/health` answers; `degraded` when a source is failing, so monitors can alert on it. */
export async function fetchHealth(client: ContentClient): Promise<Health> {
  const raw = await client.fetch<Omit<Health, 'status' | 'content'>>(healthQuery);
  const failingSources = (raw.failingSources ?? []).map((source) => ({
    id: source.id,
    code: source.code,
    message: source.message ?? '',
    at: source.at ?? null,
    consecutiveFailures: source.consecutiveFailures ?? 0,
  }));
  return {
    status: failingSources.length > 0 ? 'degraded' : 'ok',
    content: client.description,
    documents: raw.documents,
    items: raw.items,
    shownItems: raw.shownItems,
    lastIngest: raw.lastIngest ?? null,
    failingSources,
  };
}

/** A client that reads the store now, for on-demand routes that must see ingests made after the build. */
export function freshContentClient(): Promise<ContentClient> {
  return createConfiguredClient();
}

let imagesPromise: Promise<ImageManifest> | null = null;

/** The image store's manifest (what the build fetched and encoded), read once per build. */
export function getImageManifest(): Promise<ImageManifest> {
  imagesPromise ??= readManifest(dataDirFromEnv());
  return imagesPromise;
}
