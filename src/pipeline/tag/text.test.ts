import { describe, expect, it } from 'vitest';
import { normalizeWord, scriptOf, stemWord, tokenize } from './text.ts';

describe('tokenize', () => {
  it.each([
    ['В Мурманске открылась больница', ['в', 'мурманске', 'открылась', 'больница']],
    ['Регион-шеф восстановил ФАП', ['регион', 'шеф', 'восстановил', 'фап']],
    ["Охорона здоров'я та лікарні", ['охорона', "здоров'я", 'та', 'лікарні']],
    ['Здоров’я (typographic apostrophe)', ["здоров'я", 'typographic', 'apostrophe']],
    ['Ёлка и ещё', ['елка', 'и', 'еще']],
    ['COVID-19 в 2024 году', ['covid', '19', 'в', '2024', 'году']],
    ["Russia's health ministry", ["russia's", 'health', 'ministry']],
    ['  ', []],
  ])('%s', (text, expected) => {
    expect(tokenize(text).map((token) => token.norm)).toEqual(expected);
  });

  it('keeps offsets into the original text and marks capitals', () => {
    const text = 'Врачи «Земского доктора» в Заполярье';
    const tokens = tokenize(text);
    for (const token of tokens) expect(normalizeWord(text.slice(token.start, token.end))).toBe(token.norm);
    expect(tokens.filter((token) => token.capitalized).map((token) => token.norm)).toEqual(['врачи', 'земского', 'заполярье']);
  });

  it('falls back to word-by-word normalisation when lower-casing changes the length', () => {
    // "İ" lower-cases to two code units; offsets must still point at the original.
    const text = 'İstanbul и Минск';
    const tokens = tokenize(text);
    expect(tokens.map((token) => text.slice(token.start, token.end))).toEqual(['İstanbul', 'и', 'Минск']);
    expect(tokens[2]!.norm).toBe('минск');
  });
});

describe('stemWord', () => {
  it.each([
    ['мурманской', 'мурманск'],
    ['мурманские', 'мурманск'],
    ['больницы', 'больниц'],
    ['hospitals', 'hospit'],
    ['vaccination', 'vaccin'],
    // Short words are never stemmed: "ии" (AI) must not become "и".
    ['ии', 'ии'],
    ['лнр', 'лнр'],
    ['2024', '2024'],
  ])('%s → %s', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });

  it('chooses the stemmer by script, not by the item language', () => {
    expect(scriptOf('больница')).toBe('cyrillic');
    expect(scriptOf('hospital')).toBe('latin');
    expect(scriptOf('2024')).toBe('other');
    expect(stemWord('doctors')).toBe('doctor');
    expect(stemWord('врачей')).toBe('врач');
  });
});
