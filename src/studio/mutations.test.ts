import { describe, expect, it } from 'vitest';
import { applyStudioMutations, type StudioDocument } from './mutations.ts';
import { adaptQuery } from './groq.ts';

const item: StudioDocument = { _id: 'item-1', _type: 'newsItem', _rev: 'r1', title: 'Hello', reviewStatus: 'new', tags: [{ _key: 'a', v: 1 }] };
const documents = new Map([[item._id, item]]);
const transaction = { id: 'tx-2', timestamp: '2026-12-01T00:00:00.000Z' };

describe('applyStudioMutations', () => {
  it.each([
    {
      name: 'a draft started from the published document, then patched',
      mutations: [{ createIfNotExists: { ...item, _id: 'drafts.item-1' } }, { patch: { id: 'drafts.item-1', set: { reviewStatus: 'approved' } } }],
      expected: [{ id: 'drafts.item-1', before: null, reviewStatus: 'approved' }],
    },
    {
      name: 'diffMatchPatch, insert and unset, as the form sends them',
      mutations: [
        { patch: { id: 'item-1', diffMatchPatch: { title: '@@ -1,5 +1,11 @@\n Hello\n+, world\n' } } },
        { patch: { id: 'item-1', insert: { after: 'tags[-1]', items: [{ _key: 'b', v: 2 }] } } },
        { patch: { id: 'item-1', unset: ['reviewStatus'] } },
      ],
      expected: [{ id: 'item-1', before: 'r1', title: 'Hello, world', tags: 2, reviewStatus: undefined }],
    },
    {
      name: 'publish: the draft replaces the published document and goes',
      mutations: [{ createOrReplace: { _id: 'item-1', _type: 'newsItem', title: 'New' } }, { delete: { id: 'drafts.item-1' } }],
      expected: [{ id: 'item-1', before: 'r1', title: 'New' }],
    },
  ])('$name', ({ mutations, expected }) => {
    const result = applyStudioMutations(documents, mutations, transaction);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.map((change) => change.id)).toEqual(expected.map((entry) => entry.id));
    for (const [index, entry] of expected.entries()) {
      const change = result.value[index]!;
      expect(change.before?._rev ?? null).toBe(entry.before);
      expect(change.after?._rev).toBe('tx-2');
      expect(change.after?._updatedAt).toBe(transaction.timestamp);
      if ('title' in entry) expect(change.after?.title).toBe(entry.title);
      if ('reviewStatus' in entry) expect(change.after?.reviewStatus).toBe(entry.reviewStatus);
      if ('tags' in entry) expect((change.after?.tags as unknown[]).length).toBe(entry.tags);
    }
    // The input is never changed.
    expect(documents.get('item-1')).toEqual(item);
  });

  it.each([
    { name: 'create over an existing document', mutations: [{ create: { _id: 'item-1', _type: 'newsItem' } }], code: 'document_exists' },
    { name: 'patch of a missing document', mutations: [{ patch: { id: 'drafts.item-1', set: { a: 1 } } }], code: 'document_missing' },
    { name: 'patch at another revision', mutations: [{ patch: { id: 'item-1', ifRevisionID: 'r0', set: { a: 1 } } }], code: 'revision_mismatch' },
    { name: 'patch by query', mutations: [{ patch: { query: '*', set: { a: 1 } } }], code: 'mutation_invalid' },
    { name: 'an unknown mutation', mutations: [{ upsert: { _id: 'x' } }], code: 'mutation_invalid' },
  ])('refuses $name, all or nothing', ({ mutations, code }) => {
    const result = applyStudioMutations(documents, [{ patch: { id: 'item-1', set: { seen: true } } }, ...mutations], transaction);
    expect(result.ok ? null : result.error.code).toBe(code);
  });
});

describe('adaptQuery', () => {
  it.each([
    { query: '*[_type == "a"]', params: {}, expected: '*[_type == "a"]' },
    { query: '*[_type in $t && ([@, _id] match text::query($q) || references($r))]', params: { q: '*' }, expected: '*[_type in $t && (true || references($r))]' },
    { query: '*[[@, _id] match text::query($q)]', params: { q: '' }, expected: '*[true]' },
    { query: '*[[@, _id] match text::query($q)]', params: { q: 'ФАП* -x' }, expected: '*[[_id, title, summary, title.ru, title.en, name.ru, name.en, translations.en.title, translations.ru.title, feedUrl, author] match $__local_q]' },
  ])('$query with $params', ({ query, params, expected }) => {
    expect(adaptQuery(query, params).query).toBe(expected);
  });

  it('passes the search terms as a parameter', () => {
    expect(adaptQuery('*[[@, _id] match text::query($q)]', { q: 'ФАП* -x' }).params).toEqual({ q: 'ФАП* -x', __local_q: ['ФАП*'] });
  });
});
