import { describe, expect, it } from 'vitest';
import { buildSiteModel, displayText, evidenceWords, label, onePerStory, paginate, resolveTags, sentenceCase, type RawContent, type RawItem } from './model.ts';

const tasks = [
  { _id: 'task-workforce', id: 'workforce', title: { ru: 'Кадры', en: 'Workforce' }, scope: { ru: 'подготовка кадров', en: 'training' }, seeds: '000 §5' },
  { _id: 'task-financing', id: 'financing', title: { ru: 'Финансирование' } },
];
const regions = [{ _id: 'region-murmansk', id: 'murmansk', title: { ru: 'Мурманская область', en: 'Murmansk Oblast' } }];
const sources = [
  { _id: 'source-demo', id: 'demo', name: { ru: 'Пример', en: 'Sample' }, sample: true },
  { _id: 'source-real', id: 'real', name: { ru: 'Настоящий' }, sample: false, lastError: { code: 'dns', message: 'not resolved', at: '2026-11-01T00:00:00Z' } },
];
const raw = (items: RawItem[]): RawContent => ({ items, tasks, regions, sources });
const base = (id: string, fields: Partial<RawItem> = {}): RawItem => ({
  _id: id,
  title: `Заголовок ${id}`,
  summary: 'Анонс',
  language: 'ru',
  publishedAt: '2026-07-01T10:00:00Z',
  reviewStatus: 'new',
  sourceId: 'source-demo',
  ...fields,
});

describe('resolveTags', () => {
  const idOf = new Map([['task-workforce', 'workforce'], ['task-financing', 'financing']]);
  const suggested = [
    { id: 'task-workforce', confidence: 0.8, evidence: [{ term: 'врачей', field: 'title', weight: 2 }] },
    { id: 'task-unknown', confidence: 0.9, evidence: [] },
  ];
  it.each([
    ['suggestions when no editor confirmed', undefined, [{ id: 'workforce', confirmed: false, confidence: 0.8 }]],
    ['the editor list when there is one', ['task-financing'], [{ id: 'financing', confirmed: true, confidence: null }]],
    ['nothing when the editor cleared the list', [], []],
    ['evidence kept for a confirmed suggestion', ['task-workforce'], [{ id: 'workforce', confirmed: true, confidence: 0.8 }]],
  ] as const)('%s', (_name, confirmed, expected) => {
    const tags = resolveTags(suggested, confirmed as string[] | undefined, idOf);
    expect(tags.map(({ id, confirmed: c, confidence }) => ({ id, confirmed: c, confidence }))).toEqual(expected);
  });
});

describe('buildSiteModel', () => {
  const model = buildSiteModel(
    raw([
      base('item-aaaaaaaa0000000000000001', { publishedAt: '2026-07-02T10:00:00Z', suggestedTasks: [{ id: 'task-workforce', confidence: 0.7 }], suggestedRegions: [{ id: 'region-murmansk' }] }),
      base('item-aaaaaaaa0000000000000002', { language: 'en', title: 'English report', duplicateOf: 'item-aaaaaaaa0000000000000001', sourceId: 'source-real', reviewStatus: 'approved' }),
      base('item-bbbbbbbb0000000000000003', { publishedAt: '2026-08-15T00:00:00Z', translations: { en: { title: 'Translated', summary: 'Lead' } } }),
      base('item-cccccccc0000000000000004', { publishedAt: 'not a date' }),
    ]),
  );

  it('sorts newest first and drops items with no usable date', () => {
    expect(model.items.map((item) => item.shortId)).toEqual(['bbbbbbbb', 'aaaaaaaa', 'aaaaaaaa']);
    expect(model.updatedAt).toBe('2026-08-15T00:00:00.000Z');
  });

  it('keeps slugs unique when two ids share their first 8 hex digits', () => {
    const slugs = model.items.map((item) => item.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('groups reports of one story under the earliest item', () => {
    expect([...model.stories.keys()]).toEqual(['aaaaaaaa']);
    expect(model.stories.get('aaaaaaaa')!.items.map((item) => item.docId)).toEqual(['item-aaaaaaaa0000000000000002', 'item-aaaaaaaa0000000000000001']);
    expect(onePerStory(model.items)).toHaveLength(2);
  });

  it('keeps only http(s) links to originals', () => {
    const links = buildSiteModel(raw([base('item-1', { link: 'javascript:alert(1)' }), base('item-2', { link: ' https://example.org/a ' }), base('item-3', { link: 'data:text/html,x' })])).items.map((item) => item.link);
    expect(links.sort()).toEqual(['https://example.org/a', null, null]);
  });

  it('marks sample sources and review status', () => {
    const byId = new Map(model.items.map((item) => [item.docId, item]));
    expect(byId.get('item-aaaaaaaa0000000000000001')).toMatchObject({ sample: true, reviewed: false });
    expect(byId.get('item-aaaaaaaa0000000000000002')).toMatchObject({ sample: false, reviewed: true });
    expect(model.hasSample).toBe(true);
  });

  it('indexes items by task, region, task × region and month', () => {
    expect(model.itemsByTask.get('workforce')).toHaveLength(1);
    expect(model.itemsByTaskRegion.get('workforce|murmansk')).toHaveLength(1);
    expect(model.months.map((month) => [month.key, month.count])).toEqual([['2026-08', 1], ['2026-07', 2]]);
  });

  it('counts shown items per source and keeps fetch errors', () => {
    expect(model.sources.map((source) => [source.id, source.itemCount, source.lastError?.code ?? null])).toEqual([
      ['demo', 2, null],
      ['real', 1, 'dns'],
    ]);
  });

  it('labels fall back to the other language, marked with its language', () => {
    expect(model.taskById.get('financing')!.title.en).toEqual({ text: 'Финансирование', lang: 'ru' });
    expect(label(null, 'x').ru).toEqual({ text: 'x', lang: 'en' });
  });
});

describe('displayText', () => {
  const model = buildSiteModel(
    raw([
      base('item-1', { translations: { en: { title: 'Translated title', summary: 'Translated lead' } } }),
      base('item-2', { publishedAt: '2026-07-03T00:00:00Z' }),
      base('item-3', { publishedAt: '2026-07-04T00:00:00Z', language: 'be', title: 'Паліклініка' }),
      // A machine translation fills a gap only: the editor's English and the Russian original win over it.
      base('item-4', {
        publishedAt: '2026-07-05T00:00:00Z',
        translations: { en: { title: 'Editor title' } },
        machineTranslations: { en: { title: 'Machine title', summary: 'm', provider: 'deepl' }, ru: { title: 'Машинный', provider: 'deepl' } },
      }),
      base('item-5', { publishedAt: '2026-07-06T00:00:00Z', machineTranslations: { en: { title: ' Machine title 5 ', summary: 'Lead', provider: 'libretranslate' } } }),
      base('item-6', { publishedAt: '2026-07-07T00:00:00Z', language: 'be', title: 'Бальніца', machineTranslations: { en: { title: 'Hospital', provider: null } } }),
    ]),
  );
  const find = (id: string) => model.items.find((item) => item.docId === id)!;
  it.each([
    ['item-1', 'ru', { title: 'Заголовок item-1', lang: 'ru', untranslated: false, translated: false }],
    ['item-1', 'en', { title: 'Translated title', lang: 'en', untranslated: false, translated: true }],
    ['item-2', 'en', { title: 'Заголовок item-2', lang: 'ru', untranslated: true, translated: false }],
    ['item-3', 'ru', { title: 'Паліклініка', lang: 'be', untranslated: true, translated: false, machine: null }],
    ['item-4', 'en', { title: 'Editor title', lang: 'en', translated: true, machine: null }],
    ['item-4', 'ru', { title: 'Заголовок item-4', lang: 'ru', translated: false, machine: null }],
    ['item-5', 'en', { title: 'Machine title 5', summary: 'Lead', lang: 'en', untranslated: false, translated: false, machine: 'libretranslate' }],
    ['item-6', 'en', { title: 'Hospital', summary: '', lang: 'en', untranslated: false, machine: 'other' }],
    ['item-6', 'ru', { title: 'Бальніца', lang: 'be', untranslated: true, machine: null }],
  ] as const)('%s in %s', (id, lang, expected) => {
    expect(displayText(find(id), lang)).toMatchObject(expected);
  });
});

describe('sentenceCase', () => {
  it.each([
    ['строительство, ремонт больниц', 'ru', 'Строительство, ремонт больниц'],
    ['building, repairing hospitals', 'en', 'Building, repairing hospitals'],
    ['ёмкость коечного фонда', 'ru', 'Ёмкость коечного фонда'],
    ['  «Земский доктор»', 'ru', '«Земский доктор»'],
    ['Already a sentence.', 'en', 'Already a sentence.'],
  ])('%j (%s)', (text, lang, expected) => {
    expect(sentenceCase(text, lang)).toBe(expected);
  });

  it('is applied to task descriptions', () => {
    const model = buildSiteModel(raw([]));
    expect(model.taskById.get('workforce')!.scope).toEqual({ ru: 'Подготовка кадров', en: 'Training' });
  });
});

describe('evidenceWords', () => {
  it.each([
    [{ term: '=built' }, 'built'],
    [{ term: 'residenc*' }, 'residenc'],
    [{ term: '=снежное доктор*' }, 'снежное доктор'],
    [{ term: 'больница' }, 'больница'],
    [{ term: 'онколог*', matched: 'онкологического' }, 'онкологического'],
    [{ term: '=reports', matched: '  ' }, 'reports'],
    [{ term: 'земский доктор', matched: null }, 'земский доктор'],
  ])('%j -> %s', (evidence, expected) => {
    expect(evidenceWords(evidence)).toBe(expected);
  });
});

describe('paginate', () => {
  it.each([
    [0, 20, [0]],
    [20, 20, [20]],
    [41, 20, [20, 20, 1]],
  ])('%i items by %i', (count, size, expected) => {
    expect(paginate(Array.from({ length: count }, (_, index) => index), size).map((page) => page.length)).toEqual(expected);
  });
});
