import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetDocument } from '../store/documents.ts';
import { openLocalStore } from '../store/local.ts';
import { serializeDataset } from '../store/ndjson.ts';
import { CACHE_FILE, openTranslationCache } from './cache.ts';
import { translationSetupFromEnv } from './config.ts';
import { sourceHash, type TranslationProvider } from './model.ts';
import { keepFreshTranslations, planTranslationJobs } from './plan.ts';
import { startDeeplStandIn, startLibreTranslateStandIn, type StandIn } from './testServers.ts';
import { translateStore } from './translate.ts';

const item = (id: string, fields: Record<string, unknown>): DatasetDocument => ({
  _id: id,
  _type: 'newsItem',
  health: true,
  reviewStatus: 'new',
  publishedAt: `2026-10-${id.slice(-2)}T10:00:00.000Z`,
  ...fields,
});

const DOCUMENTS: DatasetDocument[] = [
  item('item-01', { language: 'ru', title: 'Открыли поликлинику', summary: 'В Луганске.' }),
  item('item-02', { language: 'en', title: 'Clinic opens', summary: 'In Mariupol.' }),
  item('item-03', { language: 'be', title: 'Адкрылі паліклініку', summary: '' }),
  // An editor's English title: only Russian is missing, and it is the original.
  item('item-04', { language: 'ru', title: 'Врачи', summary: 'Текст.', translations: { en: { title: 'Doctors (editor)' } } }),
  // Not shown: rejected, or not health news.
  item('item-05', { language: 'ru', title: 'Отклонено', reviewStatus: 'rejected' }),
  item('item-06', { language: 'ru', title: 'Футбол', health: false }),
  // A fresh machine translation: nothing to do. A stale one: redone.
  item('item-07', {
    language: 'ru',
    title: 'Свежий',
    summary: '',
    machineTranslations: { en: { title: 'Fresh', summary: '', provider: 'deepl', at: '2026-10-01', sourceHash: sourceHash('ru', 'Свежий', '') } },
  }),
  item('item-08', {
    language: 'ru',
    title: 'Исправленный заголовок',
    summary: '',
    machineTranslations: { en: { title: 'Old headline', summary: '', provider: 'deepl', at: '2026-10-01', sourceHash: sourceHash('ru', 'Старый', '') } },
  }),
  item('item-09', { language: 'und', title: '???' }),
];
const byId = new Map(DOCUMENTS.map((document) => [document._id, document]));

describe('planTranslationJobs', () => {
  it('asks for each shown item the site languages it has no text in, newest first', () => {
    const jobs = planTranslationJobs(byId).map((job) => `${job.id}:${job.source}>${job.target}`);
    expect(jobs).toEqual(['item-08:ru>en', 'item-03:be>en', 'item-03:be>ru', 'item-02:en>ru', 'item-01:ru>en']);
  });

  it('--only restricts to the given items', () => {
    expect(planTranslationJobs(byId, new Set(['item-02'])).map((job) => job.target)).toEqual(['ru']);
  });

  it('keepFreshTranslations drops the translations of an older original', () => {
    const stored = { en: { sourceHash: sourceHash('ru', 'Новый', 'Текст') }, ru: { sourceHash: 'other' } };
    expect(keepFreshTranslations(stored, 'ru', 'Новый', 'Текст')).toEqual({ en: stored.en });
    expect(keepFreshTranslations(stored, 'ru', 'Другой', 'Текст')).toBeUndefined();
  });
});

describe('translateStore over a local dataset', () => {
  let deepl: StandIn;
  let libre: StandIn;
  let dir: string;
  const fast = { attempts: 1, retryDelayMs: 5, maxDelayMs: 5, timeoutMs: 2_000 };
  const setup = (env: Record<string, string>): TranslationProvider => {
    const made = translationSetupFromEnv(env, fast);
    if (!made.ok || made.value === null) throw new Error('no provider');
    return made.value.provider;
  };
  /** The dataset as DOCUMENTS, the cache file left as it is. */
  const fresh = () => writeFile(path.join(dir, 'dataset.ndjson'), serializeDataset(DOCUMENTS));
  const stored = async () => new Map((await openLocalStore(dir).read().then((r) => (r.ok ? [...r.value] : []))));

  beforeAll(async () => {
    deepl = await startDeeplStandIn({ authKey: 'k' });
    libre = await startLibreTranslateStandIn();
    dir = await mkdtemp(path.join(tmpdir(), 'medclusters-translate-'));
  });
  afterAll(async () => {
    await deepl.close();
    await libre.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores machine translations beside, never over, the editors\' text; Belarusian only where offered', async () => {
    await fresh();
    const provider = setup({ DEEPL_AUTH_KEY: 'k', DEEPL_API_URL: deepl.url });
    const report = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000, now: () => new Date('2026-12-01T00:00:00Z') });
    expect(report).toMatchObject({ needed: 5, translated: 3, unsupported: 2, deferred: 0, written: 3 });
    expect(report.error).toBeUndefined();
    const documents = await stored();
    expect(documents.get('item-01')!.machineTranslations).toEqual({
      en: { _type: 'machineTranslation', title: '[EN-GB] Открыли поликлинику', summary: '[EN-GB] В Луганске.', provider: 'deepl', at: '2026-12-01T00:00:00.000Z', sourceHash: sourceHash('ru', 'Открыли поликлинику', 'В Луганске.') },
    });
    expect((documents.get('item-08')!.machineTranslations as { en: { title: string } }).en.title).toBe('[EN-GB] Исправленный заголовок');
    expect(documents.get('item-04')!.translations).toEqual({ en: { title: 'Doctors (editor)' } });
    expect(documents.get('item-04')!.machineTranslations).toBeUndefined();
    expect(documents.get('item-03')!.machineTranslations).toBeUndefined();
  });

  it('never pays twice: a second run sends nothing, a new dataset with the same texts is answered from the cache', async () => {
    const provider = setup({ DEEPL_AUTH_KEY: 'k', DEEPL_API_URL: deepl.url });
    const sent = deepl.requests.length;
    const again = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000 });
    expect(again).toMatchObject({ needed: 2, translated: 0, characters: 0 });
    await fresh();
    const cached = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000 });
    expect(deepl.requests.length).toBe(sent);
    expect(cached).toMatchObject({ translated: 3, characters: 0, cachedTexts: 5 });
  });

  it('keeps within the character budget and defers the rest', async () => {
    await rm(path.join(dir, CACHE_FILE), { force: true });
    await fresh();
    const provider = setup({ LIBRETRANSLATE_URL: libre.url });
    const report = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 30 });
    expect(report.characters).toBeLessThanOrEqual(30);
    expect(report.translated).toBeGreaterThan(0);
    expect(report.deferred).toBeGreaterThan(0);
    expect(report.error).toBeUndefined();
  });

  it('a quota error is a value: the run ends, nothing is lost, the next run carries on', async () => {
    await rm(path.join(dir, CACHE_FILE), { force: true });
    await fresh();
    const provider = setup({ DEEPL_AUTH_KEY: 'k', DEEPL_API_URL: deepl.url });
    deepl.failNext.push({ status: 456, message: 'Quota exceeded' });
    const report = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000 });
    expect(report.error?.code).toBe('translate_quota_exceeded');
    expect(report).toMatchObject({ translated: 0, written: 0 });
    const next = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000 });
    expect(next).toMatchObject({ translated: 3, written: 3 });
  });

  it('keeps each request within the instance\'s character limit, in several batches', async () => {
    await rm(path.join(dir, CACHE_FILE), { force: true });
    await fresh();
    const strict = await startLibreTranslateStandIn({ charLimit: 40 });
    try {
      const provider = setup({ LIBRETRANSLATE_URL: strict.url, LIBRETRANSLATE_CHAR_LIMIT: '40' });
      const report = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000 });
      expect(report).toMatchObject({ translated: 3, unsupported: 2, deferred: 0 });
      expect(report.error).toBeUndefined();
      const batches = strict.requests.filter((request) => request.path === '/translate');
      expect(batches.length).toBeGreaterThan(2);
      for (const request of batches) expect(((request.body as { q: string[] }).q.join('')).length).toBeLessThanOrEqual(40);
    } finally {
      await strict.close();
    }
  });

  it('sends a headline two items share once', async () => {
    const twins = new Map(byId);
    twins.set('item-10', item('item-10', { language: 'ru', title: 'Открыли поликлинику', summary: 'В Донецке.' }));
    const { translateJobs } = await import('./translate.ts');
    const { planTranslationJobs: plan } = await import('./plan.ts');
    const { openTranslationCache: open } = await import('./cache.ts');
    const empty = await mkdtemp(path.join(tmpdir(), 'medclusters-translate-cache-'));
    const provider = setup({ DEEPL_AUTH_KEY: 'k', DEEPL_API_URL: deepl.url });
    const before = deepl.requests.length;
    const { report } = await translateJobs(plan(twins), provider, await open(empty), { budget: 10_000 });
    const sent = deepl.requests.slice(before).flatMap((request) => (request.body as { text: string[] }).text);
    expect(sent.filter((text) => text === 'Открыли поликлинику')).toHaveLength(1);
    expect(report.characters).toBe(sent.reduce((sum, text) => sum + text.length, 0));
    await rm(empty, { recursive: true, force: true });
  });

  it('--dry-run counts what would be sent and writes nothing', async () => {
    await rm(path.join(dir, CACHE_FILE), { force: true });
    await fresh();
    const provider = setup({ DEEPL_AUTH_KEY: 'k', DEEPL_API_URL: deepl.url });
    const sent = deepl.requests.length;
    const report = await translateStore(openLocalStore(dir), provider, await openTranslationCache(dir), { budget: 10_000, dryRun: true });
    expect(report.characters).toBeGreaterThan(0);
    expect(deepl.requests.length).toBe(sent);
    expect((await stored()).get('item-01')!.machineTranslations).toBeUndefined();
  });
});
