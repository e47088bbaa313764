import { SOURCE_EDITABLE_FIELDS } from '../../src/pipeline/sources/editable.ts';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { groupProblems } from '@sanity/schema/_internal';
import { schemaTypes } from '../../sanity/schemaTypes/index.ts';
import { itemPreview, ROW_TAGS } from '../../sanity/schemaTypes/documents/newsItem.ts';
import { sourcePreview } from '../../sanity/schemaTypes/documents/source.ts';
import { NEWS_ITEM_CREATE_ONLY_FIELDS, NEWS_ITEM_MACHINE_FIELDS, SOURCE_MACHINE_FIELDS } from '../../src/pipeline/store/documents.ts';

type Field = { name: string; type: string; readOnly?: unknown; fields?: Field[] };
type TypeDef = { name: string; type: string; fields?: Field[] };
const types = schemaTypes as unknown as TypeDef[];
const byName = new Map(types.map((type) => [type.name, type]));
const fieldsOf = (name: string) => new Map((byName.get(name)?.fields ?? []).map((field) => [field.name, field]));
const dataset = readFileSync(path.join(import.meta.dirname, 'testdata/dataset.ndjson'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));

describe('studio schema', () => {
  it('compiles without errors or warnings', () => {
    const problems = groupProblems(schemaTypes as never).flatMap((group) => group.problems.map((problem) => `${group.path.map((step) => step.name).join('.')}: ${problem.severity} ${problem.message}`));
    expect(problems).toEqual([]);
  });

  it('has one document type per stored _type, and the editorial ones', () => {
    expect(types.filter((type) => type.type === 'document').map((type) => type.name).sort()).toEqual(['newsItem', 'page', 'region', 'siteSettings', 'source', 'task']);
  });

  it('declares every field the pipeline writes, read-only on news items, and on sources all but their configuration', () => {
    const item = fieldsOf('newsItem');
    for (const name of [...NEWS_ITEM_MACHINE_FIELDS, 'firstSeenAt', 'alsoSeenIn']) {
      expect(item.get(name), name).toBeDefined();
      expect(item.get(name)?.readOnly, name).toBe(true);
    }
    expect(NEWS_ITEM_CREATE_ONLY_FIELDS).toContain('reviewStatus');
    for (const name of ['reviewStatus', 'rejectionReason', 'confirmedTasks', 'confirmedRegions', 'translations', 'featured', 'imageAlt']) {
      expect(item.get(name), name).toBeDefined();
      expect(item.get(name)?.readOnly, name).toBeUndefined();
    }
    const source = fieldsOf('source');
    for (const name of SOURCE_MACHINE_FIELDS) {
      expect(source.get(name), name).toBeDefined();
      expect(source.get(name)?.readOnly, name).toBe((SOURCE_EDITABLE_FIELDS as readonly string[]).includes(name) ? undefined : true);
    }
  });

  it('covers every field of every stored document, and nested object fields', () => {
    // A stored field missing from the schema shows as "unknown field" in the studio.
    const objectFields = (typeName: string): Map<string, Field> => fieldsOf(typeName);
    const check = (value: unknown, typeName: string, where: string) => {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
      const fields = objectFields(typeName);
      for (const [key, inner] of Object.entries(value)) {
        if (key.startsWith('_')) continue;
        const field = fields.get(key);
        expect(field, `${where}.${key}`).toBeDefined();
        if (field && byName.has(field.type)) check(inner, field.type, `${where}.${key}`);
        if (field?.type === 'array' && Array.isArray(inner)) {
          for (const entry of inner) if (entry?._type && byName.has(entry._type)) check(entry, entry._type, `${where}.${key}[]`);
        }
      }
    };
    for (const document of dataset) check(document, document._type, document._id);
    expect(dataset.length).toBe(22);
  });

  it('translations keep the shape the site reads (translations.en.title/summary)', () => {
    expect([...fieldsOf('translations').keys()]).toEqual(['ru', 'en', 'reviewedAt', 'sourceHashAtReview', 'sample', 'seedHash']);
    expect([...fieldsOf('translation').keys()]).toEqual(['title', 'summary', 'machineDraftAt']);
    // The machine drafts beside them, in the shape the translate step writes (src/pipeline/translate/model.ts).
    expect([...fieldsOf('machineTranslation').keys()]).toEqual(['title', 'summary', 'provider', 'at', 'sourceHash']);
  });
});

describe('the inbox row', () => {
  const refs = (count: number) => Array.from({ length: count }, (_, index) => ({ tag: { _ref: `task-${index}` } }));
  it.each([
    [
      {
        title: 'Оригинал',
        language: 'ru',
        status: 'new',
        suggestedTasks: refs(3),
        task0ru: 'Доступность',
        task1en: 'Workforce',
        task2ru: 'Профилактика',
        suggestedRegions: refs(2),
        region0ru: 'Челябинская область',
        region1ru: 'Россия (федеральный уровень)',
        publishedAt: '2026-10-11T07:51:20.000Z',
      },
      { title: 'Оригинал', subtitle: '[ru] · Доступность, Workforce, Профилактика · Челябинская область, Россия (федеральный уровень) · 2026-10-11' },
    ],
    [
      { title: 'Original', titleRu: 'Перевод', language: 'en', status: 'approved' },
      { title: 'Перевод', subtitle: '[en] · approved · no suggested task' },
    ],
    [
      { title: 'Many', language: 'be', suggestedTasks: refs(ROW_TAGS + 2), task0ru: 'A', task1ru: 'B', task2ru: 'C', task3ru: 'D' },
      { title: 'Many', subtitle: '[be] · A, B, C, D, +2' },
    ],
    [
      { title: 'Оригинал', language: 'ru', status: 'approved', machineEn: 'Clinic opens', machineRu: 'Не нужен' },
      { title: 'Оригинал', subtitle: '[ru] · approved · machine draft: en · no suggested task' },
    ],
    [
      { title: 'Оригинал', language: 'ru', titleEn: 'Editor', machineEn: 'Clinic opens' },
      { title: 'Оригинал', subtitle: '[ru] · no suggested task' },
    ],
    [
      // As the studio's preview store hands it over: the array merged with the `suggestedTasks.0.…` selections, keyed by index.
      { title: 'Merged', language: 'ru', suggestedTasks: { 0: { tag: { _ref: 'task-0' } }, 1: { tag: { _ref: 'task-1' } } }, task0ru: 'Инфраструктура', task1ru: 'Финансирование' },
      { title: 'Merged', subtitle: '[ru] · Инфраструктура, Финансирование' },
    ],
    [{}, { title: '(untitled)', subtitle: '[und] · no suggested task' }],
  ])('%j → %j', (selection, expected) => {
    expect(itemPreview(selection)).toEqual(expected);
  });

  it('selects the label paths of the first tags, both languages', () => {
    const select = (byName.get('newsItem') as unknown as { preview: { select: Record<string, string> } }).preview.select;
    expect(select.task0ru).toBe('suggestedTasks.0.tag.title.ru');
    expect(select[`region${ROW_TAGS - 1}en`]).toBe(`suggestedRegions.${ROW_TAGS - 1}.tag.title.en`);
    expect(select.language).toBe('language');
  });
});

describe('the Sources row', () => {
  it.each([
    [{ title: 'Минздрав', code: 'dns', failures: 3, message: 'www.zdrav74.ru: host name did not resolve' }, 'failing: dns (3×) · www.zdrav74.ru: host name did not resolve'],
    [{ title: 'Минздрав', code: 'http_status' }, 'failing: http_status (0×)'],
    [{ title: 'Минздрав', code: 'timeout', failures: 1, message: 'x'.repeat(300) }, `failing: timeout (1×) · ${'x'.repeat(119)}…`],
    [{ title: 'Минздрав', enabled: false, code: 'dns' }, 'disabled'],
    [{ titleEn: 'Ministry' }, 'ok'],
  ])('%j → %s', (selection, subtitle) => {
    expect(sourcePreview(selection).subtitle).toBe(subtitle);
  });
});
