import { describe, expect, it } from 'vitest';
import { itemSlug, shortId, slugify, transliterate } from './slug.ts';

describe('transliterate', () => {
  it.each([
    ['Щука', 'shchuka'],
    ['Ёлка и съезд', 'yolka i sezd'],
    ['Мурманск', 'murmansk'],
    ['Паліклініку ў Мінску', 'palikliniku u minsku'],
    ['Hospital 5', 'hospital 5'],
  ])('%s -> %s', (input, expected) => {
    expect(transliterate(input)).toBe(expected);
  });
});

describe('slugify', () => {
  it.each([
    ['Поликлинику на 120 посещений открыли в ЛНР', 'polikliniku-na-120-poseshcheniy-otkryli-v-lnr'],
    ['Proton therapy centre in Belarus treats its 201th patient', 'proton-therapy-centre-in-belarus-treats-its-201th-patient'],
    ['Café «Здоровье» — открыт!', 'cafe-zdorove-otkryt'],
    ['', ''],
    ['!!!', ''],
  ])('%s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('cuts at a word boundary within the limit', () => {
    const slug = slugify('Правительство Челябинской области утвердило программу развития здравоохранения до 2030 года');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe('pravitelstvo-chelyabinskoy-oblasti-utverdilo-programmu');
  });

  it('cuts a single over-long word', () => {
    expect(slugify('a'.repeat(80), 10)).toBe('aaaaaaaaaa');
  });
});

describe('item slugs', () => {
  it('ends with 8 hex digits of the dataset id', () => {
    expect(shortId('item-29bc44a09b79bc968e005616')).toBe('29bc44a0');
    expect(itemSlug('Мобильные бригады врачей', 'item-29bc44a09b79bc968e005616')).toBe('mobilnye-brigady-vrachey-29bc44a0');
  });
  it('is the id alone when the title has no letters', () => {
    expect(itemSlug('—', 'item-29bc44a09b79bc968e005616')).toBe('29bc44a0');
  });
  it('slugifies ids that are not item-<hex>', () => {
    expect(shortId('custom.Id_1')).toBe('custom-id-1');
  });
});
