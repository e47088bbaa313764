import { describe, expect, it } from 'vitest';
import { applyMutations } from '../store/mutations.ts';
import { sourceMutations } from '../store/plan.ts';
import { sourceStateSchema, type DatasetDocument } from '../store/documents.ts';
import { configFromDocument, sourceConfigHash } from './editable.ts';
import { parseSources, type SourceConfig } from './sources.ts';

// content/sources.json seeds a source; the studio edits it; an ingest never
// overwrites the editor's change and fetches with it.

const file = (overrides: Record<string, unknown> = {}): SourceConfig => {
  const parsed = parseSources(
    { sources: [{ id: 'murmansk-gov', name: { ru: 'Правительство', en: 'Government' }, siteUrl: 'https://gov-murman.ru', feedUrl: 'https://gov-murman.ru/rss', region: 'murmansk', language: 'ru', ...overrides }] },
    'sources.json',
    '/project/content',
  );
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value[0]!;
};
const state = sourceStateSchema.parse({});

/** The document after one ingest's source mutations, starting from `before`. */
const ingest = (config: SourceConfig, before?: DatasetDocument): DatasetDocument => {
  const existing = new Map(before ? [[before._id, before]] : []);
  return applyMutations(existing, sourceMutations(config, state, 3, before)).get('source-murmansk-gov')!;
};

describe('a source edited in the studio', () => {
  it('is seeded from the file, with the hash of what was seeded', () => {
    const created = ingest(file());
    expect([created.feedUrl, created.enabled, (created.region as { _ref: string })._ref, created.lastItemCount]).toEqual(['https://gov-murman.ru/rss', true, 'region-murmansk', 3]);
    expect(created.configSeedHash).toBe(sourceConfigHash(created));
  });

  it.each([
    { name: 'an unchanged document follows a change of the file', edit: {}, fileChange: { feedUrl: 'https://gov-murman.ru/news.rss' }, stored: 'https://gov-murman.ru/news.rss', fetched: 'https://gov-murman.ru/news.rss', enabled: true },
    { name: 'a document from before the hash counts as seeded', edit: { configSeedHash: undefined }, fileChange: { feedUrl: 'https://gov-murman.ru/news.rss' }, stored: 'https://gov-murman.ru/news.rss', fetched: 'https://gov-murman.ru/news.rss', enabled: true },
    { name: 'an editor\'s feed URL survives a change of the file and is fetched', edit: { feedUrl: 'https://gov-murman.ru/feed/' }, fileChange: { feedUrl: 'https://gov-murman.ru/news.rss' }, stored: 'https://gov-murman.ru/feed/', fetched: 'https://gov-murman.ru/feed/', enabled: true },
    { name: 'an editor disabling the source wins over the file', edit: { enabled: false }, fileChange: {}, stored: 'https://gov-murman.ru/rss', fetched: 'https://gov-murman.ru/rss', enabled: false },
    { name: 'a feed URL that is not http(s) is stored as written but not fetched', edit: { feedUrl: 'gopher://x' }, fileChange: {}, stored: 'gopher://x', fetched: 'https://gov-murman.ru/rss', enabled: true },
  ])('$name', ({ edit, fileChange, stored, fetched, enabled }) => {
    const seeded = ingest(file());
    const edited = { ...seeded, ...edit } as DatasetDocument;
    if ('configSeedHash' in edit && edit.configSeedHash === undefined) delete edited.configSeedHash;
    const next = file(fileChange);
    const effective = configFromDocument(next, edited);
    expect([effective.fetchUrl, effective.enabled]).toEqual([fetched, enabled]);
    const after = ingest(next, edited);
    expect(after.feedUrl).toBe(stored);
    expect(after.enabled).toBe(enabled);
    // Fetch state is the ingest's whatever the editor did.
    expect(after.lastItemCount).toBe(3);
  });
});
