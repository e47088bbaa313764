import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetDocument } from '../../../pipeline/store/documents.ts';
import { applyMutations } from '../../../pipeline/store/mutations.ts';
import { loadSampleTranslations, planSampleTranslationMutations, type SampleTranslations } from './sampleTranslations.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

const file: SampleTranslations = {
  reviewedAt: '2026-12-07T00:00:00.000Z',
  items: {
    'medclusters-sample-m001': { en: { title: 'Clinic opens', summary: 'In Luhansk.' } },
    'medclusters-sample-m002': { ru: { title: 'Открылась клиника', summary: '' } },
  },
};
const documents = (extra: Record<string, Record<string, unknown>> = {}): Map<string, DatasetDocument> =>
  new Map(
    [
      { _id: 'source-demo', _type: 'source', sample: true },
      { _id: 'source-real', _type: 'source', sample: false },
      { _id: 'item-1', _type: 'newsItem', guid: 'medclusters-sample-m001', source: { _type: 'reference', _ref: 'source-demo' }, contentHash: 'h1', ...extra['item-1'] },
      { _id: 'item-2', _type: 'newsItem', guid: 'medclusters-sample-m002', source: { _type: 'reference', _ref: 'source-real' }, contentHash: 'h2' },
      { _id: 'item-3', _type: 'newsItem', guid: 'other', source: { _type: 'reference', _ref: 'source-demo' } },
    ].map((document) => [document._id, document as DatasetDocument]),
  );

describe('planSampleTranslationMutations', () => {
  it('gives a sample item its translation as the editors\' text, reviewed against the original as it is, marked sample', () => {
    const next = applyMutations(documents(), planSampleTranslationMutations(documents(), file));
    expect(next.get('item-1')!.translations).toMatchObject({
      _type: 'translations',
      en: { _type: 'translation', title: 'Clinic opens', summary: 'In Luhansk.' },
      reviewedAt: '2026-12-07T00:00:00.000Z',
      sourceHashAtReview: 'h1',
      sample: true,
    });
    // Not a sample source: nothing, whatever its guid.
    expect(next.get('item-2')!.translations).toBeUndefined();
    // Applied again: nothing to do.
    expect(planSampleTranslationMutations(next, file)).toEqual([]);
  });

  it('follows a change of the file while no editor touched the text, and never overwrites an editor', () => {
    const seeded = applyMutations(documents(), planSampleTranslationMutations(documents(), file));
    const changed: SampleTranslations = { ...file, items: { ...file.items, 'medclusters-sample-m001': { en: { title: 'A clinic opens', summary: 'In Luhansk.' } } } };
    const updated = applyMutations(seeded, planSampleTranslationMutations(seeded, changed));
    expect((updated.get('item-1')!.translations as { en: { title: string } }).en.title).toBe('A clinic opens');

    const edited = new Map(seeded);
    const translations = structuredClone(seeded.get('item-1')!.translations) as { en: { title: string } };
    translations.en.title = 'Clinic opens its doors';
    edited.set('item-1', { ...seeded.get('item-1')!, translations });
    expect(planSampleTranslationMutations(edited, changed)).toEqual([]);
    // An editor's own translation (no seed hash) on an item the file knows.
    expect(planSampleTranslationMutations(documents({ 'item-1': { translations: { en: { title: 'Mine' } } } }), file)).toEqual([]);
  });
});

describe('content/demo/translations.json', () => {
  it('is valid and covers every shown item of the bundled dataset in each site language it is not written in', async () => {
    const loaded = await loadSampleTranslations(ROOT);
    if (!loaded.ok || loaded.value === null) throw new Error(loaded.ok ? 'missing' : loaded.error.message);
    const items = (await readFile(path.join(ROOT, 'content/dataset.ndjson'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DatasetDocument)
      .filter((document) => document._type === 'newsItem' && document.health === true);
    expect(items.length).toBeGreaterThan(200);
    for (const item of items) {
      const entry = loaded.value.items[item.guid as string];
      expect(entry, String(item.guid)).toBeDefined();
      if (item.language !== 'en') expect(entry?.en?.title, `${String(item.guid)} en`).toBeTruthy();
      if (item.language !== 'ru') expect(entry?.ru?.title, `${String(item.guid)} ru`).toBeTruthy();
      // The bundled dataset carries them as the ingest applies them.
      expect(item.translations, String(item.guid)).toMatchObject({ sample: true, sourceHashAtReview: item.contentHash });
    }
  });
});
