import type { APIRoute } from 'astro';
import { dictionary } from '../i18n/index.ts';
import { getSite } from '../lib/content/site.ts';
import { opml } from '../lib/site/feeds.ts';

export const GET: APIRoute = async ({ site }) => {
  const model = await getSite();
  const body = opml({ model, dictionaries: { ru: dictionary('ru'), en: dictionary('en') }, site: site ?? 'http://localhost:4321', dateCreated: model.updatedAt });
  return new Response(body, { headers: { 'content-type': 'text/x-opml; charset=utf-8' } });
};
