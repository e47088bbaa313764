import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { evaluate, parse } from 'groq-js';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../pipeline/store/ndjson.ts';
import type { DatasetDocument } from '../../pipeline/store/documents.ts';
import { generateDataset } from '../../../tests/site/fixtures/generateDataset.ts';
import { createMemoryClient } from './local.ts';
import { CODE_VIEWS, TYPE_SCOPED_QUERIES } from './localViews.ts';
import { pageQuery } from './queries.ts';

// The local store's shortcuts answer exactly what groq-js answers over the
// whole dataset (as Sanity would): on the bundled dataset, a generated one,
// and documents with fields missing, null or of another type.

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function bundled(): Promise<DatasetDocument[]> {
  const parsed = parseDataset(await readFile(path.join(ROOT, 'content/dataset.ndjson'), 'utf8'), 'content/dataset.ndjson');
  if (!parsed.ok) throw new Error(parsed.error.message);
  return [...parsed.value.values()];
}

const item = (id: string, fields: Record<string, unknown>) => ({ _id: id, _type: 'newsItem', health: true, ...fields }) as DatasetDocument;
const ODD: DatasetDocument[] = [
  item('item-a', { publishedAt: '2026-01-02T00:00:00Z', slug: { current: 'a' }, alsoSeenIn: 'not-an-array', suggestedTasks: [null, { tag: 'x' }, { tag: { _ref: 'task-x' }, evidence: [{ term: 't' }, 3] }] }),
  item('item-b', { publishedAt: '2026-01-02T00:00:00Z', slug: 'b', translations: { ru: 'text', en: { title: 'T' } }, machineTranslations: null }),
  item('item-c', { firstSeenAt: '2026-01-01T00:00:00Z', source: { _ref: 'source-s' }, alsoSeenIn: [{ _ref: 'source-t' }, {}, 'x'], confirmedTasks: [] }),
  item('item-d', { publishedAt: 5, reviewStatus: 'approved', health: null }),
  item('item-e', { publishedAt: true, reviewStatus: null }),
  item('item-f', { publishedAt: '2025-12-31T00:00:00Z', reviewStatus: 'rejected' }),
  item('item-g', { publishedAt: '2025-12-30T00:00:00Z', health: false, reviewStatus: 'approved' }),
  item('item-h', { publishedAt: '2025-12-29T00:00:00Z', health: 'yes' }),
  item('item-i', { publishedAt: { date: 'x' }, duplicateOf: { _ref: 'item-a' }, duplicateOfExtra: 1, reviewStatus: 'approved' }),
  { _id: 'task-x', _type: 'task', slug: { current: 'x' }, order: 2, title: { ru: 'Икс' } } as DatasetDocument,
  { _id: 'task-y', _type: 'task', slug: { current: 'y' }, order: 1 } as DatasetDocument,
  { _id: 'siteSettings', _type: 'siteSettings', publicationPolicy: 'approved', title: { ru: 'Сайт' } } as DatasetDocument,
  { _id: 'page-about-ru', _type: 'page', key: 'about', language: 'ru', title: 'О проекте' } as DatasetDocument,
];

async function groq(documents: readonly DatasetDocument[], query: string, params: Record<string, unknown>): Promise<unknown> {
  const value = await evaluate(parse(query, { params }), { dataset: documents as unknown as object[], params });
  return value.get();
}

const PARAMS: Record<string, unknown>[] = [{ policy: 'tagged' }, { policy: 'approved' }, { key: 'about', language: 'ru' }, { key: 'methodology', language: 'en' }];

describe('the local store answers the site queries as groq-js does', () => {
  it.each([
    ['the bundled dataset', bundled],
    ['a generated dataset', async () => generateDataset({ items: 300, seed: 3, days: 90 })],
    ['odd documents', async () => ODD],
  ])('%s', async (_name, load) => {
    const documents = await load();
    const client = createMemoryClient(documents);
    const queries = [...CODE_VIEWS.keys(), ...TYPE_SCOPED_QUERIES.keys()];
    for (const query of queries) {
      for (const params of query === pageQuery ? PARAMS.slice(2) : PARAMS.slice(0, 2)) {
        expect(await client.fetch(query, params), `${query.slice(0, 60)} ${JSON.stringify(params)}`).toEqual(await groq(documents, query, params));
      }
    }
  });
});

describe('type-scoped queries', () => {
  it.each([...TYPE_SCOPED_QUERIES])('read only their types: %s', (query, types) => {
    // One `*`, filtered by `_type` first: any other document cannot change the answer.
    expect(query.split('*').length - 1).toBe(1);
    expect(types).toContain(/\*\[_type == "(\w+)"/.exec(query)?.[1]);
  });
});
