import type { APIRoute } from 'astro';
import { feedPaths, feedResponse } from '../../../../../lib/site/feedRoutes.ts';

export const getStaticPaths = () => feedPaths('task-region');
export const GET: APIRoute = ({ params, site }) => feedResponse('rss', 'task-region', params, site);
