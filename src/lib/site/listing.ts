import type { SiteItem, SiteModel } from './model.ts';

/** Items per page of a task, region or archive-month listing. */
export const PAGE_SIZE = 20;
/** Items on a task × region page (no pagination there: it links to the task's pages). */
export const TASK_REGION_LIMIT = 50;
/** Items in a feed: enough for a reader that polls daily, small enough to fetch often. */
export const FEED_SIZE = 50;
/** Latest items on the home page. */
export const HOME_LATEST = 9;

/** How many pages a listing of `count` items has (at least one). */
export const pageCount = (count: number, size = PAGE_SIZE): number => Math.max(1, Math.ceil(count / size));

/** Items of a task or region, and one page of them (page numbers from 1). */
export function termItems(model: SiteModel, kind: 'task' | 'region', id: string, page: number): { all: SiteItem[]; page: SiteItem[]; pages: number } {
  const all = (kind === 'task' ? model.itemsByTask.get(id) : model.itemsByRegion.get(id)) ?? [];
  return { all, page: all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), pages: pageCount(all.length) };
}
