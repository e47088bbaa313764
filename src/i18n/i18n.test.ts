import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };
import { FETCH_ERROR_CODES } from '../pipeline/fetch/errors.ts';
import { checkDictionary, dictionary, format, formatCount, formatMonth, pluralForms, sourceErrorText } from './index.ts';

const placeholders = (value: unknown, path = ''): string[] => {
  if (typeof value === 'string') return [...value.matchAll(/\{(\w+)\}/g)].map((match) => `${path}:${match[1]}`);
  if (Array.isArray(value)) return value.flatMap((entry, index) => placeholders(entry, `${path}[${index}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, entry]) => placeholders(entry, `${path}.${key}`));
  return [];
};

describe('UI dictionaries', () => {
  it.each([['ru.json', ru], ['en.json', en]])('%s matches the schema', (name, dictionary) => {
    expect(() => checkDictionary(dictionary, name)).not.toThrow();
  });

  it('fails, naming the key, when a key is missing or misspelt', () => {
    const missing = structuredClone(en) as Record<string, Record<string, unknown>>;
    delete missing.nav!.home;
    expect(() => checkDictionary(missing, 'en.json')).toThrow(/en\.json\.nav\.home/);
    const extra = structuredClone(en) as Record<string, Record<string, unknown>>;
    extra.nav!.hoem = 'Home';
    expect(() => checkDictionary(extra, 'en.json')).toThrow(/hoem/);
  });

  it('uses the same placeholders in both languages', () => {
    // As sets: a count phrase repeats {count} once per plural form, and languages have different numbers of forms.
    expect(new Set(placeholders(ru))).toEqual(new Set(placeholders(en)));
  });
});

describe('format', () => {
  it.each([
    ['{count} items', { count: 3 }, '3 items'],
    ['{a} and {b}', { a: 'x' }, 'x and {b}'],
    ['no placeholder', { a: 'x' }, 'no placeholder'],
    ['{a}{a}{b}', { a: 1, b: 'z' }, '11z'],
    ['«{term}» в поле «{field}»', { term: '$& $1', field: 'заголовок' }, '«$& $1» в поле «заголовок»'],
    ['{ not a placeholder } {a-b} {}', { a: 'x' }, '{ not a placeholder } {a-b} {}'],
  ])('%s', (template, values, expected) => {
    expect(format(template, values)).toBe(expected);
  });
});

describe('formatMonth', () => {
  it.each([
    ['ru', 2026, 11, 'Ноябрь 2026'],
    ['en', 2026, 1, 'January 2026'],
  ] as const)('%s %i-%i', (lang, year, month, expected) => {
    expect(formatMonth(lang, year, month)).toBe(expected);
  });
});

describe('sourceErrorText', () => {
  it.each(FETCH_ERROR_CODES.map((code) => [code]))('explains the fetch error %s in both languages', (code) => {
    for (const lang of ['ru', 'en'] as const) {
      const t = dictionary(lang);
      expect(sourceErrorText(t, code), `${lang} ${code}`).not.toBe(t.sourceErrors.other);
    }
  });

  it.each([
    ['ru', 'dns', 'Не удалось найти адрес сайта (ошибка DNS): сайт не работает или адрес ленты устарел.'],
    ['en', 'not_a_feed', 'The feed address does not serve RSS or Atom.'],
    ['ru', 'something_new', 'Ленту не удалось загрузить или обработать.'],
    ['en', 'toString', 'The feed could not be fetched or processed.'],
  ] as const)('%s %s', (lang, code, expected) => {
    expect(sourceErrorText(dictionary(lang), code)).toBe(expected);
  });
});

describe('formatCount', () => {
  it.each([
    ['ru', 1, '1 новость'],
    ['ru', 3, '3 новости'],
    ['ru', 5, '5 новостей'],
    ['ru', 11, '11 новостей'],
    ['ru', 21, '21 новость'],
    ['ru', 22, '22 новости'],
    ['ru', 1500, '1\u00a0500 новостей'],
    ['en', 1, '1 item'],
    ['en', 2, '2 items'],
    ['en', 0, '0 items'],
  ] as const)('%s %i', (lang, count, expected) => {
    expect(formatCount(lang, dictionary(lang).home.itemsCount, count)).toBe(expected);
  });

  it('has every plural form the language needs in each count phrase', () => {
    for (const lang of ['ru', 'en'] as const) {
      const t = dictionary(lang);
      for (const template of [t.home.itemsCount, t.archive.monthItems]) expect(template.split('|'), `${lang}: ${template}`).toHaveLength(pluralForms(lang).length);
    }
  });

  it('refuses a phrase with the wrong number of forms', () => {
    expect(() => formatCount('ru', '{count} item|{count} items', 2)).toThrow(/ru needs 4/);
  });
});
