import type { APIRoute } from 'astro';
import { feedPaths, feedResponse } from '../../../../lib/site/feedRoutes.ts';

export const getStaticPaths = () => feedPaths('region');
export const GET: APIRoute = ({ params, site }) => feedResponse('rss', 'region', params, site);
