import { describe, expect, it } from 'vitest';
import { searchSegments, segmentOf } from './search.ts';
import { buildSiteModel, type RawItem } from './model.ts';

describe('segmentOf', () => {
  it.each([
    ['2026-11', '2026-11', '2026-11'],
    ['2025-12', '2026-11', '2025-12'],
    ['2025-11', '2026-11', '2025'],
    ['2024-03', '2026-11', '2024'],
  ])('%s with the newest month %s is in segment %s', (month, newest, segment) => {
    expect(segmentOf(month, newest)).toBe(segment);
  });
});

describe('searchSegments', () => {
  const item = (id: string, publishedAt: string, title: string): RawItem => ({ _id: id, title, summary: 'Анонс', language: 'ru', publishedAt, suggestedTasks: [{ id: 'task-workforce' }] });
  const tasks = [{ _id: 'task-workforce', id: 'workforce', title: { ru: 'Кадры', en: 'Workforce' } }];
  const model = (items: RawItem[]) => buildSiteModel({ items, tasks, regions: [], sources: [] });
  const items = [item('item-a', '2026-11-02T00:00:00Z', 'Врачи'), item('item-b', '2026-10-05T00:00:00Z', 'Больница'), item('item-c', '2024-01-05T00:00:00Z', 'Поликлиника')];

  it('puts each item page in both languages into its segment, newest first, with the filters its page lists', () => {
    const segments = searchSegments(model(items));
    expect(segments.map((segment) => [segment.name, segment.records.length])).toEqual([['2026-11', 2], ['2026-10', 2], ['2024', 2]]);
    expect(segments[0]!.records.map((record) => [record.language, record.meta.title, record.filters.task])).toEqual([['ru', 'Врачи', ['Кадры']], ['en', 'Врачи', ['Workforce']]]);
  });

  it('changes the key of the segment whose item changed, and only that one', () => {
    const before = searchSegments(model(items));
    const after = searchSegments(model(items.map((entry) => (entry._id === 'item-b' ? { ...entry, title: 'Новая больница' } : entry))));
    expect(after.map((segment, index) => segment.key !== before[index]!.key)).toEqual([false, true, false]);
  });
});
