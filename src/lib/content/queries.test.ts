import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryClient } from './local.ts';
import { healthQuery, itemSourcesQuery, VISIBLE_ITEM_FILTER, visibleItemsQuery } from './queries.ts';
import { fetchPublicationPolicy } from './publication.ts';
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
  // Shown under the publication policy `tagged` (the demo's), and under `approved`.
  const cases: [string, Record<string, unknown>, boolean, boolean][] = [
    ['approved, health', { reviewStatus: 'approved', health: true }, true, true],
    ['approved, untagged (editor added it by hand)', { reviewStatus: 'approved' }, true, true],
    ['approved but tagged not health', { reviewStatus: 'approved', health: false }, false, false],
    ['new, health', { reviewStatus: 'new', health: true }, true, false],
    ['no status yet, health', { health: true }, true, false],
    ['new, not health', { reviewStatus: 'new', health: false }, false, false],
    ['new, untagged', { reviewStatus: 'new' }, false, false],
    ['rejected, health', { reviewStatus: 'rejected', health: true }, false, false],
    ['rejected, not health', { reviewStatus: 'rejected', health: false }, false, false],
  ];
  const documents = cases.map(([name, fields], index) => item(`item-${index}`, { ...fields, title: name }));
  const settings = (policy?: string): DatasetDocument => ({ _id: 'siteSettings', _type: 'siteSettings', ...(policy ? { publicationPolicy: policy } : {}) });
  const clients = {
    tagged: createMemoryClient([...documents, { _id: 'source-a', _type: 'source' }, settings('tagged')]),
    approved: createMemoryClient([...documents, { _id: 'source-a', _type: 'source' }, settings('approved')]),
  };

  it.each(cases)('%s', async (name, _fields, shownTagged, shownApproved) => {
    for (const [policy, shown] of [['tagged', shownTagged], ['approved', shownApproved]] as const) {
      const visible = await clients[policy].fetch<{ title: string }[]>(visibleItemsQuery, { policy: await fetchPublicationPolicy(clients[policy]) });
      expect(visible.some((entry) => entry.title === name), policy).toBe(shown);
    }
  });

  it.each([
    ['tagged', 2],
    ['approved', 3],
  ] as const)('counts the same items in the health report under %s', async (policy, shownColumn) => {
    const client = clients[policy];
    const health = await client.fetch<{ shownItems: number; items: number; documents: number }>(healthQuery, { policy });
    expect(health).toMatchObject({ shownItems: cases.filter((row) => row[shownColumn]).length, items: cases.length, documents: cases.length + 2 });
    expect(await client.fetch<unknown[]>(itemSourcesQuery, { policy })).toHaveLength(health.shownItems);
  });

  it.each([
    [undefined, 'tagged'],
    ['approved', 'approved'],
    ['tagged', 'tagged'],
    ['everything', 'tagged'],
  ])('reads the policy %j as %s', async (stored, expected) => {
    expect(await fetchPublicationPolicy(createMemoryClient([settings(stored)]))).toBe(expected);
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

// Every query on the bundled dataset, as the next ingest leaves it (the seeded
// pages and site settings added), against answers computed here in plain
// JavaScript: the bundled dataset changes with every ingest, the rules do not.
describe('the queries on the bundled dataset', async () => {
  const { withSeededDocuments } = await import('../../../tests/support/seededDocuments.ts');
  const queries = await import('./queries.ts');
  const { applyPerspective } = await import('./perspective.ts');
  type Doc = Record<string, any> & { _id: string; _type: string };
  const file = readFileSync(new URL('../../../content/dataset.ndjson', import.meta.url), 'utf8');
  const bundled = (await withSeededDocuments(file.trim().split('\n').map((line) => JSON.parse(line)))) as Doc[];
  const client = createMemoryClient(bundled);
  // The bundled demo publishes what the pipeline tagged.
  const TAGGED = { policy: 'tagged' };
  const of = (type: string) => bundled.filter((doc) => doc._type === type);
  const orNull = (value: unknown) => (value === undefined ? null : value);
  const byOrderThenId = (a: Doc, b: Doc) => (a.order ?? Infinity) - (b.order ?? Infinity) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
  const visible = (doc: Doc) =>
    doc._type === 'newsItem' && doc.health !== false && (doc.reviewStatus === 'approved' || ((doc.reviewStatus ?? 'new') === 'new' && doc.health === true));

  it('has what the queries read: items shown and not, taxonomy, sources, pages', () => {
    expect(of('newsItem').filter(visible).length).toBeGreaterThan(50);
    expect(of('newsItem').some((doc) => !visible(doc))).toBe(true);
    expect([of('task').length, of('region').length]).toEqual([15, 6]);
    expect(of('page')).toHaveLength(4);
  });

  it('tasksQuery: every task in order, with its id, labels and documents', async () => {
    const expected = of('task').sort(byOrderThenId).map((doc) => ({ _id: doc._id, id: doc.slug.current, title: doc.title, scope: orNull(doc.scope), description: orNull(doc.description), seeds: orNull(doc.seeds) }));
    expect(await client.fetch(queries.tasksQuery)).toEqual(expected);
    expect(expected[0]!.id).toBe('infrastructure');
  });

  it('regionsQuery: every region in order', async () => {
    expect(await client.fetch(queries.regionsQuery)).toEqual(of('region').sort(byOrderThenId).map((doc) => ({ _id: doc._id, id: doc.slug.current, title: doc.title })));
  });

  it('sourcesQuery: every source by id, its fetch state included', async () => {
    const fields = ['name', 'siteUrl', 'feedUrl', 'language', 'enabled', 'description', 'sample', 'lastFetchedAt', 'lastSuccessAt', 'lastError', 'consecutiveFailures', 'lastItemCount'];
    const expected = of('source')
      .sort((a, b) => (a._id < b._id ? -1 : 1))
      .map((doc) => ({ _id: doc._id, id: doc.slug.current, regionId: orNull(doc.region?._ref), ...Object.fromEntries(fields.map((field) => [field, orNull(doc[field])])) }));
    expect(await client.fetch(queries.sourcesQuery)).toEqual(expected);
  });

  it('visibleItemsQuery and itemSourcesQuery: the shown items, newest first', async () => {
    const shown = of('newsItem').filter(visible);
    const result = await client.fetch<{ _id: string; publishedAt: string; sourceId: string }[]>(queries.visibleItemsQuery, TAGGED);
    expect(result.map((item) => item._id).sort()).toEqual(shown.map((doc) => doc._id).sort());
    const dates = result.map((item) => item.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    const perSource = await client.fetch<{ sourceId: string }[]>(queries.itemSourcesQuery, TAGGED);
    expect(perSource.map((entry) => entry.sourceId).sort()).toEqual(shown.map((doc) => doc.source._ref).sort());
  });

  it('imageUrlsQuery: the image URL of every shown item that has one', async () => {
    const expected = of('newsItem').filter((doc) => visible(doc) && doc.image !== undefined).map((doc) => doc.image).sort();
    expect(((await client.fetch<string[]>(queries.imageUrlsQuery, TAGGED)) ?? []).sort()).toEqual(expected);
  });

  it('healthQuery: the counts and the failing sources', async () => {
    const health = await client.fetch<{ documents: number; items: number; shownItems: number; failingSources: { id: string }[] }>(queries.healthQuery, TAGGED);
    expect(health).toMatchObject({ documents: bundled.length, items: of('newsItem').length, shownItems: of('newsItem').filter(visible).length });
    expect(health.failingSources.map((source) => source.id)).toEqual(
      of('source').filter((doc) => doc.enabled !== false && doc.lastError?.code !== undefined).map((doc) => doc.slug.current).sort(),
    );
  });

  it('previewItemQuery: any item by id, whatever its status, and its draft over it', async () => {
    const rejected = of('newsItem').find((doc) => doc.reviewStatus === 'rejected' || doc.health === false)!;
    const item = await client.fetch<Record<string, unknown>>(queries.previewItemQuery, { id: rejected._id });
    expect(item).toMatchObject({ _id: rejected._id, title: rejected.title, reviewStatus: rejected.reviewStatus ?? 'new', sourceId: rejected.source._ref, _originalId: null });
    expect(await client.fetch(queries.previewItemQuery, { id: 'item-none' })).toBeNull();
    const draft = { ...rejected, _id: `drafts.${rejected._id}`, title: 'Черновик' };
    const drafted = await createMemoryClient(applyPerspective([...bundled, draft], 'drafts')).fetch<Record<string, unknown>>(queries.previewItemQuery, { id: rejected._id });
    expect(drafted).toMatchObject({ _id: rejected._id, _originalId: draft._id, title: 'Черновик' });
  });

  it('previewItemQuery has the projection of visibleItemsQuery, so the site\'s item page renders it', () => {
    const projection = queries.visibleItemsQuery.slice(queries.visibleItemsQuery.indexOf('{\n  _id,') + 2);
    expect(queries.previewItemQuery.endsWith(projection)).toBe(true);
  });

  it.each([
    ['about', 'ru', 'О проекте'],
    ['about', 'en', 'About'],
    ['methodology', 'ru', 'Методология'],
    ['methodology', 'en', 'Methodology'],
  ])('pageQuery: the %s page in %s', async (key, language, title) => {
    const page = await client.fetch<{ _id: string; title: string; body: string; description: string | null }>(queries.pageQuery, { key, language });
    const doc = of('page').find((entry) => entry.key === key && entry.language === language)!;
    expect(page).toEqual({ _id: `page-${key}-${language}`, key, language, title, description: orNull(doc.description), body: doc.body });
    expect(await client.fetch(queries.pageQuery, { key, language: 'be' })).toBeNull();
  });

  it('siteSettingsQuery: the settings singleton', async () => {
    const doc = bundled.find((entry) => entry._id === 'siteSettings')!;
    expect(await client.fetch(queries.siteSettingsQuery)).toEqual({ title: doc.title, description: doc.description, contactEmail: orNull(doc.contactEmail), networkUrl: orNull(doc.networkUrl) });
  });

  it("the store's queries: whole configuration documents, items page by page, the count", async () => {
    const whole = await client.fetch<Doc[]>(queries.storeWholeDocumentsQuery);
    expect(whole.map((doc) => doc._id).sort()).toEqual(bundled.filter((doc) => ['source', 'task', 'region', 'page', 'siteSettings'].includes(doc._type)).map((doc) => doc._id).sort());
    const items = of('newsItem').map((doc) => doc._id).sort();
    const first = await client.fetch<Doc[]>(queries.storeNewsItemPageQuery, { after: '', limit: 10 });
    const second = await client.fetch<Doc[]>(queries.storeNewsItemPageQuery, { after: first.at(-1)!._id, limit: 10 });
    expect([...first, ...second].map((doc) => doc._id)).toEqual(items.slice(0, 20));
    expect(Object.keys(first[0]!)).toContain('contentHash');
    expect(await client.fetch(queries.storeDocumentCountQuery)).toBe(bundled.length);
  });
});
