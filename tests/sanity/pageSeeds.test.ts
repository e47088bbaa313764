// The page and siteSettings documents seeded from content/pages/: what they
// hold, that an ingest puts them in the dataset (local file and Sanity), that
// a change of the source files reaches them while no editor touched them, and
// that an editor's change is never overwritten. And docs/tagging.ru.md keeps
// the figures of docs/tagging.md.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ingestCommand } from '../../src/cli/ingestCommand.ts';
import { loadSeedDocuments, planSeedMutations, prepareMarkdown, seedDecision, type SeedDocument } from '../../src/lib/content/seed/seedDocuments.ts';
import { applyMutations } from '../../src/pipeline/store/mutations.ts';
import { openSanityStore } from '../../src/pipeline/store/sanity.ts';
import type { DatasetDocument } from '../../src/pipeline/store/documents.ts';
import { pageIdMatchesKeyAndLanguage } from '../../sanity/schemaTypes/validation.ts';
import { startFakeSanityApi, type FakeSanityApi } from '../support/fakeSanityApi.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const loaded = await loadSeedDocuments(ROOT);
if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`);
const seeds = loaded.value;
const seed = (id: string) => seeds.find((document) => document._id === id)!;
const apply = (existing: ReadonlyMap<string, DatasetDocument>, list: readonly SeedDocument[] = seeds) => applyMutations(existing, planSeedMutations(existing, list).mutations);
const readText = (file: string) => readFile(path.join(ROOT, file), 'utf8');

describe('the seeded documents', () => {
  it('are the site settings and one page per key and language, with the ids the studio allows', () => {
    expect(seeds.map((document) => document._id)).toEqual(['siteSettings', 'page-about-ru', 'page-about-en', 'page-methodology-ru', 'page-methodology-en']);
    for (const document of seeds.filter((entry) => entry._type === 'page')) {
      expect(pageIdMatchesKeyAndLanguage({ _id: document._id, ...document.fields }), document._id).toBe(true);
    }
  });

  it('build the methodology pages from the docs files as they are now (the English original, the Russian translation)', async () => {
    const english = seed('page-methodology-en').fields.body as string;
    const russian = seed('page-methodology-ru').fields.body as string;
    expect(english).toContain(prepareMarkdown(await readText('docs/tagging.md'), true));
    expect(russian).toContain(prepareMarkdown(await readText('docs/tagging.ru.md'), true));
    expect(english.startsWith(prepareMarkdown(await readText('content/pages/methodology.en.md'), false))).toBe(true);
    // The docs' own "# Title" is dropped: the page has its title.
    expect(english).not.toMatch(/^# /m);
    expect(seed('page-methodology-en').source).toBe('content/pages/methodology.en.md + docs/tagging.md');
    expect(seed('page-methodology-ru').fields).toMatchObject({ key: 'methodology', language: 'ru', title: 'Методология' });
  });

  it('build the about pages from the network\'s documents: its three task lists and the two regional news items', () => {
    for (const id of ['page-about-ru', 'page-about-en']) {
      const body = seed(id).fields.body as string;
      for (const document of ['000', '001', '002', '003', '004']) expect(body, `${id} ${document}`).toContain(document);
      expect(body.match(/^10\. /gm), id).toHaveLength(2); // both lists of ten tasks
    }
    expect(seed('page-about-en').fields.body).toContain('develop medical tourism');
    expect(seed('page-about-ru').fields.body).toContain('развивать медицинский туризм');
  });
});

describe('seeding', () => {
  const empty = new Map<string, DatasetDocument>();

  it('creates what is missing, and a second run changes nothing', () => {
    const first = planSeedMutations(empty, seeds);
    expect(first.counts).toEqual({ created: 5, updated: 0, unchanged: 0, keptEdited: 0 });
    expect(first.mutations.every((mutation) => 'createIfNotExists' in mutation)).toBe(true);
    const seeded = apply(empty);
    expect(seeded.get('page-about-en')).toMatchObject({ _type: 'page', key: 'about', language: 'en', title: 'About', seedSource: 'content/pages/about.en.md' });
    expect(planSeedMutations(seeded, seeds)).toEqual({ mutations: [], counts: { created: 0, updated: 0, unchanged: 5, keptEdited: 0 } });
  });

  it('brings new figures from the docs to a page no editor touched', () => {
    const seeded = apply(empty);
    // Whatever the figures are now, one of them changes.
    const body = String(seed('page-methodology-en').fields.body);
    const figure = body.match(/\b0\.\d{3}\b/)![0];
    const renewedFigure = figure === '0.999' ? '0.998' : '0.999';
    const renewed = seeds.map((document) =>
      document._id === 'page-methodology-en' ? { ...document, fields: { ...document.fields, body: body.replace(figure, renewedFigure) } } : document,
    );
    const plan = planSeedMutations(seeded, renewed);
    expect(plan.counts).toEqual({ created: 0, updated: 1, unchanged: 4, keptEdited: 0 });
    const after = applyMutations(seeded, plan.mutations);
    expect(after.get('page-methodology-en')!.body).toContain(renewedFigure);
    expect(planSeedMutations(after, renewed).mutations).toEqual([]);
  });

  it('never overwrites a page an editor changed, nor one an editor made', () => {
    const seeded = apply(empty);
    const edited = new Map(seeded);
    edited.set('page-methodology-en', { ...seeded.get('page-methodology-en')!, title: 'How we tag' });
    edited.set('page-about-ru', { _id: 'page-about-ru', _type: 'page', key: 'about', language: 'ru', title: 'О нас', body: 'Написано редактором' });
    const renewed = seeds.map((document) => ({ ...document, fields: { ...document.fields, ...(document._type === 'page' ? { body: `${String(document.fields.body)}\nnew` } : {}) } }));
    const plan = planSeedMutations(edited, renewed);
    expect(plan.counts).toEqual({ created: 0, updated: 2, unchanged: 1, keptEdited: 2 });
    const after = applyMutations(edited, plan.mutations);
    expect(after.get('page-methodology-en')).toEqual(edited.get('page-methodology-en'));
    expect(after.get('page-about-ru')).toEqual(edited.get('page-about-ru'));
    expect(after.get('page-about-en')!.body).toMatch(/\nnew$/);
  });

  it('leaves fields it does not own alone, and drops a seeded field the files no longer have', () => {
    const seeded = apply(empty);
    const withContact = new Map(seeded);
    withContact.set('siteSettings', { ...seeded.get('siteSettings')!, contactEmail: 'editors@medclusters.example' });
    expect(seedDecision(withContact.get('siteSettings'), seed('siteSettings'))).toBe('unchanged');
    const noLead = seeds.map((document) => (document._id === 'page-about-en' ? { ...document, fields: { ...document.fields, description: undefined } } : document));
    const plan = planSeedMutations(withContact, noLead);
    expect(plan.mutations).toEqual([{ patch: { id: 'page-about-en', set: expect.objectContaining({ title: 'About' }), unset: ['description'] } }]);
  });

  it.each([
    ['not JSON', '{', 'pages_unreadable', /content\/pages\/pages\.json: not JSON/],
    ['a bad language', JSON.stringify({ siteSettings: { title: { ru: 'а', en: 'a' }, description: { ru: 'а', en: 'a' } }, pages: [{ key: 'about', language: 'de', title: 'x', body: ['content/pages/about.en.md'] }] }), 'pages_invalid', /pages\.json\.pages\[0\]\.language/],
    ['a second page in one language', JSON.stringify({ siteSettings: { title: { ru: 'а', en: 'a' }, description: { ru: 'а', en: 'a' } }, pages: [1, 2].map(() => ({ key: 'about', language: 'en', title: 'x', body: ['content/pages/about.en.md'] })) }), 'pages_invalid', /pages\[1\]: a second about page in "en"/],
    ['a path outside the repository', JSON.stringify({ siteSettings: { title: { ru: 'а', en: 'a' }, description: { ru: 'а', en: 'a' } }, pages: [{ key: 'about', language: 'en', title: 'x', body: ['../secret.md'] }] }), 'pages_invalid', /pages\[0\]\.body\[0\]: must be a path inside the repository/],
    ['a missing file', JSON.stringify({ siteSettings: { title: { ru: 'а', en: 'a' }, description: { ru: 'а', en: 'a' } }, pages: [{ key: 'about', language: 'en', title: 'x', body: ['docs/missing.md'] }] }), 'page_source_unreadable', /pages\[0\]\.body\[0\]: docs\/missing\.md cannot be read \(ENOENT\)/],
  ])('a manifest with %s is an error naming the file and path', async (_name, json, code, message) => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'medclusters-pages-'));
    await mkdir(path.join(root, 'content/pages'), { recursive: true });
    await cp(path.join(ROOT, 'content/pages/about.en.md'), path.join(root, 'content/pages/about.en.md'));
    await writeFile(path.join(root, 'content/pages/pages.json'), json);
    const result = await loadSeedDocuments(root);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.message).toMatch(message);
    }
  });
});

describe('an ingest', () => {
  const quiet = { stdout: () => {}, stderr: () => {}, isTTY: false };

  it('puts the pages into the local dataset and keeps an editor\'s change on the next run', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-seed-ingest-'));
    const sources = path.join(ROOT, 'content/demo/sources.json');
    expect(await ingestCommand(['--sources', sources, '--only', 'demo-tass-en', '--data', dir], ROOT, quiet)).toBe(0);
    const read = async () => new Map((await readFile(path.join(dir, 'dataset.ndjson'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as DatasetDocument).map((doc) => [doc._id, doc]));
    const first = await read();
    for (const document of seeds) expect(first.get(document._id), document._id).toMatchObject({ _type: document._type, seedSource: document.source });
    // An editor rewrites the English about page; the next ingest leaves it as it is.
    first.set('page-about-en', { ...first.get('page-about-en')!, body: 'Rewritten by an editor.' });
    await writeFile(path.join(dir, 'dataset.ndjson'), `${[...first.values()].sort((a, b) => (a._id < b._id ? -1 : 1)).map((doc) => JSON.stringify(doc)).join('\n')}\n`);
    expect(await ingestCommand(['--sources', sources, '--only', 'demo-tass-en', '--data', dir], ROOT, quiet)).toBe(0);
    const second = await read();
    expect(second.get('page-about-en')!.body).toBe('Rewritten by an editor.');
    expect(second.get('page-methodology-en')).toEqual(first.get('page-methodology-en'));
  });

  it('stops with exit 2 and a message when content/pages is broken, before fetching anything', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'medclusters-seed-broken-'));
    await cp(path.join(ROOT, 'content'), path.join(root, 'content'), { recursive: true });
    await writeFile(path.join(root, 'content/pages/pages.json'), '{"pages": []}');
    const errors: string[] = [];
    const dir = await mkdtemp(path.join(os.tmpdir(), 'medclusters-seed-broken-data-'));
    const status = await ingestCommand(['--sources', path.join(root, 'content/demo/sources.json'), '--data', dir], root, { ...quiet, stderr: (text) => errors.push(text) });
    expect(status).toBe(2);
    expect(errors.join('')).toMatch(/ingest: bad configuration: pages_invalid: content\/pages\/pages\.json: pages\.json\.siteSettings/);
  });
});

describe('seeding Sanity', () => {
  let api: FakeSanityApi;
  beforeEach(async () => {
    api = await startFakeSanityApi({ systemFields: true });
  });
  afterEach(() => api.close());

  it('creates the documents once; what Sanity gives back hashes the same, so the next run writes nothing', async () => {
    const store = openSanityStore({ projectId: 'medtest', dataset: 'production', token: 'write-token', apiHost: api.origin, sleep: async () => {} });
    const before = await store.read();
    if (!before.ok) throw new Error(before.error.message);
    expect((await store.commit(planSeedMutations(before.value, seeds).mutations)).ok).toBe(true);
    expect(api.documents.get('page-methodology-ru')).toMatchObject({ _type: 'page', title: 'Методология', _rev: expect.any(String) });
    const after = await store.read();
    if (!after.ok) throw new Error(after.error.message);
    expect(planSeedMutations(after.value, seeds).counts).toEqual({ created: 0, updated: 0, unchanged: 5, keptEdited: 0 });
  });
});

// docs/tagging.ru.md carries the figures of docs/tagging.md: in the
// measurement sections, every number (written the Russian way: 0,861 for
// 0.861, 21 000 for 21,000) and every piece of code must match.
describe('the Russian tagging documentation', () => {
  const MEASURED_SECTIONS = ['Measured figures', 'Held-out measurement'];
  const sectionOf = (markdown: string, heading: string, russian: boolean): string | null => {
    const parts = markdown.split(/^(?=## )/m);
    const part = parts.find((candidate) => (russian ? candidate.includes(`<!-- en: ${heading} -->`) : candidate.startsWith(`## ${heading}\n`)));
    return part ?? null;
  };
  // Fenced blocks, then inline code (which may wrap onto the next line).
  const CODE = /```[\s\S]*?```|`[^`]+`/g;
  const codeOf = (text: string) => [...text.matchAll(CODE)].map((match) => match[0].replace(/\s+/g, ' ')).sort();
  const numbersOf = (text: string, russian: boolean) => {
    const prose = text.replace(/<!--[\s\S]*?-->/g, ' ').replace(CODE, ' ');
    const pattern = russian ? /\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g : /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
    return [...prose.matchAll(pattern)].map((match) => (russian ? match[0].replace(/[ \u00a0\u202f]/g, '').replace(',', '.') : match[0].replace(/,/g, ''))).sort();
  };

  it.each(MEASURED_SECTIONS)('"%s": the same numbers and code as the English original', async (heading) => {
    const english = sectionOf(await readText('docs/tagging.md'), heading, false);
    const russian = sectionOf(await readText('docs/tagging.ru.md'), heading, true);
    expect(english, `docs/tagging.md has no "## ${heading}" section`).not.toBeNull();
    expect(russian, `docs/tagging.ru.md has no section marked <!-- en: ${heading} -->`).not.toBeNull();
    expect(numbersOf(russian!, true), `numbers of "${heading}" in docs/tagging.ru.md`).toEqual(numbersOf(english!, false));
    expect(codeOf(russian!), `code of "${heading}" in docs/tagging.ru.md`).toEqual(codeOf(english!));
  });

  it('has every section of the original, in the same order', async () => {
    const headings = (await readText('docs/tagging.md')).match(/^##+ .+$/gm)!.map((line) => line.replace(/^##+ /, ''));
    const marked = [...(await readText('docs/tagging.ru.md')).matchAll(/<!-- en: (.+?) -->/g)].map((match) => match[1]);
    expect(marked).toEqual(headings);
  });
});
