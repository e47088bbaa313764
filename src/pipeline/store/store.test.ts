import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyMutations } from './mutations.ts';
import { parseDataset, serializeDataset } from './ndjson.ts';
import { openLocalStore } from './local.ts';
import { planIngest, planItemMutations } from './plan.ts';
import type { PreparedItem } from './itemDocument.ts';
import type { DatasetDocument } from './documents.ts';
import type { NormalizedItem } from '../model.ts';

const NOW = '2026-11-20T10:00:00.000Z';

function item(overrides: Partial<NormalizedItem> = {}): NormalizedItem {
  return {
    _id: 'item-aaa',
    guid: 'https://news.example/1',
    guidSource: 'guid-url',
    link: 'https://news.example/1',
    title: 'В Луганске открыли центр генных дерматозов',
    summary: 'Центр будет помогать пациентам с редкими заболеваниями кожи.',
    contentHtml: '<p>Центр будет помогать</p>',
    publishedAt: '2026-11-19T08:00:00.000Z',
    publishedAtEstimated: false,
    author: null,
    image: null,
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

  it('stores an item reached through two sources once (same link, other guid)', () => {
    const { mutations, counts } = planItemMutations(
      new Map(),
      [prepared('a', item()), prepared('b', item({ _id: 'item-bbb', guid: 'b:77' }))],
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

describe('planIngest', () => {
  it('creates taxonomy and source documents and groups stories with duplicateOf', () => {
    const english = item({ _id: 'item-eng', guid: 'https://en.example/1', link: 'https://en.example/1', title: 'Gene dermatoses centre opens in Luhansk', publishedAt: '2026-11-19T12:00:00.000Z' });
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
