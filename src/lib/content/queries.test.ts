import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryClient } from './local.ts';
import { healthQuery, itemSourcesQuery, VISIBLE_ITEM_FILTER, visibleItemsQuery } from './queries.ts';
import type { DatasetDocument } from '../../pipeline/store/documents.ts';

const item = (id: string, fields: Record<string, unknown>): DatasetDocument => ({
  _id: id,
  _type: 'newsItem',
  title: id,
  publishedAt: '2026-07-01T10:00:00Z',
  ...fields,
});

describe('which items the site shows', () => {
  // One row per case of the rule in issue 4: approved items; with no editor yet,
  // health news marked not reviewed; rejected never; not health news never.
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['approved, health', { reviewStatus: 'approved', health: true }, true],
    ['approved, untagged (editor added it by hand)', { reviewStatus: 'approved' }, true],
    ['approved but tagged not health', { reviewStatus: 'approved', health: false }, false],
    ['new, health', { reviewStatus: 'new', health: true }, true],
    ['no status yet, health', { health: true }, true],
    ['new, not health', { reviewStatus: 'new', health: false }, false],
    ['new, untagged', { reviewStatus: 'new' }, false],
    ['rejected, health', { reviewStatus: 'rejected', health: true }, false],
    ['rejected, not health', { reviewStatus: 'rejected', health: false }, false],
  ];
  const documents = cases.map(([name, fields], index) => item(`item-${index}`, { ...fields, title: name }));
  const client = createMemoryClient([...documents, { _id: 'source-a', _type: 'source' }]);

  it.each(cases)('%s', async (name, _fields, shown) => {
    const visible = await client.fetch<{ title: string }[]>(visibleItemsQuery);
    expect(visible.some((entry) => entry.title === name)).toBe(shown);
  });

  it('counts the same items in the health report', async () => {
    const health = await client.fetch<{ shownItems: number; items: number; documents: number }>(healthQuery);
    expect(health).toMatchObject({ shownItems: cases.filter(([, , shown]) => shown).length, items: cases.length, documents: cases.length + 1 });
    expect(await client.fetch<unknown[]>(itemSourcesQuery)).toHaveLength(health.shownItems);
  });
});

describe('queries.ts', () => {
  const text = readFileSync(new URL('./queries.ts', import.meta.url), 'utf8');
  it('never builds a query from strings: no ${…} interpolation, no concatenation', () => {
    expect(text).not.toMatch(/\$\{/);
    expect(text).not.toMatch(/`\s*\+|\+\s*`/);
  });
  it('writes the visibility rule identically in every query that filters items', () => {
    const uses = text.split(VISIBLE_ITEM_FILTER).length - 1;
    expect(uses).toBe(5); // the constant itself, the list, the per-source counts, the image URLs, the health count
  });
  it('wraps every exported query in defineQuery', () => {
    const exported = [...text.matchAll(/export const (\w+Query) = (\w+)\(/g)];
    expect(exported.length).toBeGreaterThanOrEqual(6);
    for (const [, , wrapper] of exported) expect(wrapper).toBe('defineQuery');
  });
});

describe('the memory client', () => {
  it('passes $params to GROQ', async () => {
    const client = createMemoryClient([item('item-a', { language: 'ru' }), item('item-b', { language: 'en' })]);
    expect(await client.fetch('*[_type == "newsItem" && language == $lang]._id', { lang: 'en' })).toEqual(['item-b']);
    expect(await client.fetch('*[_type == "newsItem" && language == $lang]._id', { lang: 'ru' })).toEqual(['item-a']);
  });
});
