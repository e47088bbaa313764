import type { APIRoute } from 'astro';
import { feedPaths, feedResponse } from '../../../../lib/site/feedRoutes.ts';

export const getStaticPaths = () => feedPaths('task');
export const GET: APIRoute = ({ params, site }) => feedResponse('json', 'task', params, site);
