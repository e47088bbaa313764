import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient } from '@sanity/client';
import { createPreviewSecret } from '@sanity/preview-url-secret/create-secret';
import { createMemoryClient } from '../content/local.ts';
import { applyPerspective } from '../content/perspective.ts';
import { previewAuthorized, resolvePreview, type PreviewDeps } from './handler.ts';
import { bannerText, previewIdFromPath, secretMatches } from './preview.ts';
import { studioSecretValidatorFromEnv } from './studioSecret.ts';
import { startFakeSanityApi, type FakeSanityApi } from '../../../tests/support/fakeSanityApi.ts';

const SECRET = 'preview-secret-3f9a';
const documents = readFileSync(path.resolve(import.meta.dirname, '../../../tests/sanity/testdata/dataset.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const items = documents.filter((document) => document._type === 'newsItem');
// A rejected item with a draft: the preview shows any item, whatever the site would.
const published = items.find((document) => document.reviewStatus === 'rejected');
const draft = { ...published, _id: `drafts.${published._id}`, title: 'Заголовок <черновика>', translations: { en: { title: 'Draft English title', summary: 'Draft summary' } } };
let reads = 0;
const deps: PreviewDeps = {
  secret: SECRET,
  validateStudioSecret: null,
  draftsClient: async () => {
    reads++;
    return createMemoryClient(applyPerspective([...documents, draft], 'drafts'));
  },
};
const get = (pathname: string, headers: Record<string, string> = {}) => new Request(`http://127.0.0.1${pathname}`, { headers });

describe('preview resolution', () => {
  it.each([
    ['no secret', `/preview/ru/${published._id}`, {}],
    ['a wrong secret', `/preview/ru/${published._id}?secret=nope`, {}],
    ['a wrong header', `/preview/ru/${published._id}`, { 'x-preview-secret': 'preview-secret-3f9b' }],
    ['a studio secret, with no Sanity to check it', `/preview/ru/${published._id}?sanity-preview-secret=${SECRET}`, {}],
  ])('401 with %s, before reading anything', async (_name, url, headers) => {
    reads = 0;
    const result = await resolvePreview(get(url, headers), { lang: 'ru', id: published._id }, deps);
    expect(result.kind).toBe('response');
    if (result.kind !== 'response') return;
    expect(result.response.status).toBe(401);
    expect(result.response.headers.get('cache-control')).toBe('no-store');
    expect(reads).toBe(0);
  });

  it('401 for every request when no secret is configured', async () => {
    const result = await resolvePreview(get(`/preview/ru/${published._id}?secret=`), { lang: 'ru', id: published._id }, { ...deps, secret: undefined });
    expect(result.kind === 'response' && result.response.status).toBe(401);
  });

  it.each([
    ['query', `/preview/en/${published._id}?secret=${SECRET}`, {}],
    ['header', `/preview/en/${published._id}`, { 'x-preview-secret': SECRET }],
  ])('gives the draft as the site models it, with the secret in the %s', async (_name, url, headers) => {
    const result = await resolvePreview(get(url, headers), { lang: 'en', id: published._id }, deps);
    expect(result.kind).toBe('item');
    if (result.kind !== 'item') return;
    expect(result.item.docId).toBe(published._id);
    expect(result.item.texts.en).toEqual({ title: 'Draft English title', summary: 'Draft summary' });
    expect(result.item.original.title).toBe('Заголовок <черновика>');
    expect(result.banner).toEqual({ isDraft: true, reviewStatus: 'rejected', rejectionReason: published.rejectionReason ?? null });
    expect(result.lang).toBe('en');
  });

  it('the published version when there is no draft; 404 for an unknown item, id or language', async () => {
    const other = items.find((document) => document._id !== published._id)!;
    const result = await resolvePreview(get(`/x?secret=${SECRET}`), { lang: 'ru', id: `drafts.${other._id}` }, deps);
    expect(result.kind === 'item' && result.banner.isDraft).toBe(false);
    for (const params of [{ lang: 'ru', id: 'item-missing' }, { lang: 'ru', id: '../etc/passwd' }, { lang: 'de', id: other._id }]) {
      const missing = await resolvePreview(get(`/x?secret=${SECRET}`), params, deps);
      expect(missing.kind === 'response' && missing.response.status, JSON.stringify(params)).toBe(404);
    }
  });

  it('503 with a reason when the store cannot be read', async () => {
    const result = await resolvePreview(get(`/x?secret=${SECRET}`), { lang: 'ru', id: published._id }, { ...deps, draftsClient: async () => Promise.reject(new Error('preview_needs_token: set SANITY_API_TOKEN')) });
    expect(result.kind === 'response' && result.response.status).toBe(503);
    expect(result.kind === 'response' && (await result.response.text())).toMatch(/preview_needs_token/);
  });
});

describe('secrets the studio creates', () => {
  let api: FakeSanityApi;
  let now = new Date('2026-11-22T10:00:00Z');
  beforeAll(async () => {
    api = await startFakeSanityApi({ systemFields: true, now: () => now });
  });
  afterAll(() => api.close());
  const env = () => ({ SANITY_PROJECT_ID: 'medtest', SANITY_DATASET: 'production', SANITY_API_HOST: api.origin, SANITY_API_TOKEN: 'viewer-token' });
  // The studio's side, as the "Preview on the site" action runs it (with the editor's session; here a token).
  const studioClient = () => createClient({ projectId: 'medtest', dataset: 'production', apiVersion: '2025-02-19', token: 'editor-session', useCdn: false, apiHost: api.origin, useProjectHostname: false });

  it('open the preview while fresh, and only then; the site checks them with its read token', async () => {
    now = new Date();
    const { secret } = await createPreviewSecret(studioClient(), 'medclusters-studio', 'https://studio.example/', 'editor-1');
    const stored = [...api.documents.values()].find((document) => document._type === 'sanity.previewUrlSecret')!;
    expect(stored._id).toMatch(/^drafts\./); // a draft: invisible without a token
    const validate = studioSecretValidatorFromEnv(env())!;
    const url = (value: string) => `http://127.0.0.1/preview/ru/item-1?sanity-preview-secret=${encodeURIComponent(value)}`;
    expect(await previewAuthorized(get(new URL(url(secret)).pathname + new URL(url(secret)).search), { secret: undefined, validateStudioSecret: validate })).toBe(true);
    expect(await validate(url(`${secret}x`))).toBe(false);
    const check = api.requests.filter((request) => request.path.includes('/data/query/')).at(-1)!;
    expect(check.authorization).toBe('Bearer viewer-token');
    expect(check.search.query).not.toContain(secret); // a $param, never in the query text
    // An hour later the same secret no longer opens anything.
    stored._updatedAt = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
    expect(await validate(url(secret))).toBe(false);
  });

  it('are not checked at all without Sanity or without a read token', () => {
    expect(studioSecretValidatorFromEnv({})).toBeNull();
    expect(studioSecretValidatorFromEnv({ SANITY_PROJECT_ID: 'medtest', SANITY_DATASET: 'production' })).toBeNull();
  });

  it('an unreachable Sanity means no preview, not an error', async () => {
    const closed = studioSecretValidatorFromEnv({ ...env(), SANITY_API_HOST: 'http://127.0.0.1:9' })!;
    expect(await previewAuthorized(get('/preview/ru/item-1?sanity-preview-secret=abc'), { secret: undefined, validateStudioSecret: closed })).toBe(false);
  });
});

describe('preview helpers', () => {
  it.each([
    ['s3cret', 's3cret', true],
    ['s3cret', 's3cre', false],
    ['', '', false],
    [null, 's3cret', false],
    ['s3cret', undefined, false],
  ])('secretMatches(%j, %j) = %s', (given, expected, result) => {
    expect(secretMatches(given, expected)).toBe(result);
  });
  it.each([
    ['item-abc', 'item-abc'],
    ['drafts.item-abc', 'item-abc'],
    ['/item-abc/', 'item-abc'],
    ['a/b', null],
    ['', null],
    [undefined, null],
  ])('previewIdFromPath(%j) = %j', (input, expected) => {
    expect(previewIdFromPath(input)).toBe(expected);
  });
  it.each([
    [{ isDraft: true, reviewStatus: 'new', rejectionReason: null }, 'en', 'Draft preview: not published yet. Status: not reviewed.'],
    [{ isDraft: false, reviewStatus: 'rejected', rejectionReason: 'реклама' }, 'ru', 'Предпросмотр опубликованной версии (черновика нет). Статус: отклонено. Причина: реклама'],
    [{ isDraft: true, reviewStatus: 'approved', rejectionReason: 'old' }, 'ru', 'Предпросмотр черновика: он ещё не опубликован. Статус: одобрено.'],
  ] as const)('banner %j in %s', (banner, lang, expected) => {
    expect(bannerText(banner, lang)).toBe(expected);
  });
});
