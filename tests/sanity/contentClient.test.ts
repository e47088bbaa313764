// The Sanity path of the content interface: every site query runs through
// @sanity/client against the loopback stand-in of Sanity's query API and must
// give what groq-js gives on the local dataset, with the documented request shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as queries from '../../src/lib/content/queries.ts';
import { createMemoryClient } from '../../src/lib/content/local.ts';
import { applyPerspective } from '../../src/lib/content/perspective.ts';
import { SANITY_API_VERSION, createSanityContentClient, sanityContentConfigFromEnv } from '../../src/lib/content/sanity.ts';
import { createConfiguredClient } from '../../src/lib/content/configured.ts';
import { previewItemQuery } from '../../src/lib/content/queries.ts';
import { startFakeSanityApi, type FakeSanityApi } from '../support/fakeSanityApi.ts';
import { withSeededDocuments } from '../support/seededDocuments.ts';

type Doc = Record<string, any> & { _id: string; _type: string };
// The bundled dataset as the next ingest leaves it (with the seeded pages and site settings).
const bundled = (await withSeededDocuments(readFileSync(path.resolve(import.meta.dirname, '../../content/dataset.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line)))) as Doc[];
const fixture: Doc[] = readFileSync(path.join(import.meta.dirname, 'testdata/dataset.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const siteQueries: [string, string][] = Object.entries(queries as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === 'string' && name.endsWith('Query') ? [[name, value] as [string, string]] : [],
);

let api: FakeSanityApi;
const firstItem = bundled.find((doc) => doc._type === 'newsItem')!;
/** The $params each parametrised query is run with. */
const PARAMS: Record<string, Record<string, unknown>> = {
  previewItemQuery: { id: firstItem._id },
  pageQuery: { key: 'methodology', language: 'en' },
  storeNewsItemPageQuery: { after: '', limit: 25 },
};
const draft = { ...structuredClone(firstItem), _id: `drafts.${firstItem._id}`, title: 'Черновик заголовка', reviewStatus: 'approved' };
const config = () => ({ projectId: 'medtest', dataset: 'production', apiHost: api.origin, token: 'read-token' });

beforeAll(async () => {
  api = await startFakeSanityApi();
  for (const document of [...bundled, draft]) api.documents.set(document._id, structuredClone(document) as Doc);
});
afterAll(() => api.close());

describe('content from Sanity', () => {
  it('finds the site queries', () => {
    expect(siteQueries.map(([name]) => name)).toEqual(expect.arrayContaining(['visibleItemsQuery', 'tasksQuery', 'regionsQuery', 'sourcesQuery', 'healthQuery']));
  });

  it.each(siteQueries)('%s gives the same result as groq-js on the local dataset', async (name, query) => {
    const sanity = createSanityContentClient(config());
    const local = createMemoryClient(bundled);
    const before = api.requests.length;
    const params = PARAMS[name] ?? {};
    const [remote, expected] = await Promise.all([sanity.fetch(query, params), local.fetch(query, params)]);
    expect(remote).toEqual(expected);
    expect(remote).not.toBeNull();
    // A draft in the Sanity dataset changes nothing in the published perspective.
    expect(JSON.stringify(remote)).not.toContain('Черновик заголовка');
    const request = api.requests[before]!;
    expect(request.path).toBe(`/v${SANITY_API_VERSION}/data/query/production`);
    expect(request.method === 'GET' ? request.search.query : (request.body as { query: string }).query).toBe(query);
    expect(request.search.perspective).toBe('published');
    expect(request.authorization).toBe('Bearer read-token');
  });

  it('sends $params as params (GET: $name=JSON), never inside the query', async () => {
    const sanity = createSanityContentClient(config());
    const before = api.requests.length;
    const result = await sanity.fetch<{ _id: string; title: string } | null>(previewItemQuery, { id: firstItem._id });
    expect(result?._id).toBe(firstItem._id);
    expect(result?.title).toBe(firstItem.title);
    const request = api.requests[before]!;
    expect(request.search.query).toBe(previewItemQuery);
    expect(request.search.$id).toBe(JSON.stringify(firstItem._id));
    expect(request.search.query).not.toContain(firstItem._id);
  });

  it('posts a long query with its params in the body and the perspective in the URL', async () => {
    const sanity = createSanityContentClient(config());
    const ids = Array.from({ length: 600 }, (_, index) => `item-${String(index).padStart(24, '0')}`).concat(firstItem._id);
    const before = api.requests.length;
    const result = await sanity.fetch<string[]>('*[_id in $ids]._id', { ids });
    expect(result).toEqual([firstItem._id]);
    const request = api.requests[before]!;
    expect(request.method).toBe('POST');
    expect(request.body).toEqual({ query: '*[_id in $ids]._id', params: { ids } });
    expect(request.search.perspective).toBe('published');
  });

  it('the drafts perspective overlays drafts, as the local overlay does', async () => {
    const sanity = createSanityContentClient({ ...config(), perspective: 'drafts' });
    const before = api.requests.length;
    const item = await sanity.fetch<{ _id: string; _originalId: string; title: string; reviewStatus: string }>(previewItemQuery, { id: firstItem._id });
    expect(item).toMatchObject({ _id: firstItem._id, _originalId: draft._id, title: 'Черновик заголовка', reviewStatus: 'approved' });
    expect(api.requests[before]!.search.perspective).toBe('drafts');
    const local = await createMemoryClient(applyPerspective([...bundled, draft], 'drafts')).fetch(previewItemQuery, { id: firstItem._id });
    expect(local).toEqual(item);
  });

  it('gives the fixture dataset the same answers (editorial states, translations)', async () => {
    const fresh = await startFakeSanityApi();
    try {
      for (const document of fixture) fresh.documents.set(document._id, structuredClone(document));
      const sanity = createSanityContentClient({ projectId: 'medtest', dataset: 'staging', apiHost: fresh.origin });
      const items = await sanity.fetch<{ _id: string; translations: unknown }[]>(queries.visibleItemsQuery, { policy: 'tagged' });
      expect(items).toEqual(await createMemoryClient(fixture).fetch(queries.visibleItemsQuery, { policy: 'tagged' }));
      expect(items.some((item) => JSON.stringify(item.translations).includes('Up to date'))).toBe(true);
      expect(fresh.requests[0]!.path).toBe(`/v${SANITY_API_VERSION}/data/query/staging`);
      expect(fresh.requests[0]!.authorization).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});

describe('choosing the store', () => {
  it.each([
    [{}, null],
    [{ SANITY_PROJECT_ID: 'abc' }, null],
    [{ SANITY_PROJECT_ID: 'abc', SANITY_DATASET: ' ' }, null],
    [{ SANITY_PROJECT_ID: 'abc', SANITY_DATASET: 'production' }, { projectId: 'abc', dataset: 'production' }],
    [{ SANITY_PROJECT_ID: 'abc', SANITY_DATASET: 'production', SANITY_API_TOKEN: 't' }, { projectId: 'abc', dataset: 'production', token: 't' }],
  ])('%j → %j', (env, expected) => {
    expect(sanityContentConfigFromEnv(env)).toEqual(expected);
  });

  it('uses Sanity when configured and the local dataset otherwise', async () => {
    const remote = await createConfiguredClient({ SANITY_PROJECT_ID: 'medtest', SANITY_DATASET: 'production', SANITY_API_HOST: api.origin });
    expect(remote.description).toBe('Sanity medtest/production (published)');
    const local = await createConfiguredClient({ MEDCLUSTERS_DATA_DIR: path.join(import.meta.dirname, 'testdata') });
    expect(local.description).toMatch(/^local dataset .*testdata.*\(22 documents\)$/);
    expect(await local.fetch('count(*)')).toBe(22);
    expect(await remote.fetch('count(*[_type == "task"])')).toBe(bundled.filter((doc) => doc._type === 'task').length);
  });
});
