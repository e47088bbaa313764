// The Sanity store against the loopback stand-in of Sanity's HTTP API: the
// same plan gives the same documents as the local store, editor fields are
// never written, transactions stay bounded, 429/5xx are retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMutations, type Mutation } from './mutations.ts';
import { planIngest } from './plan.ts';
import { openSanityStore, chunkMutations, isRetryable, type SanityStoreConfig } from './sanity.ts';
import { openStore } from './openStore.ts';
import { NEWS_ITEM_CREATE_ONLY_FIELDS, NEWS_ITEM_MACHINE_FIELDS, type DatasetDocument } from './documents.ts';
import { storeNewsItemPageQuery } from '../../lib/content/queries.ts';
import type { PreparedItem } from './itemDocument.ts';
import type { NormalizedItem } from '../model.ts';
import { startFakeSanityApi, type FakeSanityApi } from '../../../tests/support/fakeSanityApi.ts';

const NOW = '2026-11-20T10:00:00.000Z';
const LATER = '2026-11-21T10:00:00.000Z';

const item = (index: number, overrides: Partial<NormalizedItem> = {}): NormalizedItem => ({
  _id: `item-${String(index).padStart(24, '0')}`,
  guid: `https://news.example/${index}`,
  identityKey: `https://news.example/${index}`,
  guidSource: 'guid-url',
  link: `https://news.example/${index}`,
  title: `В Луганске открыли центр №${index}`,
  summary: 'Центр будет помогать пациентам с редкими заболеваниями кожи.',
  contentHtml: '<p>Центр будет помогать</p>',
  publishedAt: `2026-11-${String(1 + (index % 28)).padStart(2, '0')}T08:00:00.000Z`,
  publishedAtEstimated: false,
  author: index % 2 === 0 ? 'Пресс-служба' : null,
  image: null,
  imageAlt: null,
  enclosures: [],
  ...overrides,
});
const prepared = (normalized: NormalizedItem): PreparedItem => ({
  sourceId: 'demo-lnr-health',
  item: normalized,
  language: { language: 'ru', confidence: 1, method: 'test' },
  tags: {
    health: true,
    healthScore: 3,
    healthEvidence: [{ term: 'центр', field: 'title', weight: 1 }],
    tasks: [{ id: 'high-tech-care', confidence: 0.8, evidence: [{ term: 'центр', field: 'title', weight: 2 }] }],
    regions: [{ id: 'luhansk', confidence: 0.9, evidence: [{ term: 'Луганске', field: 'title', weight: 3 }] }],
  },
});

let api: FakeSanityApi;
let sleeps: number[];
const config = (overrides: Partial<SanityStoreConfig> = {}): SanityStoreConfig => ({
  projectId: 'medtest',
  dataset: 'production',
  token: 'write-token',
  apiHost: api.origin,
  retryBaseMs: 100,
  sleep: async (ms) => void sleeps.push(ms),
  ...overrides,
});
const mutateRequests = () => api.requests.filter((request) => request.path.includes('/data/mutate/'));
const sentMutations = () => mutateRequests().flatMap((request) => (request.body as { mutations: Mutation[] }).mutations);

async function ingest(store: ReturnType<typeof openSanityStore>, items: PreparedItem[], now: string) {
  const done = await store.transaction((existing) => {
    const plan = planIngest({ existing, sources: [], items, now });
    return { mutations: plan.mutations, result: plan };
  });
  if (!done.ok) throw new Error(done.error.message);
  return { plan: done.value.result, committed: { ok: true, value: { documents: done.value.documents } } };
}

beforeEach(async () => {
  api = await startFakeSanityApi();
  sleeps = [];
});
afterEach(() => api.close());

describe('the Sanity store', () => {
  it('stores what the local store would, one document per item', async () => {
    const store = openSanityStore(config());
    const items = Array.from({ length: 30 }, (_, index) => prepared(item(index)));
    const { plan, committed } = await ingest(store, items, NOW);
    const expected = applyMutations(new Map(), plan.mutations);
    expect(committed).toEqual({ ok: true, value: { documents: expected.size } });
    expect(new Map([...api.documents].sort())).toEqual(new Map([...expected].sort()));
    expect(mutateRequests()[0]!.path).toBe('/v2025-02-19/data/mutate/production');
    expect(mutateRequests()[0]!.authorization).toBe('Bearer write-token');
    // Reading it back gives the planner what it needs: the second run changes nothing.
    const before = mutateRequests().length;
    const again = await ingest(store, items, LATER);
    const itemMutations = again.plan.mutations.filter((mutation) => 'patch' in mutation || String((mutation as { createIfNotExists: DatasetDocument }).createIfNotExists._id).startsWith('item-'));
    expect(itemMutations).toEqual([]);
    expect(mutateRequests().length).toBe(before + 1); // only the taxonomy's createIfNotExists
  });

  it('creates if missing, then patches machine fields only: editor fields survive a re-ingest', async () => {
    const store = openSanityStore(config());
    await ingest(store, [prepared(item(2))], NOW);
    const stored = api.documents.get(item(2)._id)!;
    const editorial = {
      reviewStatus: 'approved',
      confirmedTasks: [{ _type: 'reference', _ref: 'task-high-tech-care', _key: 'task-high-tech-care' }],
      translations: { en: { title: 'Centre opens', summary: 'It helps.' }, sourceHashAtReview: stored.contentHash },
      featured: true,
    };
    Object.assign(stored, editorial);
    const sentBefore = sentMutations().length;
    const { plan } = await ingest(store, [prepared(item(2, { title: 'Центр открыт', author: null }))], LATER);
    const after = api.documents.get(item(2)._id)!;
    expect(after).toMatchObject({ ...editorial, title: 'Центр открыт', machineUpdatedAt: LATER, firstSeenAt: NOW });
    expect(after).not.toHaveProperty('author');
    const itemPatches = sentMutations()
      .slice(sentBefore)
      .filter((mutation): mutation is Extract<Mutation, { patch: unknown }> => 'patch' in mutation && mutation.patch.id === item(2)._id);
    expect(itemPatches).toHaveLength(1);
    const machine = new Set<string>(NEWS_ITEM_MACHINE_FIELDS);
    for (const { patch } of itemPatches) {
      for (const field of [...Object.keys(patch.set ?? {}), ...(patch.unset ?? [])]) expect(machine.has(field), field).toBe(true);
    }
    expect(itemPatches[0]!.patch.unset).toEqual(['author']);
    expect(plan.counts.get('demo-lnr-health')).toMatchObject({ updated: 1 });
  });

  it('sends transactions of bounded size, in plan order', async () => {
    const store = openSanityStore(config({ maxMutationsPerTransaction: 25 }));
    const items = Array.from({ length: 60 }, (_, index) => prepared(item(index)));
    const { plan } = await ingest(store, items, NOW);
    const sizes = mutateRequests().map((request) => (request.body as { mutations: unknown[] }).mutations.length);
    expect(sizes.every((size) => size <= 25)).toBe(true);
    expect(sizes.length).toBe(Math.ceil(plan.mutations.length / 25));
    expect(sentMutations()).toEqual(plan.mutations);
  });

  it('sends every transaction with visibility=sync and without returning documents', async () => {
    const store = openSanityStore(config({ maxMutationsPerTransaction: 10 }));
    await ingest(store, Array.from({ length: 12 }, (_, index) => prepared(item(index))), NOW);
    expect(mutateRequests().length).toBeGreaterThan(1);
    for (const request of mutateRequests()) {
      // sync: the next read (the count, the next run) sees the writes. returnDocuments=false is
      // the API's default, so @sanity/client sends no returnDocuments=true, only the ids.
      expect(request.search.visibility).toBe('sync');
      expect(request.search).not.toHaveProperty('returnDocuments');
      expect(request.search.returnIds).toBe('true');
    }
  });

  it('chunks by serialized size too', () => {
    const big = (id: string): Mutation => ({ createIfNotExists: { _id: id, _type: 'newsItem', contentHtml: 'x'.repeat(1000) } });
    const chunks = chunkMutations([big('a'), big('b'), big('c'), big('d')], 200, 2500);
    expect(chunks.map((chunk) => chunk.length)).toEqual([2, 2]);
    expect(chunkMutations([], 10, 10)).toEqual([]);
  });

  it('retries 429 and 503 with growing backoff, then succeeds', async () => {
    const store = openSanityStore(config());
    api.failNext(429);
    const read = await store.read();
    expect(read.ok).toBe(true);
    api.failNext(503, 2);
    const committed = await store.commit([{ createIfNotExists: { _id: 'task-x', _type: 'task' } }]);
    expect(committed.ok).toBe(true);
    expect(api.documents.has('task-x')).toBe(true);
    expect(sleeps).toEqual([100, 100, 200]);
  });

  it('waits as long as a Retry-After longer than its own backoff asks', async () => {
    const store = openSanityStore(config());
    api.failNext(429, 1, '7');
    api.failNext(429, 1, '0');
    const committed = await store.commit([{ createIfNotExists: { _id: 'task-x', _type: 'task' } }]);
    expect(committed.ok).toBe(true);
    // 7 s asked beats the first backoff (100 ms); then the backoff (200 ms) beats "0".
    expect(sleeps).toEqual([7000, 200]);
  });

  it('gives up with a value, not an exception, when Sanity stays down or rejects the plan', async () => {
    const store = openSanityStore(config({ maxAttempts: 3 }));
    api.failNext(503, 3);
    const down = await store.commit([{ createIfNotExists: { _id: 'task-x', _type: 'task' } }]);
    expect(down).toMatchObject({ ok: false, error: { code: 'sanity_unavailable' } });
    expect(mutateRequests()).toHaveLength(3);
    api.requests.length = 0;
    const rejected = await openSanityStore(config()).commit([{ patch: { id: 'missing', set: { title: 'x' } } }]);
    expect(rejected).toMatchObject({ ok: false, error: { code: 'sanity_rejected' } });
    expect(rejected.ok ? '' : rejected.error.message).toMatch(/sanity:medtest\/production: transaction 1\/1 rejected \(409/);
  });

  it('reads news items page by page and ignores editors\' drafts', async () => {
    const store = openSanityStore(config({ readPageSize: 7 }));
    await ingest(store, Array.from({ length: 20 }, (_, index) => prepared(item(index))), NOW);
    api.documents.set(`drafts.${item(3)._id}`, { ...api.documents.get(item(3)._id)!, _id: `drafts.${item(3)._id}`, title: 'draft' });
    api.requests.length = 0;
    const read = await store.read();
    if (!read.ok) throw new Error(read.error.message);
    expect([...read.value.keys()].filter((id) => id.startsWith('item-'))).toHaveLength(20);
    expect(read.value.has(`drafts.${item(3)._id}`)).toBe(false);
    const pages = api.requests.filter((request) => request.search.$after !== undefined);
    expect(pages.map((request) => JSON.parse(request.search.$after!))).toEqual(['', item(6)._id, item(13)._id]);
    expect(pages.every((request) => request.search.perspective === 'published' && request.search.$limit === '7')).toBe(true);
    expect(read.value.get(item(1)._id)).not.toHaveProperty('author');
  });

  it('reads the pages and site settings whole, for the seeding', async () => {
    api.documents.set('page-about-ru', { _id: 'page-about-ru', _type: 'page', key: 'about', language: 'ru', title: 'О проекте', body: 'Текст' });
    api.documents.set('siteSettings', { _id: 'siteSettings', _type: 'siteSettings', title: { ru: 'Сайт' } });
    const read = await openSanityStore(config()).read();
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.get('page-about-ru')).toEqual(api.documents.get('page-about-ru'));
    expect(read.value.get('siteSettings')).toEqual(api.documents.get('siteSettings'));
  });

  it('projects exactly the fields the planner compares', () => {
    const projected = [...storeNewsItemPageQuery.slice(storeNewsItemPageQuery.indexOf('{') + 1, storeNewsItemPageQuery.lastIndexOf('}')).matchAll(/\w+/g)].map((match) => match[0]);
    expect(projected).toEqual(['_id', '_type', ...NEWS_ITEM_MACHINE_FIELDS, ...NEWS_ITEM_CREATE_ONLY_FIELDS, 'alsoSeenIn', 'translations']);
  });

  it('classifies errors', () => {
    expect([429, 500, 502, 503].map((statusCode) => isRetryable({ statusCode }))).toEqual([true, true, true, true]);
    expect([400, 401, 403, 409].map((statusCode) => isRetryable({ statusCode }))).toEqual([false, false, false, false]);
    expect(isRetryable(new Error('ECONNRESET'))).toBe(true);
  });
});

describe('openStore', () => {
  it.each([
    [{}, 'local'],
    [{ SANITY_PROJECT_ID: 'p', SANITY_WRITE_TOKEN: 't' }, 'local'],
    [{ SANITY_PROJECT_ID: 'p', SANITY_DATASET: 'production', SANITY_WRITE_TOKEN: 't' }, 'sanity'],
    [{ SANITY_PROJECT_ID: 'p', SANITY_DATASET: 'production', SANITY_WRITE_TOKEN: 't', SANITY_API_TOKEN: 'v' }, 'sanity'],
    // The site's viewer token is never taken for writing; a project without a write token is an error.
    [{ SANITY_PROJECT_ID: 'p', SANITY_DATASET: 'production', SANITY_API_TOKEN: 'v' }, 'misconfigured'],
    [{ SANITY_PROJECT_ID: 'p', SANITY_DATASET: 'production' }, 'misconfigured'],
  ])('%j → %s', async (env, kind) => {
    const store = openStore('/tmp/medclusters-openstore', env);
    expect(store.location.startsWith('sanity:')).toBe(kind === 'sanity');
    const read = kind === 'sanity' ? null : await store.read();
    if (kind === 'misconfigured') {
      expect(read).toMatchObject({ ok: false, error: { code: 'sanity_write_token_missing' } });
      expect(read?.ok ? '' : read?.error.message).toMatch(/SANITY_WRITE_TOKEN is not set/);
    }
    if (kind === 'local') expect(store.location).toBe('/tmp/medclusters-openstore/dataset.ndjson');
  });
});
