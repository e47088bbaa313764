import { describe, expect, it } from 'vitest';
import { itemPageKey, listingKey, siteWideKey, termPageKey } from './cacheKeys.ts';
import { buildSiteModel, type RawContent, type RawItem, type SiteModel } from './model.ts';

// A key must change exactly when what its page shows changes: each row edits
// the content and says which pages' keys move.

const tasks = [{ _id: 'task-workforce', id: 'workforce', title: { ru: 'Кадры', en: 'Workforce' } }];
const regions = [{ _id: 'region-murmansk', id: 'murmansk', title: { ru: 'Мурманская область', en: 'Murmansk Oblast' } }];
const sources = [{ _id: 'source-a', id: 'a', name: { ru: 'Источник', en: 'Source' }, lastFetchedAt: '2026-11-01T00:00:00Z' }];
const item = (n: number, fields: Partial<RawItem> = {}): RawItem => ({
  _id: `item-${String(n).padStart(24, '0')}`,
  title: `Новость ${n}`,
  summary: 'Анонс',
  language: 'ru',
  publishedAt: `2026-07-${String(n).padStart(2, '0')}T10:00:00Z`,
  sourceId: 'source-a',
  suggestedTasks: [{ id: 'task-workforce', confidence: 0.9 }],
  suggestedRegions: n % 2 === 0 ? [{ id: 'region-murmansk', confidence: 0.9 }] : [],
  ...fields,
});
const baseItems = [1, 2, 3, 4].map((n) => item(n));
const content = (edit: (raw: RawContent) => RawContent = (raw) => raw): RawContent => edit({ items: baseItems, tasks, regions, sources });

type Keys = { item1: string; item4: string; listing: string; task: string; site: string };
function keys(model: SiteModel, settings: unknown = { siteName: {} }): Keys {
  const site = siteWideKey(model, settings);
  const byId = (n: number) => model.items.find((entry) => entry.docId === `item-${String(n).padStart(24, '0')}`)!;
  return {
    item1: itemPageKey(site, model, byId(1), undefined),
    item4: itemPageKey(site, model, byId(4), undefined),
    listing: listingKey(site, model, model.items.slice(0, 2), 1, 2),
    task: termPageKey(site, model, 'task', 'workforce', 1),
    site,
  };
}
const before = keys(buildSiteModel(content()));

describe('cache keys', () => {
  it.each([
    ['the oldest item gets a new title', (raw: RawContent) => ({ ...raw, items: raw.items.map((entry) => (entry.title === 'Новость 1' ? { ...entry, title: 'Исправлено' } : entry)) }), ['item1', 'task']],
    ['a source records another fetch', (raw: RawContent) => ({ ...raw, sources: raw.sources.map((source) => ({ ...source, lastFetchedAt: '2026-11-02T00:00:00Z' })) }), []],
    ['a source is renamed', (raw: RawContent) => ({ ...raw, sources: raw.sources.map((source) => ({ ...source, name: { ru: 'Другой', en: 'Other' } })) }), ['item1', 'item4', 'listing', 'task', 'site']],
    ['a newer item arrives in the task', (raw: RawContent) => ({ ...raw, items: [...raw.items, item(5)] }), ['listing', 'task']],
    ['a newer item arrives outside the task (the task page does not show it)', (raw: RawContent) => ({ ...raw, items: [...raw.items, item(6, { suggestedTasks: [] })] }), ['listing']],
  ] as const)('%s', (_name, edit, changed) => {
    const after = keys(buildSiteModel(content(edit)));
    const moved = (Object.keys(before) as (keyof Keys)[]).filter((name) => before[name] !== after[name]);
    expect(moved.sort()).toEqual([...changed].sort());
  });

  it('changes every key with the site settings', () => {
    const after = keys(buildSiteModel(content()), { siteName: { ru: 'Другое имя' } });
    for (const name of Object.keys(before) as (keyof Keys)[]) expect(after[name], name).not.toBe(before[name]);
  });
});
