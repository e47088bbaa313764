import type { APIRoute } from 'astro';
import { feedPaths, feedResponse } from '../../lib/site/feedRoutes.ts';

export const getStaticPaths = () => feedPaths('all');
export const GET: APIRoute = ({ params, site }) => feedResponse('json', 'all', params, site);
