import { dictionary } from '../../i18n/index.ts';
import { jsonFeed, rssFeed } from './feeds.ts';
import { isLocale, LOCALES } from './locales.ts';
import type { FeedScope } from './urls.ts';
import { getSite } from '../content/site.ts';

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
export async function feedPaths(kind: FeedScope['kind']): Promise<{ params: Params }[]> {
  const model = await getSite();
  const slices: Params[] =
    kind === 'all'
      ? [{}]
      : kind === 'task'
        ? model.tasks.map((task) => ({ task: task.id }))
        : kind === 'region'
          ? model.regions.map((region) => ({ region: region.id }))
          : model.tasks.flatMap((task) => model.regions.map((region) => ({ task: task.id, region: region.id })));
  return LOCALES.flatMap((lang) => slices.map((slice) => ({ params: { ...slice, lang } })));
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
