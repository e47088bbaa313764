import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMutations } from './mutations.ts';
import { parseDataset, serializeDataset } from './ndjson.ts';
import { openLocalStore } from './local.ts';
import { planIngest, planItemMutations } from './plan.ts';
import { newItemDocument, type PreparedItem } from './itemDocument.ts';
import type { DatasetDocument } from './documents.ts';
import type { NormalizedItem } from '../model.ts';
import { normalizeFeed } from '../normalize/index.ts';
import { parseFeed } from '../parse/index.ts';
import { sourceHash } from '../translate/model.ts';

const NOW = '2026-11-20T10:00:00.000Z';

function item(overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    _id: 'item-aaa',
    guid: 'https://news.example/1',
    identityKey: 'https://news.example/1',
    guidSource: 'guid-url',
    link: 'https://news.example/1',
    title: 'В Луганске открыли центр генных дерматозов',
    summary: 'Центр будет помогать пациентам с редкими заболеваниями кожи.',
    contentHtml: '<p>Центр будет помогать</p>',
    publishedAt: '2026-11-19T08:00:00.000Z',
    publishedAtEstimated: false,
    author: null,
    image: null,
    imageAlt: null,
    enclosures: [],
    ...overrides,
  };
}

const prepared = (sourceId: string, normalized: NormalizedItem): PreparedItem => ({
  sourceId,
  item: normalized,
  language: { language: 'ru', confidence: 1, method: 'test' },
  tags: {
    health: true,
    healthScore: 3,
    healthEvidence: [{ term: 'центр', field: 'title', weight: 1 }],
    tasks: [{ id: 'high-tech-care', confidence: 0.8, evidence: [{ term: 'дерматоз', field: 'title', weight: 2 }] }],
    regions: [{ id: 'luhansk', confidence: 0.9, evidence: [{ term: 'Луганске', field: 'title', weight: 3 }] }],
  },
});

const mapOf = (...documents: DatasetDocument[]) => new Map(documents.map((document) => [document._id, document]));

describe('planItemMutations', () => {
  it('creates a new item with machine fields, firstSeenAt and review status "new"', () => {
    const { mutations, counts } = planItemMutations(new Map(), [prepared('a', item())], NOW);
    expect(counts.get('a')).toEqual({ new: 1, updated: 0, unchanged: 0, duplicate: 0 });
    const created = (mutations[0] as { createIfNotExists: DatasetDocument }).createIfNotExists;
    expect(created).toMatchObject({
      _id: 'item-aaa',
      _type: 'newsItem',
      reviewStatus: 'new',
      firstSeenAt: NOW,
      source: { _type: 'reference', _ref: 'source-a' },
      suggestedTasks: [{ _key: 'high-tech-care', tag: { _type: 'reference', _ref: 'task-high-tech-care' } }],
      suggestedRegions: [{ _key: 'luhansk', tag: { _ref: 'region-luhansk' } }],
    });
    expect(created).not.toHaveProperty('image');
  });

  it('leaves an unchanged item alone and keeps editor and unknown fields when upstream text changes', () => {
    const first = applyMutations(new Map(), planItemMutations(new Map(), [prepared('a', item())], NOW).mutations);
    const edited = mapOf({ ...first.get('item-aaa')!, reviewStatus: 'approved', titleEn: 'Gene dermatoses centre opens', futureField: { x: 1 } });

    const again = planItemMutations(edited, [prepared('a', item())], NOW);
    expect(again.counts.get('a')).toMatchObject({ unchanged: 1 });
    expect(again.mutations).toEqual([]);

    const changed = planItemMutations(edited, [prepared('a', item({ title: 'В Луганске открыт центр генных дерматозов' }))], NOW);
    expect(changed.counts.get('a')).toMatchObject({ updated: 1 });
    const after = applyMutations(edited, changed.mutations).get('item-aaa')!;
    expect(after).toMatchObject({
      // The public URL was made from the first title and does not follow the correction.
      slug: { _type: 'slug', current: 'v-luganske-otkryli-tsentr-gennykh-dermatozov-item-aaa' },
      title: 'В Луганске открыт центр генных дерматозов',
      reviewStatus: 'approved',
      titleEn: 'Gene dermatoses centre opens',
      futureField: { x: 1 },
      firstSeenAt: NOW,
    });
  });

  it("starts the editors' alt text from the feed's media description, on creation only", () => {
    const withPicture = (imageAlt: string) => item({ image: 'https://news.example/1.jpg', imageAlt });
    const first = applyMutations(new Map(), planItemMutations(new Map(), [prepared('a', withPicture('Вход в центр'))], NOW).mutations);
    expect(first.get('item-aaa')).toMatchObject({ image: 'https://news.example/1.jpg', imageAlt: 'Вход в центр' });
    const edited = mapOf({ ...first.get('item-aaa')!, imageAlt: 'Главный вход в центр генных дерматозов' });
    const changed = planItemMutations(edited, [prepared('a', { ...withPicture('Другое описание'), title: 'Новый заголовок' })], NOW);
    expect(changed.counts.get('a')).toMatchObject({ updated: 1 });
    expect(applyMutations(edited, changed.mutations).get('item-aaa')).toMatchObject({ title: 'Новый заголовок', imageAlt: 'Главный вход в центр генных дерматозов' });
    const without = applyMutations(new Map(), planItemMutations(new Map(), [prepared('a', item())], NOW).mutations);
    expect(without.get('item-aaa')).not.toHaveProperty('imageAlt');
  });

  it('drops a machine translation of an older headline at once, keeping one of the text as it is', () => {
    const first = applyMutations(new Map(), planItemMutations(new Map(), [prepared('a', item())], NOW).mutations).get('item-aaa')!;
    const translation = (title: string, summary: string) => ({ title: 'x', summary: 'y', provider: 'deepl', at: NOW, sourceHash: sourceHash('ru', title, summary) });
    const stored = mapOf({ ...first, machineTranslations: { en: translation(item().title, item().summary) }, translations: { en: { title: 'Editor' } } });
    // The summary changes upstream: the English machine translation is of the old text.
    const changed = planItemMutations(stored, [prepared('a', item({ summary: 'Новый анонс.' }))], NOW);
    const after = applyMutations(stored, changed.mutations).get('item-aaa')!;
    expect(after.machineTranslations).toBeUndefined();
    expect(after.translations).toEqual({ en: { title: 'Editor' } });
    // Only the markup changes: the title and summary are the same, the translation stays.
    const relinked = planItemMutations(stored, [prepared('a', item({ contentHtml: '<p>Другая разметка</p>' }))], NOW);
    expect(applyMutations(stored, relinked.mutations).get('item-aaa')!.machineTranslations).toEqual(stored.get('item-aaa')!.machineTranslations);
  });

  it('stores an item reached through two sources once (same link, other guid)', () => {
    const { mutations, counts } = planItemMutations(
      new Map(),
      [prepared('a', item()), prepared('b', item({ _id: 'item-bbb', guid: '77', identityKey: 'b:77', guidSource: 'guid' }))],
      NOW,
    );
    const result = applyMutations(new Map(), mutations);
    expect([...result.keys()]).toEqual(['item-aaa']);
    expect(result.get('item-aaa')!.alsoSeenIn).toEqual([{ _type: 'reference', _ref: 'source-b', _key: 'b' }]);
    expect(counts.get('b')).toMatchObject({ duplicate: 1, new: 0 });
  });

  it('keeps the first-seen date of an undated item across runs', () => {
    const undated = (now: string) => item({ publishedAt: now, publishedAtEstimated: true });
    const first = applyMutations(new Map(), planItemMutations(new Map(), [prepared('a', undated(NOW))], NOW).mutations);
    const later = '2026-11-21T10:00:00.000Z';
    const second = planItemMutations(first, [prepared('a', undated(later))], later);
    expect(second.counts.get('a')).toMatchObject({ unchanged: 1 });
    const retitled = planItemMutations(first, [prepared('a', { ...undated(later), title: 'Другой заголовок новости' })], later);
    expect(applyMutations(first, retitled.mutations).get('item-aaa')!.publishedAt).toBe(NOW);
  });
});

/** The items of a real RSS document with these <item>s, through the real parse and normalize stages. */
async function feedItems(sourceId: string, items: string): Promise<PreparedItem[]> {
  const xml = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://a.example/</link>${items}</channel></rss>`;
  const parsed = await parseFeed(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return normalizeFeed(parsed.value, { sourceId, feedUrl: 'https://a.example/feed.xml', now: NOW }).items.map((normalized) => prepared(sourceId, normalized));
}

const newsItems = (documents: ReadonlyMap<string, DatasetDocument>) => [...documents.values()].filter((document) => document._type === 'newsItem');

describe('planItemMutations: which stored item a feed item is', () => {
  const A2_A3 =
    '<item><guid isPermaLink="false">a-2</guid><link>https://a.example/</link><title>Первая новость</title><description>Раз</description></item>' +
    '<item><guid isPermaLink="false">a-3</guid><link>https://a.example/</link><title>Вторая новость</title><description>Два</description></item>';
  const SHARED_LINK =
    '<item><link>https://a.example/r?id=1</link><title>Первая новость</title></item>' +
    '<item><link>https://a.example/r?id=1</link><title>Вторая новость</title></item>';

  // Each case: the feeds of two runs (source id and items), then the counts of the second run and the items stored after it.
  it.each([
    ['one source, two guids on one link: two items, stable on re-ingest', [['a', A2_A3]], [['a', A2_A3]], { new: 0, updated: 0, unchanged: 2 }, 2],
    ['one source, no guids, two titles on one link: two items', [['a', SHARED_LINK]], [['a', SHARED_LINK]], { new: 0, updated: 0, unchanged: 2 }, 2],
    [
      'a link becomes shared by a second story: the stored item stays the same item',
      [['a', '<item><link>https://a.example/r?id=1</link><title>Первая новость</title></item>']],
      [['a', SHARED_LINK]],
      { new: 1, updated: 0, unchanged: 1 },
      2,
    ],
    [
      'a shared link loses its second story: the remaining one is still its stored item',
      [['a', SHARED_LINK]],
      [['a', '<item><link>https://a.example/r?id=1</link><title>Вторая новость</title></item>']],
      { new: 0, updated: 0, unchanged: 1 },
      2,
    ],
    [
      'a guid appears for an item stored by its link: another item of the same source',
      [['a', '<item><link>https://a.example/1</link><title>Новость</title></item>']],
      [['a', '<item><guid isPermaLink="false">n1</guid><link>https://a.example/1</link><title>Новость</title></item>']],
      { new: 1, updated: 0, unchanged: 0 },
      2,
    ],
  ] as const)('%s', async (_name, firstRun, secondRun, counts, stored) => {
    let dataset = new Map<string, DatasetDocument>();
    for (const [sourceId, items] of firstRun) {
      dataset = applyMutations(dataset, planItemMutations(dataset, await feedItems(sourceId, items), NOW).mutations);
    }
    const second = await Promise.all(secondRun.map(([sourceId, items]) => feedItems(sourceId, items)));
    const plan = planItemMutations(dataset, second.flat(), NOW);
    expect(plan.counts.get('a')).toEqual({ ...counts, duplicate: 0 });
    const after = applyMutations(dataset, plan.mutations);
    expect(newsItems(after)).toHaveLength(stored);
    // A third run changes nothing: no flip-flop between items.
    const third = planItemMutations(after, second.flat(), NOW);
    expect(third.mutations).toEqual([]);
  });

  it.each([
    ['the same link', '<item><guid isPermaLink="false">b-1</guid><link>https://a.example/1?utm_source=b</link><title>Другой заголовок</title></item>'],
    ['a URL guid equal to the stored link', '<item><guid>https://a.example/1</guid><link>https://b.example/mirror/1</link><title>Другой заголовок</title></item>'],
  ])('an item of another source with %s is the same article: stored once, alsoSeenIn', async (_name, items) => {
    const first = await feedItems('a', '<item><link>https://a.example/1</link><title>Новость</title></item>');
    const dataset = applyMutations(new Map(), planItemMutations(new Map(), first, NOW).mutations);
    const plan = planItemMutations(dataset, await feedItems('b', items), NOW);
    expect(plan.counts.get('b')).toMatchObject({ new: 0, duplicate: 1 });
    const after = applyMutations(dataset, plan.mutations);
    expect(newsItems(after)).toHaveLength(1);
    expect(newsItems(after)[0]!.alsoSeenIn).toEqual([{ _type: 'reference', _ref: 'source-b', _key: 'b' }]);
  });

  it("stores the feed's own guid and the identity key apart", async () => {
    const items = await feedItems('a', '<item><guid isPermaLink="false">m243</guid><link>https://a.example/1</link><title>Новость</title></item><item><link>https://a.example/2</link><title>Без guid</title></item>');
    const stored = newsItems(applyMutations(new Map(), planItemMutations(new Map(), items, NOW).mutations));
    expect(stored.map((document) => [document.guid, document.identityKey, document.guidSource])).toEqual(
      expect.arrayContaining([
        ['m243', 'a:m243', 'guid'],
        [undefined, 'https://a.example/2', 'link'],
      ]),
    );
  });

  it('an item stored before identityKey existed (key in guid) is found and gets both fields', async () => {
    const [entry] = await feedItems('a', '<item><guid isPermaLink="false">m243</guid><title>Новость</title></item>');
    const legacy = { ...newItemDocument(entry!, NOW), guid: 'a:m243', contentHash: 'older' } as DatasetDocument;
    delete legacy.identityKey;
    const plan = planItemMutations(mapOf(legacy), [entry!], NOW);
    expect(plan.counts.get('a')).toMatchObject({ new: 0, updated: 1 });
    expect(applyMutations(mapOf(legacy), plan.mutations).get(legacy._id)).toMatchObject({ guid: 'm243', identityKey: 'a:m243' });
  });
});

describe('planIngest', () => {
  it('creates taxonomy and source documents and groups stories with duplicateOf', () => {
    const english = item({ _id: 'item-eng', guid: 'https://en.example/1', identityKey: 'https://en.example/1', link: 'https://en.example/1', title: 'Gene dermatoses centre opens in Luhansk', publishedAt: '2026-11-19T12:00:00.000Z' });
    const plan = planIngest({
      existing: new Map(),
      sources: [],
      items: [prepared('a', item()), prepared('b', english)],
      now: NOW,
      // The real grouper is tested in src/pipeline/dedupe; here: "everything is one story".
      groupStories: (items) => {
        const earliest = [...items].sort((x, y) => String(x.publishedAt).localeCompare(String(y.publishedAt)))[0]!;
        return new Map(items.map((candidate) => [candidate.id, earliest.id]));
      },
    });
    const result = applyMutations(new Map(), plan.mutations);
    expect(result.get('task-workforce')).toMatchObject({ _type: 'task', slug: { current: 'workforce' } });
    expect(result.get('region-murmansk')).toMatchObject({ _type: 'region', slug: { current: 'murmansk' } });
    expect(result.get('item-eng')!.duplicateOf).toEqual({ _type: 'reference', _ref: 'item-aaa' });
    expect(result.get('item-aaa')!.duplicateOf).toBeUndefined();
  });

  it('never overwrites an editor-changed task or region label', () => {
    const existing = mapOf({ _id: 'task-workforce', _type: 'task', title: { ru: 'Кадры', en: 'People' } });
    const result = applyMutations(existing, planIngest({ existing, sources: [], items: [], now: NOW }).mutations);
    expect(result.get('task-workforce')!.title).toEqual({ ru: 'Кадры', en: 'People' });
  });
});

describe('NDJSON dataset', () => {
  it('round-trips sorted by _id and skips drafts of an export', () => {
    const text = serializeDataset([
      { _id: 'b', _type: 'x' },
      { _id: 'a', _type: 'x', n: 'Луганск' },
    ]);
    expect(text).toBe('{"_id":"a","_type":"x","n":"Луганск"}\n{"_id":"b","_type":"x"}\n');
    const parsed = parseDataset(`${text}{"_id":"drafts.a","_type":"x"}\n`, 'd.ndjson');
    expect(parsed.ok && [...parsed.value.keys()]).toEqual(['a', 'b']);
  });

  it.each([
    ['not JSON', '{"_id":', 'd.ndjson:1'],
    ['no _type', '{"_id":"a"}', 'document._type'],
  ])('reports %s with the line', (_name, text, where) => {
    const parsed = parseDataset(text, 'd.ndjson');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain(where);
  });
});

/** Makes a folder refuse writes: chmod for a normal user, `chattr +i` for root; null where neither works. */
async function makeReadOnly(dir: string): Promise<{ undo: () => Promise<void> } | null> {
  const { execFileSync } = await import('node:child_process');
  const { chmod } = await import('node:fs/promises');
  let probes = 0;
  // A new name each time: a file made by an earlier probe could still be written in an immutable folder.
  const probe = async () => writeFile(path.join(dir, `.probe-${probes++}`), '').then(() => false, () => true);
  await chmod(dir, 0o555);
  if (await probe()) return { undo: () => chmod(dir, 0o755) };
  await chmod(dir, 0o755);
  try {
    execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  if (await probe()) return { undo: async () => void execFileSync('chattr', ['-i', dir], { stdio: 'ignore' }) };
  execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
  return null;
}

describe('openLocalStore', () => {
  it('commits atomically and serialises concurrent writers under the lock', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'store-'));
    const store = openLocalStore(dir);
    const writers = Array.from({ length: 8 }, (_, index) =>
      store.commit([{ createIfNotExists: { _id: `doc-${index}`, _type: 'x' } }]),
    );
    const results = await Promise.all(writers);
    expect(results.every((result) => result.ok)).toBe(true);
    const read = await store.read();
    expect(read.ok && read.value.size).toBe(8);
    const lines = (await readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line)._id)).toEqual([...lines.map((line) => JSON.parse(line)._id)].sort());
  });

  it('plans each transaction against the dataset as the transaction before it left it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'store-'));
    // Two store objects on one folder, as two ingest processes would have.
    const stores = [openLocalStore(dir), openLocalStore(dir)];
    const increments = Array.from({ length: 8 }, (_, index) =>
      stores[index % 2]!.transaction(async (snapshot) => {
        const counter = snapshot.get('counter');
        // Give the other writers every chance to interleave.
        await new Promise((resolve) => setTimeout(resolve, 5));
        const mutations = counter
          ? [{ patch: { id: 'counter', set: { n: Number(counter.n) + 1 } } }]
          : [{ createIfNotExists: { _id: 'counter', _type: 'x', n: 1 } }];
        return { mutations, result: counter ? Number(counter.n) : 0 };
      }),
    );
    const results = await Promise.all(increments);
    expect(results.map((result) => result.ok && result.value.result).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const read = await stores[0]!.read();
    expect(read.ok && read.value.get('counter')?.n).toBe(8);
  });

  it('reports a read-only data folder as read-only, not as a lock held by another ingest', async (context) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'store-'));
    await writeFile(path.join(dir, 'dataset.ndjson'), '');
    // chmod does not stop root; an immutable folder stops everyone where the file system allows it.
    const readOnly = await makeReadOnly(dir);
    if (!readOnly) return context.skip('no way to make a folder read-only on this machine');
    try {
      const result = await openLocalStore(dir, { lockWaitMs: 500 }).commit([{ createIfNotExists: { _id: 'a', _type: 'x' } }]);
      expect(result).toMatchObject({ ok: false, error: { code: 'dataset_unwritable' } });
      expect(result.ok ? '' : result.error.message).toContain('the data folder is read-only');
      expect(result.ok ? '' : result.error.message).not.toContain('another ingest');
    } finally {
      await readOnly.undo();
    }
  });

  it('writes nothing and frees the lock when the planner throws', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'store-'));
    const store = openLocalStore(dir, { lockWaitMs: 1000 });
    await expect(store.transaction(() => { throw new Error('planning bug'); })).rejects.toThrow('planning bug');
    await expect(readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).rejects.toThrow();
    expect((await store.commit([{ createIfNotExists: { _id: 'a', _type: 'x' } }])).ok).toBe(true);
  });

  it('refuses to write over a dataset it cannot parse, and leaves it as it was', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'store-'));
    const file = path.join(dir, 'dataset.ndjson');
    await writeFile(file, 'garbage\n');
    const result = await openLocalStore(dir).commit([{ createIfNotExists: { _id: 'a', _type: 'x' } }]);
    expect(result.ok).toBe(false);
    expect(await readFile(file, 'utf8')).toBe('garbage\n');
  });

  it('reports an unwritable folder with a code', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'store-'));
    const blocker = path.join(dir, 'file');
    await writeFile(blocker, 'x');
    const result = await openLocalStore(path.join(blocker, 'sub')).commit([]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('dataset_unwritable');
  });
});
