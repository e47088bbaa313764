import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type DetectedLanguage, type Language } from '../model.ts';
import { detectLanguage } from './detectLanguage.ts';
import { CYRILLIC_LANGUAGES, lowerCode, profileText } from './profile.ts';
import rules from './rules.json' with { type: 'json' };

type Case = {
  name: string;
  title: string;
  summary?: string;
  declared?: Language | null;
  expected: DetectedLanguage;
  /** Expected start of `method`, when the route matters to the case. */
  method?: string;
};

const detect = (c: Case) => detectLanguage({ title: c.title, summary: c.summary ?? '' }, c.declared ?? null);

const cases: Case[] = [
  // Short Russian titles, no declared language.
  { name: 'ru short, ы', title: 'Новые аппараты МРТ поступили в Луганск', expected: 'ru', method: 'script:ru-letters' },
  { name: 'ru short, ё only', title: 'Приём у педиатра перенесли', expected: 'ru' },
  { name: 'ru short, no ы/э/ъ/ё', title: 'Губернатор посетил больницу', expected: 'ru' },
  { name: 'ru short, no ы/э/ъ/ё, function word от', title: 'Вакцинация от гриппа стартует в Донецке', expected: 'ru' },
  { name: 'ru short, Minsk subject', title: 'Минздрав Беларуси сообщил о снижении заболеваемости', expected: 'ru' },
  // Short English titles.
  { name: 'en short', title: 'Flu season starts early in the Urals', expected: 'en', method: 'script:latin' },
  { name: 'en short, no function words', title: 'Luhansk hospital gets new scanners', expected: 'en' },
  { name: 'en two words', title: 'Measles returns', expected: 'en' },
  // Ukrainian vs Russian.
  { name: 'uk with і only', title: 'У Харкові відкрили центр реабілітації для військових', expected: 'uk', method: 'script:uk-letters' },
  { name: 'uk with і only, short', title: 'МОЗ оновив перелік безоплатних ліків', expected: 'uk' },
  { name: 'uk with ї', title: 'Київська лікарня отримала нове обладнання', expected: 'uk', method: 'script:uk-letters' },
  { name: 'uk with є and apostrophe', title: "В Україні з'явиться електронний рецепт", expected: 'uk' },
  { name: 'uk with ʼ (U+02BC) apostrophe', title: 'Міністерство охорони здоровʼя', expected: 'uk' },
  { name: 'uk typed with Latin i', title: 'Мiнiстерство охорони здоров’я оновило протокол лiкування', expected: 'uk' },
  { name: 'uk і only vs be: function word та', title: 'Нові лікарні та поліклініки', expected: 'uk' },
  // Belarusian vs Russian (and Ukrainian).
  { name: 'be with ў', title: 'Сёлета ў Гродне адкрыюць новы дзіцячы шпіталь', expected: 'be', method: 'script:be-letters' },
  { name: 'be without ў: і with ы', title: 'У Віцебску адкрылі новую паліклініку', expected: 'be' },
  { name: 'be without ў', title: 'Беларускія медыкі атрымалі новыя машыны хуткай дапамогі', expected: 'be' },
  { name: 'be without ў or і', title: 'Вакцынацыю супраць адзёру працягнуць да канца года', expected: 'be' },
  // Mixed scripts: the dominant script of the letters decides.
  { name: 'ru with Latin brand', title: 'Компания Pfizer зарегистрировала в России новый препарат', expected: 'ru' },
  { name: 'ru with COVID-19', title: 'Заболеваемость COVID-19 в Мурманской области снизилась', expected: 'ru' },
  { name: 'ru led by Latin words', title: 'Apple Watch помогли челябинским кардиологам выявить аритмию', expected: 'ru' },
  {
    name: 'en with a Russian name in Cyrillic',
    title: 'Governor Андрей Чибис opens a children’s clinic in Murmansk',
    summary: 'The new building will serve about 12,000 children, the regional government said.',
    expected: 'en',
  },
  // Nothing to detect.
  { name: 'empty', title: '', expected: 'und', method: 'und:no-letters' },
  { name: 'whitespace', title: '  \n ', summary: '\t', expected: 'und', method: 'und:no-letters' },
  { name: 'digits', title: '2024', summary: '12:30 — 15%', declared: 'ru', expected: 'und', method: 'und:no-letters' },
  { name: 'Chinese', title: '新冠疫苗接种工作继续推进', expected: 'und', method: 'und:script-other' },
  { name: 'Latin acronym alone', title: 'COVID-19', declared: 'ru', expected: 'und', method: 'und:too-short' },
  {
    name: 'German',
    title: 'Der Gesundheitsminister besuchte heute das neue Krankenhaus',
    summary: 'Dort sprach er mit den Ärzten über die Versorgung auf dem Land.',
    expected: 'und',
    method: 'und:latin-not-english',
  },
  // The declared language as a prior.
  { name: '2-word ru/uk title, declared uk', title: 'Ремонт завершено', declared: 'uk', expected: 'uk', method: 'declared:short' },
  { name: '2-word ru/uk title, declared ru', title: 'Ремонт завершено', declared: 'ru', expected: 'ru', method: 'declared:short' },
  { name: '2-word uk/be title, declared be', title: 'Лекі падаражалі', declared: 'be', expected: 'be', method: 'declared:short' },
  { name: 'declared en, Russian title with ы', title: 'Новые больницы', declared: 'en', expected: 'ru' },
  { name: 'declared en, Russian title without ы', title: 'Губернатор посетил больницу', declared: 'en', expected: 'ru' },
  { name: 'declared ru, short Ukrainian title', title: 'Лікарі Києва', declared: 'ru', expected: 'uk', method: 'script:uk-letters' },
  { name: 'declared ru, English title', title: 'Chelyabinsk clinic installs new MRI', declared: 'ru', expected: 'en' },
  { name: 'declared en, 2-word English title', title: 'Measles returns', declared: 'en', expected: 'en', method: 'declared:short' },
  // The title alone would be ambiguous; the summary decides.
  { name: 'uk title + summary', title: 'Ремонт завершено', summary: 'Лікарня знову приймає пацієнтів.', expected: 'uk' },
  { name: 'ru title + summary', title: 'Ремонт завершено', summary: 'Больница снова принимает пациентов.', expected: 'ru' },
];

describe('detectLanguage', () => {
  it.each(cases)('$name → $expected', (c) => {
    const result = detect(c);
    expect(result.language).toBe(c.expected);
    if (c.method !== undefined) expect(result.method.startsWith(c.method), result.method).toBe(true);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('lets the declared language change the answer only where the letters allow it', () => {
    // Valid Russian and Ukrainian; и rules out Belarusian, the script rules out English.
    const title = 'Ремонт завершили';
    const answers = new Set(LANGUAGES.map((declared) => detectLanguage({ title, summary: '' }, declared).language));
    expect(answers).toEqual(new Set(['ru', 'uk']));
  });

  it('gives und a confidence of 0 and a language a confidence above 0', () => {
    expect(detectLanguage({ title: '', summary: '' }, null).confidence).toBe(0);
    expect(detectLanguage({ title: 'Новые больницы', summary: '' }, null).confidence).toBeGreaterThan(0.5);
  });

  it('reads only a bounded prefix of very long text', () => {
    const russian = 'Новые больницы открылись в регионе. '.repeat(40);
    const result = detectLanguage({ title: 'Новости', summary: russian + 'The rest is English. '.repeat(5000) }, null);
    expect(result.language).toBe('ru');
  });
});

describe('profileText', () => {
  it('counts a Latin i inside a Cyrillic word as Cyrillic і', () => {
    const profile = profileText('лiкар');
    expect(profile).toMatchObject({ cyrillic: 5, latin: 0 });
    expect(profile.foreign.ru).toBe(1);
  });

  // The scan lower-cases by char code to find function words without slicing; it must agree with toLowerCase.
  it('lower-cases letters as String.prototype.toLowerCase does, or leaves them to it', () => {
    let known = 0;
    for (let code = 0; code <= 0x52f; code++) {
      const lower = lowerCode(code);
      if (lower < 0) continue;
      known++;
      expect(String.fromCharCode(lower), `U+${code.toString(16)}`).toBe(String.fromCharCode(code).toLowerCase());
    }
    // ASCII and Latin-1 letters, the Cyrillic core and most of its extension.
    expect(known).toBeGreaterThan(250);
  });

  it.each([
    ['И в Мурманске, и в Луганске', 'ru', 2],
    ['ЩО ВІДОМО ПРО ВАКЦИНУ', 'uk', 1],
    ['Што трэба ведаць пра грып', 'be', 2],
    ['THE Minister and the Governor', 'en', 3],
    ['Où est la clinique pour les enfants', 'otherLatin', 3],
  ] as const)('finds function words in any case: %s', (text, language, count) => {
    expect(profileText(text).functionWords[language]).toBe(count);
  });

  it('counts an in-word apostrophe against Russian only', () => {
    const profile = profileText("здоров'я");
    expect(profile.foreign).toEqual({ ru: 1, uk: 0, be: 0 });
    expect(profileText("O'Brien").foreign).toEqual({ ru: 0, uk: 0, be: 0 });
  });
});

describe('rules.json', () => {
  it('never lists a letter as both foreign to a language and one of its markers', () => {
    for (const language of CYRILLIC_LANGUAGES) {
      const foreign = new Set(rules.foreignLetters[language]);
      for (const group of rules.markers[language]) {
        for (const letter of group.letters) expect(foreign.has(letter), `${language}: ${letter}`).toBe(false);
      }
    }
  });

  it('keeps the function-word lists distinct between languages', () => {
    const lists = Object.entries(rules.functionWords).filter(([key]) => !key.startsWith('$')) as [string, string[]][];
    const seen = new Map<string, string>();
    for (const [language, words] of lists) {
      for (const word of words) {
        expect(seen.get(word), `${word} in ${language}`).toBeUndefined();
        seen.set(word, language);
      }
    }
  });
});

type LabelledItem = { title: string; summary: string; lang: DetectedLanguage; declared?: Language | null };

function readJsonLines(path: string): LabelledItem[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledItem);
}

/** Accuracy and a `true->detected` confusion count over labelled items. */
function score(items: LabelledItem[], declaredOf: (item: LabelledItem, index: number) => Language | null) {
  const confusions: Record<string, number> = {};
  let correct = 0;
  items.forEach((item, index) => {
    const detected = detectLanguage(item, declaredOf(item, index)).language;
    if (detected === item.lang) correct++;
    else confusions[`${item.lang}->${detected}`] = (confusions[`${item.lang}->${detected}`] ?? 0) + 1;
  });
  return { accuracy: correct / items.length, confusions };
}

describe('labelled cases (testdata/lang-cases.jsonl)', () => {
  const items = readJsonLines(fileURLToPath(new URL('./testdata/lang-cases.jsonl', import.meta.url)));

  it('holds about 40 cases over all four languages and und', () => {
    expect(items.length).toBeGreaterThanOrEqual(40);
    expect(new Set(items.map((item) => item.lang))).toEqual(new Set([...LANGUAGES, 'und']));
  });

  it.each(items.map((item) => [item.title || '(empty)', item] as const))('%s', (_title, item) => {
    expect(detectLanguage(item, item.declared ?? null).language).toBe(item.lang);
  });
});

const devPath = fileURLToPath(new URL('../../../../shared/eval/dev.jsonl', import.meta.url));

describe.skipIf(!existsSync(devPath))('shared dev set (../shared/eval/dev.jsonl)', () => {
  it('labels at least 97% correctly with no declared language', () => {
    const { accuracy, confusions } = score(readJsonLines(devPath), () => null);
    expect(accuracy, JSON.stringify(confusions)).toBeGreaterThanOrEqual(0.97);
  });

  it('labels at least 97% correctly with the true language declared for half', () => {
    const { accuracy, confusions } = score(readJsonLines(devPath), (item, index) =>
      index % 2 === 0 && item.lang !== 'und' ? item.lang : null,
    );
    expect(accuracy, JSON.stringify(confusions)).toBeGreaterThanOrEqual(0.97);
  });
});
