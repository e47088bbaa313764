import { describe, expect, it } from 'vitest';
import { storyFeatures } from './features.ts';
import { canonicalLink, groupStories, storyPairs, type StoryItem } from './groupStories.ts';
import { nameKey, transliterate } from './names.ts';
import { defaultStoryRules } from './storyRules.ts';

const rules = defaultStoryRules();

describe('names across scripts', () => {
  it.each([
    ['Мурашко', 'Murashko'],
    ['Луганск', 'Luhansk'],
    ['Луганске', 'Lugansk'],
    ['Ходжаева', 'Khodzhaev'],
    ['Пасечника', 'Pasechnik'],
    ['Донецке', 'Donetsk'],
    ['Мариуполе', 'Mariupol'],
    ['Макеевка', 'Makiivka'],
    ['Горловке', 'Horlivka'],
    ['Голиковой', 'Golikova'],
    ['Щукина', 'Shchukin'],
  ])('%s ~ %s', (cyrillic, latin) => {
    expect(nameKey(cyrillic, rules)).toBe(nameKey(latin, rules));
  });

  it.each([
    ['Мурашко', 'Мурманск'],
    ['Пасечник', 'Пащенко'],
  ])('%s differs from %s', (a, b) => {
    expect(nameKey(a, rules)).not.toBe(nameKey(b, rules));
  });

  it('transliterates by the table', () => {
    expect(transliterate('Щёлково', rules)).toBe('shchelkovo');
    expect(transliterate('Мінск', rules)).toBe('minsk');
  });
});

describe('storyFeatures', () => {
  const features = (title: string, summary = '') => [...storyFeatures({ title, summary }, rules).features.keys()];
  it.each([
    ['1,5 тысячи пациентов', '1,500 patients', 'n:1500'],
    ['2,3 млрд рублей', '2.3 billion roubles', 'n:2300000000'],
    ['триллион рублей', 'one trillion roubles', 'n:1000000000000'],
    ['вырос на 20%', 'up 20 percent', 'n:20'],
    ['6 февраля', 'on February 6', 'd:6.2'],
    ['150 000 доз', '150,000 doses', 'n:150000'],
    ['постановление от 5.12.2005', 'decree of 05.12.2005', 'd:5.12'],
  ])('%s and %s share %s', (russian, english, key) => {
    expect(features(russian)).toContain(key);
    expect(features(english)).toContain(key);
  });

  it.each([
    ['3.9 per 1,000 live births', 'n:1000', 'smallNumber'],
    ['100 % охват', 'n:100', 'smallNumber'],
    ['в 10 000 семей', 'n:10000', 'smallNumber'],
    ['1000 рублей', 'n:1000', 'smallNumber'],
    ['150 врачей', 'n:150', 'number'],
    ['1 000 000 рублей', 'n:1000000', 'smallNumber'],
    ['1 млн рублей', 'n:1000000', 'smallNumber'],
    ['2 млн рублей', 'n:2000000', 'smallNumber'],
    ['12 млн рублей', 'n:12000000', 'number'],
  ])('"%s": %s is a %s', (text, key, type) => {
    expect(storyFeatures({ title: text, summary: '' }, rules).features.get(key)).toBe(type);
  });

  it.each([
    ['Врачам помогла Тверская область', 'Doctors get help from the Tver region'],
    ['Строители из Калининградской области', 'builders from Kaliningrad'],
  ])('a place adjective (%s) and its place (%s) share a name', (russian, english) => {
    const russianKeys = features(russian).filter((key) => key.startsWith('p:'));
    expect(features(english).filter((key) => russianKeys.includes(key))).not.toEqual([]);
  });

  it('does not make a place of a common adjective', () => {
    expect(features('Новая поликлиника', 'в городе открылась Детская больница').filter((key) => key.startsWith('p:'))).not.toContain(`p:${nameKey('дет', rules)}`);
  });

  it('reads a date in figures as a date, not as a number', () => {
    expect(features('N 729 от 5.12.2005 г.').filter((key) => key.startsWith('n:'))).toEqual(['n:729']);
    expect(features('рост на 1.5 процента, 2.3 млрд')).toEqual(expect.arrayContaining(['n:1.5', 'n:2300000000']));
  });

  it('keeps "2023 год, 150 врачей" as two numbers', () => {
    const keys = features('В 2023 году 150 врачей');
    expect(keys).toContain('n:150');
    expect(keys).not.toContain('n:2023150');
  });

  it('treats a capitalised sentence start as a name only when the batch uses it as one', () => {
    const { features: mid, initialNames } = storyFeatures({ title: 'Документ подписан', summary: 'Министр Пасечник подписал.' }, rules);
    expect(initialNames.has(`p:${nameKey('Документ', rules)}`)).toBe(true);
    expect(mid.get(`p:${nameKey('Пасечник', rules)}`)).toBe('name');
  });
});

const item = (id: string, title: string, summary: string, publishedAt: string | null, extra: Partial<StoryItem> = {}): StoryItem => ({
  id,
  title,
  summary,
  language: /[а-яё]/i.test(title) ? 'ru' : 'en',
  publishedAt,
  ...extra,
});

// Pairs written for this test: the same event in Russian and in English, and
// similar items that are different events.
const batch: StoryItem[] = [
  item(
    'r1',
    'Мурашко и Пасечник обсудили развитие медицины в Луганске',
    'Министр здравоохранения России пообещал увеличить финансирование и поставить в больницы ЛНР 35 томографов.',
    '2026-03-02T09:00:00Z',
  ),
  item(
    'e1',
    'Murashko pledges 35 scanners for Luhansk hospitals',
    'Russian health minister Mikhail Murashko met LPR head Leonid Pasechnik to discuss more funding.',
    '2026-03-02T17:30:00Z',
  ),
  item(
    'r2',
    'В Мурманской области за два года появились 195 новых врачей',
    'Выплаты по программе «Земский доктор» получили 43 специалиста в Мурманске; на ремонт больниц направили 3,6 млрд рублей.',
    '2026-03-03T08:00:00Z',
  ),
  item(
    'e2',
    '195 doctors moved to Murmansk region in two years',
    'Payments helped bring physicians to the Arctic region, 43 of them to the city; 3.6 billion roubles went into repairs.',
    '2026-03-03T12:00:00Z',
  ),
  // Same topic, different events: two ambulance deliveries in different regions and numbers.
  item('r3', 'Луганские подстанции получили 25 машин скорой помощи', 'Автомобили вручила министр здравоохранения Пащенко.', '2026-03-04T08:00:00Z'),
  item('r4', 'Челябинская область закупила 12 машин скорой помощи', 'Автомобили распределят по районам Южного Урала.', '2026-03-04T10:00:00Z'),
  item('r5', 'Синоптики обещают снегопад в Заполярье', 'Водителей просят не выезжать на трассу.', '2026-03-04T11:00:00Z'),
];

describe('groupStories', () => {
  const groups = groupStories(batch, rules);

  it('maps every item, to itself when alone', () => {
    expect([...groups.keys()].sort()).toEqual(batch.map((entry) => entry.id).sort());
    for (const id of ['r3', 'r4', 'r5']) expect(groups.get(id)).toBe(id);
  });

  it('groups the same event told in Russian and in English under the earliest item', () => {
    expect(groups.get('r1')).toBe('r1');
    expect(groups.get('e1')).toBe('r1');
    expect(groups.get('r2')).toBe('r2');
    expect(groups.get('e2')).toBe('r2');
  });

  it('does not group similar items about different events', () => {
    expect(groups.get('r3')).not.toBe(groups.get('r4'));
  });

  it('does not group the same text more than the time window apart', () => {
    const far = [batch[0]!, { ...batch[1]!, publishedAt: '2026-03-20T10:00:00Z' }];
    expect(groupStories(far, rules).get('e1')).toBe('e1');
  });

  it('takes the earliest by date, undated items counting as latest', () => {
    const reordered = [{ ...batch[1]!, publishedAt: null }, batch[0]!];
    expect(groupStories(reordered, rules).get('e1')).toBe('r1');
    const englishFirst = [{ ...batch[1]!, publishedAt: '2026-03-01T10:00:00Z' }, batch[0]!];
    expect(groupStories(englishFirst, rules).get('r1')).toBe('e1');
  });

  it('groups items with the same link or guid whatever their text', () => {
    const linked = [
      item('a', 'Первый заголовок', 'Текст', '2026-01-01T00:00:00Z', { link: 'https://www.example.ru/news/1/?utm_source=rss' }),
      item('b', 'Другой заголовок', 'Иной текст', '2026-01-02T00:00:00Z', { link: 'http://example.ru/news/1' }),
      item('c', 'Третий', 'Текст', '2026-01-03T00:00:00Z', { guid: 'feed:42' }),
      item('d', 'Четвертый', 'Текст', '2026-01-04T00:00:00Z', { guid: 'feed:42' }),
    ];
    const result = groupStories(linked, rules);
    expect(result.get('b')).toBe('a');
    expect(result.get('d')).toBe('c');
    expect(result.get('c')).toBe('c');
  });

  it('explains a pair by its shared features', () => {
    const pair = storyPairs(batch, rules).find((entry) => entry.a === 'r2' || entry.b === 'r2')!;
    expect(pair.shared).toContain('n:195');
    expect(pair.similarity).toBeGreaterThanOrEqual(rules.settings.threshold);
  });

  it('groups 10,000 items in a few seconds', () => {
    const towns = ['Мурманске', 'Луганске', 'Донецке', 'Челябинске', 'Минске', 'Апатитах', 'Мариуполе', 'Магнитогорске'];
    const topics = ['открылась поликлиника', 'отремонтировали больницу', 'начали прививать от гриппа', 'приехали врачи'];
    const many: StoryItem[] = Array.from({ length: 10_000 }, (_, index) => ({
      id: `x${index}`,
      title: `В ${towns[index % towns.length]} ${topics[index % topics.length]}`,
      summary: `Работы обошлись в ${100 + (index % 997)} млн рублей, сообщил ${['Иванов', 'Петров', 'Сидоров'][index % 3]}.`,
      language: 'ru',
      publishedAt: new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString(),
    }));
    const start = performance.now();
    const result = groupStories(many, rules);
    expect(result.size).toBe(10_000);
    expect(performance.now() - start).toBeLessThan(15_000);
  });
});

describe('canonicalLink', () => {
  it.each([
    ['https://www.example.ru/a/b/', 'example.ru/a/b'],
    ['http://example.ru/a/b?utm_source=x&id=3', 'example.ru/a/b?id=3'],
    ['https://example.ru/a#comments', 'example.ru/a'],
    ['not a url', 'not a url'],
  ])('%s → %s', (link, canonical) => {
    expect(canonicalLink(link)).toBe(canonical);
  });
});
