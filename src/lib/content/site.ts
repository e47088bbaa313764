import { buildSiteModel, type RawContent, type RawItem, type RawRegion, type RawSource, type RawTask, type SiteModel } from '../site/model.ts';
import type { ContentClient } from './client.ts';
import { dataDirFromEnv } from './local.ts';
import { createConfiguredClient } from './configured.ts';
import { readManifest } from './imageManifest.ts';
import { fetchPublicationPolicy, type PublicationPolicy } from './publication.ts';
import type { ImageManifest } from '../site/imagePolicy.ts';
import { healthQuery, pageQuery, regionsQuery, siteSettingsQuery, sourcesQuery, tasksQuery, visibleItemsQuery } from './queries.ts';
import { renderPageMarkdown } from './markdown.ts';
import { LOCALES, type Locale } from '../site/locales.ts';

// The one module pages read content through. Which store answers (the local
// dataset file, or Sanity when configured: see configured.ts) is decided here, once.


export async function fetchRawContent(client: ContentClient): Promise<RawContent> {
  const policy = await fetchPublicationPolicy(client);
  const [items, tasks, regions, sources] = await Promise.all([
    client.fetch<RawItem[]>(visibleItemsQuery, { policy }),
    client.fetch<RawTask[]>(tasksQuery),
    client.fetch<RawRegion[]>(regionsQuery),
    client.fetch<RawSource[]>(sourcesQuery),
  ]);
  return { items: items ?? [], tasks: tasks ?? [], regions: regions ?? [], sources: sources ?? [] };
}

/** Everything a build shows, read once per process: every page of a build shares it. */
type BuildContent = { model: SiteModel; settings: SiteSettings; pages: Map<string, SitePage | null> };

// Kept on globalThis: Astro loads the config's integrations and the built
// pages as separate copies of this module in one process, and the search index
// (src/lib/site/build/pagefind.ts) reads the same content as the pages rather
// than the store a second time.
const BUILD_CONTENT = Symbol.for('medclusters.buildContent');
const shared = globalThis as { [BUILD_CONTENT]?: Promise<BuildContent> };

const PAGE_KEYS: readonly PageKey[] = ['about', 'methodology'];
const pageCacheKey = (key: PageKey, language: Locale) => `${key}:${language}`;

/**
 * Reads the store (Sanity when SANITY_PROJECT_ID and SANITY_DATASET are set,
 * else the local dataset) in one pass and keeps only what pages show. The
 * client, and with a local dataset every document of it, is let go
 * afterwards: a build of 10,000 items holds its view model, not the dataset.
 */
function getBuildContent(): Promise<BuildContent> {
  shared[BUILD_CONTENT] ??= (async () => {
    const client = await createConfiguredClient();
    const pageEntries = PAGE_KEYS.flatMap((key) => LOCALES.map((language) => [key, language] as const));
    const [raw, settings, pages] = await Promise.all([
      fetchRawContent(client),
      fetchSiteSettings(client),
      Promise.all(pageEntries.map(async ([key, language]) => [pageCacheKey(key, language), await fetchPage(client, key, language)] as const)),
    ]);
    return { model: buildSiteModel(raw), settings, pages: new Map(pages) };
  })();
  return shared[BUILD_CONTENT];
}

/** The site's view model, built once per process. */
export function getSite(): Promise<SiteModel> {
  return getBuildContent().then((content) => content.model);
}

export type Health = {
  status: 'ok' | 'degraded';
  content: 'local' | 'sanity';
  /** Which items `shownItems` counts: see publication.ts. */
  publicationPolicy: PublicationPolicy;
  documents: number;
  items: number;
  shownItems: number;
  lastIngest: string | null;
  /** Stable codes only: a source's raw message may name internal hosts or paths, and the route is public. */
  failingSources: { id: string; code: string; at: string | null; consecutiveFailures: number }[];
};

/** What `/api/health` answers; `degraded` when a source is failing, so monitors can alert on it. */
export async function fetchHealth(client: ContentClient): Promise<Health> {
  const policy = await fetchPublicationPolicy(client);
  const raw = await client.fetch<Omit<Health, 'status' | 'content' | 'publicationPolicy'>>(healthQuery, { policy });
  const failingSources = (raw.failingSources ?? []).map((source) => ({
    id: source.id,
    code: source.code,
    at: source.at ?? null,
    consecutiveFailures: source.consecutiveFailures ?? 0,
  }));
  return {
    status: failingSources.length > 0 ? 'degraded' : 'ok',
    content: client.store,
    publicationPolicy: policy,
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

/** What the site settings document says, settled: missing texts are absent, so pages fall back to the dictionary. */
export type SiteSettings = {
  siteName: Partial<Record<Locale, string>>;
  description: Partial<Record<Locale, string>>;
  contactEmail: string | null;
  networkUrl: string | null;
};

type RawSettings = {
  title?: Partial<Record<string, string | null>> | null;
  description?: Partial<Record<string, string | null>> | null;
  contactEmail?: string | null;
  networkUrl?: string | null;
} | null;

const filled = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const perLocale = (values: Partial<Record<string, string | null>> | null | undefined): Partial<Record<Locale, string>> =>
  Object.fromEntries(LOCALES.flatMap((lang) => (filled(values?.[lang]) ? [[lang, values[lang]!.trim()]] : []))) as Partial<Record<Locale, string>>;

export async function fetchSiteSettings(client: ContentClient): Promise<SiteSettings> {
  const raw = await client.fetch<RawSettings>(siteSettingsQuery);
  return {
    siteName: perLocale(raw?.title),
    description: perLocale(raw?.description),
    contactEmail: filled(raw?.contactEmail) ? raw.contactEmail.trim() : null,
    // It becomes a link: only http(s).
    networkUrl: filled(raw?.networkUrl) && /^https?:\/\//i.test(raw.networkUrl) ? raw.networkUrl.trim() : null,
  };
}

/** The site settings, read once per build. */
export function getSiteSettings(): Promise<SiteSettings> {
  return getBuildContent().then((content) => content.settings);
}

export type PageKey = 'about' | 'methodology';

/** A long page as the site shows it: its texts, and the body rendered from Markdown to safe HTML. */
export type SitePage = { id: string; key: PageKey; language: Locale; title: string; description: string | null; html: string };

type RawPage = { _id: string; key?: string | null; language?: string | null; title?: string | null; description?: string | null; body?: string | null } | null;

/** The `page` document of a key in a language, or null when there is none (the page then says so). */
export async function fetchPage(client: ContentClient, key: PageKey, language: Locale): Promise<SitePage | null> {
  const raw = await client.fetch<RawPage>(pageQuery, { key, language });
  if (!raw || !filled(raw.title)) return null;
  return {
    id: raw._id,
    key,
    language,
    title: raw.title.trim(),
    description: filled(raw.description) ? raw.description.trim() : null,
    html: filled(raw.body) ? await renderPageMarkdown(raw.body) : '',
  };
}

/** A page, read and rendered once per build. */
export function getPage(key: PageKey, language: Locale): Promise<SitePage | null> {
  return getBuildContent().then((content) => content.pages.get(pageCacheKey(key, language)) ?? null);
}
