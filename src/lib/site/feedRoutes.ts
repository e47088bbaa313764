import { dictionary } from '../../i18n/index.ts';
import { jsonFeed, rssFeed, scopeItems } from './feeds.ts';
import { isLocale, LOCALES } from './locales.ts';
import type { FeedScope } from './urls.ts';
import { getSite } from '../content/site.ts';
import { currentSiteKey, listingKey } from './cacheKeys.ts';
import { FEED_SIZE } from './listing.ts';

// The feed endpoints' shared body: each route file only says which slice it serves.

type Params = Record<string, string | undefined>;

function scopeOf(kind: FeedScope['kind'], params: Params): FeedScope {
  switch (kind) {
    case 'all':
      return { kind };
    case 'task':
      return { kind, task: params.task! };
    case 'region':
      return { kind, region: params.region! };
    case 'task-region':
      return { kind, task: params.task!, region: params.region! };
  }
}

/** getStaticPaths for the feeds of one kind of slice, in every language. */
export async function feedPaths(kind: FeedScope['kind']): Promise<{ params: Params; cacheKey: string }[]> {
  const [model, siteKey] = await Promise.all([getSite(), currentSiteKey()]);
  const slices: Params[] =
    kind === 'all'
      ? [{}]
      : kind === 'task'
        ? model.tasks.map((task) => ({ task: task.id }))
        : kind === 'region'
          ? model.regions.map((region) => ({ region: region.id }))
          : model.tasks.flatMap((task) => model.regions.map((region) => ({ task: task.id, region: region.id })));
  // A feed shows its newest FEED_SIZE items (and the newest date): its key is theirs.
  const keyed = slices.map((slice) => ({ slice, cacheKey: listingKey(siteKey, model, scopeItems(model, scopeOf(kind, slice)).slice(0, FEED_SIZE), 1, 1, kind) }));
  return LOCALES.flatMap((lang) => keyed.map(({ slice, cacheKey }) => ({ params: { ...slice, lang }, cacheKey })));
}

export async function feedResponse(format: 'rss' | 'json', kind: FeedScope['kind'], params: Params, site: URL | undefined): Promise<Response> {
  const lang = params.lang;
  if (!isLocale(lang)) return new Response('unknown language', { status: 404 });
  const context = { model: await getSite(), lang, t: dictionary(lang), site: site ?? 'http://localhost:4321' };
  const scope = scopeOf(kind, params);
  return format === 'rss'
    ? new Response(await rssFeed(context, scope), { headers: { 'content-type': 'application/rss+xml; charset=utf-8' } })
    : new Response(jsonFeed(context, scope), { headers: { 'content-type': 'application/feed+json; charset=utf-8' } });
}
