// The desk structure as the studio builds it (sanity/structure/index.ts, run
// with a recording stand-in of Sanity's StructureBuilder), and every work list's
// filter and ordering run with groq-js on a fixture and on the bundled dataset.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StructureBuilder } from 'sanity/structure';
import { structure, STRUCTURE_API_VERSION } from '../../sanity/structure/index.ts';
import {
  NEWEST_FIRST,
  SOURCES_LIST,
  SOURCES_ORDERING,
  TAG_BROWSERS,
  TERM_ORDERING,
  WORK_LISTS,
  byRegionFilter,
  byTaskFilter,
  sourcesFilter,
} from '../../sanity/structure/filters.ts';
import { PAGE_SLOTS } from '../../sanity/schemaTypes/pageIdentity.ts';
import { filterDataset, sortByOrdering } from '../support/groqFilter.ts';

type Doc = Record<string, any> & { _id: string; _type: string };
const load = (file: string): Doc[] => readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const fixture = load(path.join(import.meta.dirname, 'testdata/dataset.ndjson'));
const bundled = load(path.resolve(import.meta.dirname, '../../content/dataset.ndjson'));

// A StructureBuilder that records what the structure asks for: each builder
// call (`S.listItem()`, `.id('inbox')`, …) is kept on a plain node.
type BuilderNode = { kind: string; args: unknown[]; calls: Record<string, unknown[]> };
const NODE = Symbol('node');
function recordingBuilder(): StructureBuilder {
  const make = (kind: string, args: unknown[]) => {
    const node: BuilderNode = { kind, args, calls: {} };
    const proxy: object = new Proxy(node, {
      get(target, property) {
        if (property === NODE) return target;
        return (...callArgs: unknown[]) => {
          target.calls[String(property)] = callArgs;
          return proxy;
        };
      },
    });
    return proxy;
  };
  return new Proxy({}, { get: (_target, kind) => (...args: unknown[]) => make(String(kind), args) }) as StructureBuilder;
}
const nodeOf = (value: unknown): BuilderNode => (value as Record<symbol, BuilderNode>)[NODE]!;
const call = (node: BuilderNode, name: string): unknown => node.calls[name]?.[0];
const childOf = (node: BuilderNode): BuilderNode => nodeOf(call(node, 'child'));

const S = recordingBuilder();
const root = nodeOf(structure(S, {} as never));
const topItems = (call(root, 'items') as unknown[]).map(nodeOf);
const topItem = (id: string) => topItems.find((item) => call(item, 'id') === id)!;

describe('the desk structure', () => {
  it('puts the editor\'s work first, then browsing, sources and taxonomy, pages and settings', () => {
    const outline = topItems.map((item) => (item.kind === 'divider' ? '—' : item.kind === 'documentTypeListItem' ? `type:${item.args[0]}` : call(item, 'id')));
    expect(outline).toEqual([
      'inbox', 'approved', 'rejected', 'needs-translation', 'translation-unreviewed', 'translation-outdated', 'filtered-out',
      '—', 'by-task', 'by-region',
      '—', 'sources', 'taxonomy',
      '—', 'pages', 'site-settings',
      '—', 'type:newsItem',
    ]);
  });

  it.each(WORK_LISTS.map((list) => [list.id, list] as const))('%s opens a document list with its filter and ordering', (id, list) => {
    const item = topItem(id);
    expect(call(item, 'title')).toBe(list.title);
    const documents = childOf(item);
    expect(documents.kind).toBe('documentList');
    expect(call(documents, 'schemaType')).toBe(list.schemaType);
    expect(call(documents, 'filter')).toBe(list.filter);
    expect(call(documents, 'defaultOrdering')).toEqual(list.ordering);
    expect(call(documents, 'apiVersion')).toBe(STRUCTURE_API_VERSION);
    expect(documents.calls.params).toBeUndefined();
  });

  it('lists the sources failing first', () => {
    const documents = childOf(topItem('sources'));
    expect(call(documents, 'filter')).toBe(sourcesFilter);
    expect(call(documents, 'defaultOrdering')).toEqual([
      { field: 'consecutiveFailures', direction: 'desc', nulls: 'last' },
      { field: '_id', direction: 'asc' },
    ]);
  });

  it.each(TAG_BROWSERS.map((browser) => [browser.id, browser] as const))('%s lists the terms in order, then their items with the term as $tag', (id, browser) => {
    const terms = childOf(topItem(id));
    expect(terms.kind).toBe('documentTypeList');
    expect(terms.args).toEqual([browser.termType]);
    expect(call(terms, 'defaultOrdering')).toEqual(TERM_ORDERING);
    const itemsOf = call(terms, 'child') as (termId: string) => unknown;
    const items = nodeOf(itemsOf(`${browser.termType}-x`));
    expect(call(items, 'filter')).toBe(browser.id === 'by-task' ? byTaskFilter : byRegionFilter);
    expect(call(items, 'params')).toEqual({ tag: `${browser.termType}-x` });
    expect(call(items, 'defaultOrdering')).toEqual(NEWEST_FIRST);
  });

  it('opens one fixed document per page and language, and the settings singleton', () => {
    const pages = (call(childOf(topItem('pages')), 'items') as unknown[]).map(nodeOf);
    expect(pages.map((page) => call(page, 'id'))).toEqual(['page-about-ru', 'page-about-en', 'page-methodology-ru', 'page-methodology-en']);
    for (const [index, page] of pages.entries()) {
      const document = childOf(page);
      expect(document.kind).toBe('document');
      expect(call(document, 'schemaType')).toBe('page');
      expect(call(document, 'documentId')).toBe(PAGE_SLOTS[index]!.id);
      expect(call(document, 'initialValueTemplate')).toBe(PAGE_SLOTS[index]!.id);
    }
    const settings = childOf(topItem('site-settings'));
    expect([call(settings, 'schemaType'), call(settings, 'documentId')]).toEqual(['siteSettings', 'siteSettings']);
  });
});

const items = fixture.filter((doc) => doc._type === 'newsItem').sort((a, b) => (a._id < b._id ? -1 : 1));
const ids = (...indexes: number[]) => indexes.map((index) => items[index]!._id).sort();
const listOf = (id: string) => WORK_LISTS.find((list) => list.id === id)!;

describe('work lists on the fixture dataset', () => {
  it.each([
    ['inbox', [0, 1, 8, 9, 10]],
    ['filtered-out', [11]],
    ['approved', [2, 3, 4, 5]],
    ['rejected', [6, 7]],
    // 2: Russian, no English; 5 is English with a Russian title, so it needs nothing.
    ['needs-translation', [2]],
    // 5: a translation nobody marked reviewed (7 too, but it is rejected).
    ['translation-unreviewed', [5]],
    // 4: reviewed against an older original; 3 is up to date; 6 is stale but rejected.
    ['translation-outdated', [4]],
  ] as const)('%s holds exactly the expected items', async (id, expected) => {
    const result = await filterDataset(listOf(id).filter, fixture);
    expect(result.map((doc) => doc._id).sort()).toEqual(ids(...expected));
  });

  it('the inbox is newest first, an undated item last', async () => {
    const inbox = sortByOrdering(await filterDataset(listOf('inbox').filter, fixture), listOf('inbox').ordering);
    expect(inbox.map((doc) => doc._id)).toEqual([items[0], items[1], items[8], items[9], items[10]].map((doc) => doc!._id));
    expect(inbox.at(-1)!.publishedAt).toBeUndefined();
  });

  it('by task and by region take the tag as a parameter (suggested or confirmed)', async () => {
    const task = await filterDataset(byTaskFilter, fixture, { tag: 'task-access-quality' });
    expect(task.map((doc) => doc._id).sort()).toEqual(ids(0, 2, 3, 4));
    const region = await filterDataset(byRegionFilter, fixture, { tag: 'region-chelyabinsk' });
    expect(region.map((doc) => doc._id).sort()).toEqual(ids(0, 3, 9)); // 9: suggested by the tagger
    expect(await filterDataset(byTaskFilter, fixture, { tag: 'task-none' })).toEqual([]);
  });

  it('sources put the failing ones first, a never-fetched source (no count) with the healthy ones', async () => {
    const sources = sortByOrdering(await filterDataset(SOURCES_LIST.filter, fixture), SOURCES_ORDERING);
    expect(sources.map((doc) => doc._id)).toEqual(['source-chel-minzdrav', 'source-demo-chel-health', 'source-demo-dnr-health', 'source-demo-lnr-health']);
    expect(sources[0]!.lastError.code).toBe('dns');
    expect(sources.at(-1)!.consecutiveFailures).toBeUndefined();
    // Without `nulls: 'last'` Sanity's descending order would put it on top.
    const naive = sortByOrdering(sources, [{ field: 'consecutiveFailures', direction: 'desc' }, { field: '_id', direction: 'asc' }]);
    expect(naive[0]!._id).toBe('source-demo-lnr-health');
  });
});

describe('work lists on the bundled dataset', () => {
  // The bundled dataset changes with every ingest, so the expected members are
  // computed here in plain JavaScript, independently of GROQ.
  const newsItems = bundled.filter((doc) => doc._type === 'newsItem');
  const status = (doc: Doc) => doc.reviewStatus ?? 'new';
  const title = (doc: Doc, lang: string) => doc.translations?.[lang]?.title !== undefined && doc.translations?.[lang]?.title !== null;
  const translated = (doc: Doc) => title(doc, 'ru') || title(doc, 'en');
  const approved = (doc: Doc) => doc.reviewStatus === 'approved';
  const oracle: Record<string, (doc: Doc) => boolean> = {
    inbox: (doc) => status(doc) === 'new' && doc.health !== false,
    'filtered-out': (doc) => status(doc) === 'new' && doc.health === false,
    approved,
    rejected: (doc) => doc.reviewStatus === 'rejected',
    'needs-translation': (doc) => approved(doc) && ((doc.language !== 'ru' && !title(doc, 'ru')) || (doc.language !== 'en' && !title(doc, 'en'))),
    'translation-unreviewed': (doc) => approved(doc) && translated(doc) && doc.translations?.sourceHashAtReview === undefined,
    'translation-outdated': (doc) => approved(doc) && translated(doc) && doc.translations?.sourceHashAtReview !== undefined && doc.translations.sourceHashAtReview !== doc.contentHash,
  };
  it.each(WORK_LISTS.map((list) => [list.id, list] as const))('%s holds what a plain JavaScript filter picks', async (id, list) => {
    const result = await filterDataset(list.filter, bundled);
    expect(result.map((doc) => doc._id)).toEqual(newsItems.filter(oracle[id]!).map((doc) => doc._id));
  });
  it('every news item is in exactly one of inbox, filtered out, approved, rejected', async () => {
    const members = await Promise.all(['inbox', 'filtered-out', 'approved', 'rejected'].map((id) => filterDataset(listOf(id).filter, bundled)));
    const all = members.flat().map((doc) => doc._id);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(newsItems.length);
    expect(newsItems.length).toBeGreaterThan(0);
  });
  it('the inbox order is by date, newest first', async () => {
    const inbox = sortByOrdering(await filterDataset(listOf('inbox').filter, bundled), NEWEST_FIRST);
    const dates = inbox.map((doc) => String(doc.publishedAt ?? ''));
    expect(dates.filter(Boolean)).toEqual(dates.filter(Boolean).sort().reverse());
    expect(inbox.length).toBeGreaterThan(10);
  });
});
