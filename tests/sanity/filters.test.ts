import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, parse } from 'groq-js';
import {
  SOURCES_ORDERING,
  WORK_LISTS,
  byRegionFilter,
  byTaskFilter,
  listQuery,
  sourcesFilter,
} from '../../sanity/structure/filters.ts';

type Doc = Record<string, any> & { _id: string; _type: string };
const load = (file: string): Doc[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const fixture = load(path.join(import.meta.dirname, 'testdata/dataset.ndjson'));
const bundled = load(path.resolve(import.meta.dirname, '../../content/dataset.ndjson'));

async function run(dataset: Doc[], query: string, params: Record<string, unknown> = {}): Promise<Doc[]> {
  return (await (await evaluate(parse(query, { params }), { dataset, params })).get()) as Doc[];
}
const listFilter = (id: string) => WORK_LISTS.find((list) => list.id === id)!;
const items = fixture.filter((doc) => doc._type === 'newsItem').sort((a, b) => (a._id < b._id ? -1 : 1));
const ids = (...indexes: number[]) => indexes.map((index) => items[index]!._id).sort();

describe('studio work lists on the fixture dataset', () => {
  it.each([
    ['inbox', [0, 1, 8, 9, 10]],
    ['filtered-out', [11]],
    ['approved', [2, 3, 4, 5]],
    ['rejected', [6, 7]],
    ['needs-translation', [2, 5]],
    ['translation-outdated', [4, 5]],
  ] as const)('%s holds exactly the expected items', async (id, expected) => {
    const list = listFilter(id);
    const result = await run(fixture, listQuery(list.filter, list.ordering));
    expect(result.map((doc) => doc._id).sort()).toEqual(ids(...expected));
  });

  it('the inbox is newest first', async () => {
    const list = listFilter('inbox');
    const result = await run(fixture, `*[${list.filter}] | order(publishedAt desc, _id asc) { _id, publishedAt }`);
    const dates = result.map((doc) => doc.publishedAt as string);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(result).toHaveLength(5);
  });

  it('by task and by region take the tag as a parameter (suggested or confirmed)', async () => {
    const task = await run(fixture, `*[${byTaskFilter}]._id`, { tag: 'task-access-quality' });
    expect([...(task as unknown as string[])].sort()).toEqual(ids(0, 2, 3, 4));
    const region = await run(fixture, `*[${byRegionFilter}]._id`, { tag: 'region-chelyabinsk' });
    expect([...(region as unknown as string[])].sort()).toEqual(ids(0, 3, 9)); // 9: suggested by the tagger
    expect(await run(fixture, `*[${byTaskFilter}]._id`, { tag: 'task-none' })).toEqual([]);
  });

  it('sources put the failing ones first', async () => {
    const result = await run(fixture, `*[${sourcesFilter}] | order(consecutiveFailures desc, _id asc) { _id, consecutiveFailures, lastError }`);
    expect(SOURCES_ORDERING.map((entry) => entry.field)).toEqual(['consecutiveFailures', '_id']);
    expect(result).toHaveLength(4);
    expect(result[0]!._id).toBe('source-chel-minzdrav');
    expect(result[0]!.lastError.code).toBe('dns');
  });
});

describe('studio work lists on the bundled dataset', () => {
  // The bundled dataset changes with every ingest, so the expected counts are
  // computed here in plain JavaScript, independently of GROQ.
  const newsItems = bundled.filter((doc) => doc._type === 'newsItem');
  const status = (doc: Doc) => doc.reviewStatus ?? 'new';
  const translated = (doc: Doc) => Boolean(doc.translations?.en?.title || doc.translations?.ru?.title);
  const oracle: Record<string, (doc: Doc) => boolean> = {
    inbox: (doc) => status(doc) === 'new' && doc.health !== false,
    'filtered-out': (doc) => status(doc) === 'new' && doc.health === false,
    approved: (doc) => doc.reviewStatus === 'approved',
    rejected: (doc) => doc.reviewStatus === 'rejected',
    'needs-translation': (doc) => doc.reviewStatus === 'approved' && !doc.translations?.en?.title,
    'translation-outdated': (doc) => translated(doc) && (doc.translations?.sourceHashAtReview ?? '') !== doc.contentHash,
  };
  it.each(WORK_LISTS.map((list) => [list.id, list] as const))('%s matches a plain JavaScript count', async (id, list) => {
    const result = await run(bundled, listQuery(list.filter, list.ordering));
    expect(result.length).toBe(newsItems.filter(oracle[id]!).length);
  });
  it('every news item is in exactly one of inbox, filtered out, approved, rejected', async () => {
    const counts = await Promise.all(['inbox', 'filtered-out', 'approved', 'rejected'].map((id) => run(bundled, `count(*[${listFilter(id).filter}])`)));
    expect((counts as unknown as number[]).reduce((sum, value) => sum + value, 0)).toBe(newsItems.length);
    expect(newsItems.length).toBeGreaterThan(0);
  });
});
