import type { APIRoute } from 'astro';
import { feedPaths, feedResponse } from '../../../../lib/content/feedRoutes.ts';

export const getStaticPaths = () => feedPaths('task');
export const GET: APIRoute = ({ params, site }) => feedResponse('rss', 'task', params, site);
