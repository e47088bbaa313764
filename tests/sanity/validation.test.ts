import { describe, expect, it } from 'vitest';
import { createClient } from '@sanity/client';
import { createSchema } from 'sanity';
import { validateDocumentInternal } from '@sanity/validation/_internal';
import { schemaTypes } from '../../sanity/schemaTypes/index.ts';
import {
  absoluteHttpUrl,
  approvedNeedsConfirmedTask,
  pageIdMatchesKeyAndLanguage,
  rejectedNeedsReason,
  summaryNeedsTitle,
} from '../../sanity/schemaTypes/validation.ts';

const task = { _type: 'reference', _ref: 'task-access-quality', _key: 'a' };

describe('validation rules', () => {
  it.each([
    [{ reviewStatus: 'approved', confirmedTasks: [task] }, true],
    [{ reviewStatus: 'approved', confirmedTasks: [] }, false],
    [{ reviewStatus: 'approved' }, false],
    [{ reviewStatus: 'approved', confirmedTasks: [{ _key: 'x' }] }, false],
    [{ reviewStatus: 'new' }, true],
    [{ reviewStatus: 'rejected', confirmedTasks: [] }, true],
    [undefined, true],
  ])('approved needs a confirmed task: %j → %s', (item, valid) => {
    const result = approvedNeedsConfirmedTask(item);
    expect(result === true).toBe(valid);
    if (!valid) expect(result).toMatch(/at least one confirmed task/);
  });

  it.each([
    [{ reviewStatus: 'rejected', rejectionReason: 'advertising' }, true],
    [{ reviewStatus: 'rejected', rejectionReason: '  ' }, false],
    [{ reviewStatus: 'rejected' }, false],
    [{ reviewStatus: 'approved' }, true],
  ])('rejected needs a reason: %j → %s', (item, valid) => {
    expect(rejectedNeedsReason(item) === true).toBe(valid);
  });

  it.each([
    [{ title: 'Title', summary: 'Summary' }, true],
    [{ title: 'Title' }, true],
    [{}, true],
    [undefined, true],
    [{ summary: 'Summary' }, false],
    [{ title: ' ', summary: 'Summary' }, false],
  ])('a summary needs a title: %j → %s', (translation, valid) => {
    expect(summaryNeedsTitle(translation) === true).toBe(valid);
  });

  it.each([
    ['https://minzdrav.gov.ru/news/1', true],
    ['http://www.zdrav74.ru/news/feed', true],
    [undefined, true],
    ['', true],
    ['/news/1', false],
    ['minzdrav.gov.ru/news', false],
    ['ftp://example.org/file', false],
    ['javascript:alert(1)', false],
    [42, false],
  ])('absolute http(s) link: %j → %s', (value, valid) => {
    expect(absoluteHttpUrl(value) === true).toBe(valid);
  });
});

describe('page identity', () => {
  it.each([
    [{ _id: 'page-about-ru', key: 'about', language: 'ru' }, true],
    [{ _id: 'drafts.page-methodology-en', key: 'methodology', language: 'en' }, true],
    [{ _id: 'versions.r1.page-about-en', key: 'about', language: 'en' }, true],
    [{ _id: 'drafts.3f1c9a', key: 'about', language: 'ru' }, false], // a copy made with "Duplicate" or the API
    [{ _id: 'page-about-ru', key: 'about', language: 'en' }, false], // language changed on the Russian page
    [{ _id: 'page-x', key: undefined, language: 'ru' }, true], // "required" reports the missing key
  ])('%j → %s', (document, valid) => {
    const result = pageIdMatchesKeyAndLanguage(document);
    expect(result === true).toBe(valid);
    if (!valid) expect(result).toMatch(/^There is one (about) page in "(ru|en)": the document page-about-(ru|en)\./);
  });
});

// The schema wiring: the same documents through Sanity's own validator, with
// the compiled studio schema, as the studio validates them (environment
// "studio"; the CLI environment chains Sanity's unknown-field check onto
// object-level rules and so reports them as warnings).
describe('the schema calls the rules', () => {
  const schema = createSchema({ name: 'medclusters-test', types: schemaTypes });
  const client = createClient({ projectId: 'medtest', dataset: 'production', apiVersion: '2025-02-19', useCdn: false, apiHost: 'http://127.0.0.1:9', useProjectHostname: false });
  const validate = async (document: Record<string, unknown>) =>
    (
      await validateDocumentInternal({
        document: { _createdAt: '2026-11-01T00:00:00Z', _updatedAt: '2026-11-01T00:00:00Z', _rev: 'r1', ...document } as never,
        schema,
        getClient: () => client,
        getDocumentExists: async () => true,
        environment: 'studio',
      })
    )
      .filter((marker) => marker.level === 'error')
      .map((marker) => [marker.path.map((step) => (typeof step === 'object' ? `[${(step as { _key: string })._key}]` : step)).join('.'), marker.message]);
  const item = (extra: Record<string, unknown>) => ({ _id: 'drafts.item-1', _type: 'newsItem', reviewStatus: 'new', ...extra });

  it('a valid item has no errors', async () => {
    expect(await validate(item({ reviewStatus: 'approved', confirmedTasks: [task], link: 'https://minzdrav.gov.ru/news/1' }))).toEqual([]);
  });

  it.each([
    ['approved without a task', { reviewStatus: 'approved' }, [['', 'An approved item needs at least one confirmed task.']]],
    ['rejected without a reason', { reviewStatus: 'rejected' }, [['', 'A rejected item needs a reason.']]],
    [
      'an English summary without an English title',
      { translations: { _type: 'translations', en: { _type: 'translation', summary: 'Clinic opens' } } },
      [['translations.en', 'A summary needs a title in the same language.']],
    ],
    ['a relative image URL', { image: '/img/1.jpg' }, [['image', 'Must be an absolute URL (https://…), got "/img/1.jpg".']]],
    [
      'a relative enclosure URL',
      { enclosures: [{ _key: 'e1', _type: 'enclosure', url: '/podcast.mp3' }] },
      [['enclosures.[e1].url', 'Must be an absolute URL (https://…), got "/podcast.mp3".']],
    ],
  ])('%s', async (_name, extra, expected) => {
    const errors = await validate(item(extra));
    // Sanity's own url type may add its own message on the same path; ours must be there.
    expect(errors).toEqual(expect.arrayContaining(expected));
  });

  it('sources: the site URL is an absolute http(s) URL', async () => {
    const errors = await validate({ _id: 'source-x', _type: 'source', siteUrl: 'ftp://zdrav74.ru/' });
    expect(errors).toEqual(expect.arrayContaining([['siteUrl', 'Must be an http(s) URL, got "ftp:".']]));
    expect(await validate({ _id: 'source-x', _type: 'source', siteUrl: 'https://zdrav74.ru/' })).toEqual([]);
  });

  it('pages: one per key and language', async () => {
    const page = { _type: 'page', key: 'about', language: 'ru', title: 'О проекте', body: 'Текст' };
    expect(await validate({ _id: 'drafts.page-about-ru', ...page })).toEqual([]);
    expect(await validate({ _id: 'drafts.0c1a', ...page })).toEqual([['', expect.stringMatching(/^There is one about page in "ru": the document page-about-ru\./)]]);
  });
});
