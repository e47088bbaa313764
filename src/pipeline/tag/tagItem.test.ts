import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTagRules } from './load.ts';
import { scoreItem, SOURCE_PRIOR_TERM, tagItem, type TagEvidence, type TagResult } from './tagItem.ts';

// The real rules of content/rules: these tests check the vocabularies editors ship.
const loaded = loadTagRules(new URL('../../../content/rules', import.meta.url).pathname);
if (!loaded.ok) throw new Error(loaded.error.message);
const rules = loaded.value;

const tag = (title: string, summary = '', sourceRegion: string | null = null): TagResult =>
  tagItem({ title, summary, language: 'und', sourceRegion }, rules);
const ids = (list: { id: string }[]) => list.map((entry) => entry.id);
/** The rules' part of the evidence (the learned layer adds words of its own, `kind: 'learned'`). */
const ruleEvidence = (evidence: TagEvidence[]) => evidence.filter((entry) => entry.kind !== 'learned');

type TaskCase = { top: string; title: string; summary: string };
const taskCases = (
  JSON.parse(readFileSync(new URL('./testdata/tasks.json', import.meta.url), 'utf8')) as { cases: TaskCase[] }
).cases;

describe('tasks: one table row per sentence, both languages', () => {
  it.each(taskCases)('$top: $title', ({ top, title, summary }) => {
    const result = tag(title, summary);
    expect(result.health).toBe(true);
    expect(result.tasks[0]?.id).toBe(top);
    expect(result.tasks.length).toBeLessThanOrEqual(3);
  });

  it('covers every task of the taxonomy in Russian and English', () => {
    const russian = new Set(taskCases.filter((c) => /[а-я]/i.test(c.title)).map((c) => c.top));
    const english = new Set(taskCases.filter((c) => /^[A-Za-z]/.test(c.title)).map((c) => c.top));
    expect([...russian].sort()).toEqual([...rules.taskIds].sort());
    expect([...english].sort()).toEqual([...rules.taskIds].sort());
  });

  it('gives two tasks when the text supports both', () => {
    const result = tag(
      'Врачам, переезжающим в село, выплатят по два миллиона рублей',
      'Выплаты по программе «Земский доктор» получат 20 специалистов; деньги выделит областной бюджет.',
    );
    expect(ids(result.tasks).sort()).toEqual(['financing', 'workforce']);
  });

  it('orders tasks by score and keeps confidence in 0..1', () => {
    const result = tag('В Кандалакше завершили капитальный ремонт поликлиники', 'На ремонт направили 90 млн рублей.');
    expect(result.tasks[0]!.id).toBe('infrastructure');
    for (const task of result.tasks) {
      expect(task.confidence).toBeGreaterThan(0);
      expect(task.confidence).toBeLessThanOrEqual(1);
    }
    const confidences = result.tasks.map((task) => task.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('gives no task to an item that is not health news', () => {
    expect(tag('На трассе начался ремонт моста', 'Водителей просят планировать поездки.').tasks).toEqual([]);
  });
});

describe('evidence', () => {
  it('names the term, the field and the weight, the title weighing titleBoost times more', () => {
    const inTitle = tag('Капитальный ремонт больницы', '');
    const inSummary = tag('Новости', 'Капитальный ремонт больницы');
    const titleEvidence = inTitle.tasks[0]!.evidence.find((entry) => entry.term === 'капитальный ремонт')!;
    const summaryEvidence = inSummary.tasks[0]!.evidence.find((entry) => entry.term === 'капитальный ремонт')!;
    expect(titleEvidence.field).toBe('title');
    expect(summaryEvidence.field).toBe('summary');
    expect(titleEvidence.weight).toBeCloseTo(summaryEvidence.weight * rules.settings.titleBoost);
  });

  it('counts a phrase once, not also the words inside it', () => {
    const result = tag('Пять врачей приехали по программе «Земский доктор»', '');
    const terms = ruleEvidence(result.tasks.find((task) => task.id === 'workforce')!.evidence).map((entry) => entry.term);
    expect(terms).toContain('земский доктор');
    expect(terms).not.toContain('земский');
  });

  it('counts a term once per item, in the field where it weighs most', () => {
    const result = tag('Вакцинация от гриппа', 'Вакцинация продлится месяц. Вакцинация бесплатна.');
    const vaccination = ruleEvidence(result.tasks[0]!.evidence).filter((entry) => entry.term === 'вакцинация');
    expect(vaccination).toHaveLength(1);
    expect(vaccination[0]!.field).toBe('title');
  });

  it('gives health evidence too', () => {
    const result = tag('Новая поликлиника открылась', '');
    expect(result.healthEvidence.map((entry) => entry.term)).toContain('поликлиника');
    expect(result.healthScore).toBeGreaterThanOrEqual(rules.settings.health.threshold);
  });
});

describe('verbs in -овать: the present and future match the rule written in the infinitive', () => {
  const termsOf = (result: TagResult) =>
    result.tasks.flatMap((task) => ruleEvidence(task.evidence).map((entry) => `${task.id}:${entry.term}:${entry.matched}`));
  it.each([
    ['В Луганске отремонтируют поликлинику', 'infrastructure:отремонтировать:отремонтируют'],
    ['Корпус больницы реконструируют к осени', 'infrastructure:реконструировать:реконструируют'],
    ['Область профинансирует ремонт ФАПов', 'financing:профинансировать:профинансирует'],
    ['Жителей отдаленных сел эвакуируют санавиацией в больницу', 'access-quality:эвакуировать:эвакуируют'],
  ])('%s', (title, expected) => {
    expect(termsOf(tag(title))).toContain(expected);
  });

  it('leaves short verbs alone, whose base is a noun form ("советовать", "совету")', () => {
    expect(termsOf(tag('Совету больницы представили план ремонта')).some((entry) => entry.includes('советовать'))).toBe(false);
  });
});

describe('advice columns: questions, "как + глагол", healthy living', () => {
  // The words of all tasks' rule evidence, learned decisions aside.
  const ruleTerms = (title: string, summary: string) =>
    scoreItem(title, summary, rules).evidence.flatMap((list) => list.map((entry) => entry.term));
  it.each([
    ['Закаляем горло', 'Несколько советов, как закалить горло зимой.', ['как + глагол', 'закалить', 'закаляться', 'советы']],
    ['Вздулся живот', '"Что поможет при вздутии живота? Чем надо питаться?" Екатерина, Орел', ['вопрос (?)']],
    ['Как не набрать лишний вес в праздники', 'Врач рассказывает о правильном питании.', ['как + глагол', 'лишний вес', 'правильное питание']],
  ])('%s', (title, summary, expected) => {
    expect(ruleTerms(title, summary)).toEqual(expect.arrayContaining(expected));
  });
});

describe('regions: case forms, aliases, both languages', () => {
  const cases: [string, string, string[]][] = [
    ['Врачи Мурманской области получат выплаты', 'nominative/genitive of the oblast', ['murmansk']],
    ['В Мурманске открылась поликлиника', 'locative of the city', ['murmansk']],
    ['Мурманские врачи прошли стажировку', 'adjective of the people', ['murmansk']],
    ['В Заполярье построят ФАП', 'Заполярье', ['murmansk']],
    ['Больницы Кольского полуострова получат оборудование', 'Кольский', ['murmansk']],
    ['Североморская больница', 'Североморск', ['murmansk']],
    ['Murmansk region buys ambulances', 'English', ['murmansk']],
    ['В ЛНР открыли больницу', 'ЛНР', ['luhansk']],
    ['Глава Луганской Народной Республики посетил больницу', 'full name, genitive', ['luhansk']],
    ['В Луганске отремонтировали поликлинику', 'в Луганске', ['luhansk']],
    ['Луганские медики прошли обучение', 'луганские', ['luhansk']],
    ['Hospital in Luhansk reopens', 'Luhansk', ['luhansk']],
    ['Lugansk clinic gets scanner', 'Lugansk', ['luhansk']],
    ['В Лисичанске восстановили роддом', 'Лисичанск', ['luhansk']],
    ['Южный Урал закупит машины скорой помощи', 'Южный Урал', ['chelyabinsk']],
    ['Южноуральцы прошли диспансеризацию', 'южноуральцы', ['chelyabinsk']],
    ['В Челябинской области открыли ФАП', 'Челябинской области', ['chelyabinsk']],
    ['Магнитогорская больница получила томограф', 'Магнитогорск', ['chelyabinsk']],
    ['Chelyabinsk cardiac centre marks anniversary', 'Chelyabinsk', ['chelyabinsk']],
    ['В ДНР стартовала вакцинация', 'ДНР', ['donetsk']],
    ['В Донецке открылся ожоговый центр', 'в Донецке', ['donetsk']],
    ['Мариупольская больница возобновила прием', 'Мариуполь', ['donetsk']],
    ['Donetsk republic reports fewer cases', 'Donetsk', ['donetsk']],
    ['Минздрав России утвердил порядок помощи', 'Минздрав России', ['federal']],
    ['Мурашко рассказал о нацпроекте', 'Мурашко', ['federal']],
    ["Russia's health ministry approves new rules", 'English ministry', ['federal']],
    ['В Минске открылся онкоцентр', 'Минск', ['belarus']],
    ['Мингорисполком запустил запись к врачу', 'Мингорисполком', ['belarus']],
    ['Белорусские врачи провели операцию', 'белорусские', ['belarus']],
    ['Minsk hospital opens a surgical wing', 'Minsk', ['belarus']],
    ['У Мінску адкрылася паліклініка', 'Belarusian', ['belarus']],
    ['Минздрав Мурманской области и Мингорисполком подписали соглашение', 'two regions', ['belarus', 'murmansk']],
    ['В Саратове открылась больница', 'a region not in the list', []],
    ['При минздраве Саратовской области заработал совет пациентов', 'a regional ministry is not federal', []],
    ['Свердловский минздрав опубликовал карту кабинетов УЗИ', 'a ministry named by its region', []],
    ['Краевой минздрав продлил прием заявок', 'краевой минздрав', []],
    ["Surgeons implant a heart pump, Tatarstan's health ministry said", "a region's health ministry", []],
    ['В Екатеринбурге впервые в России имплантировали систему кровообращения', 'a first in the country', []],
    ['В Углегорске открыли амбулаторию', 'a town of the DPR', ['donetsk']],
    ['Новопсковская больница получила рентген', 'a town of the LPR, as an adjective', ['luhansk']],
    ['В Алакуртти заработал ФАП', 'a village of the Kola peninsula', ['murmansk']],
    ['Карабашская больница закупила аппарат УЗИ', 'a town of the Chelyabinsk region', ['chelyabinsk']],
    ['Правительство Татарстана утвердило программу здравоохранения', 'the government of a region', []],
    ['Президент Татарстана поздравил медиков', 'the president of a republic', []],
    ['Закон Республики Татарстан о здравоохранении вступил в силу', 'a law of a republic', []],
    ['Правительство России утвердило программу здравоохранения', 'the government of Russia', ['federal']],
  ];
  it.each(cases)('%s (%s)', (title, _why, expected) => {
    expect(ids(tag(title).regions).sort()).toEqual(expected);
  });

  it('does not tag federal for an item that merely mentions Russia', () => {
    expect(ids(tag('Белорусские санатории ждут гостей из России', 'Путевки доступны и гражданам России.').regions)).toEqual([
      'belarus',
    ]);
  });

  it('does not tag federal for a federal centre that stands in a region', () => {
    expect(ids(tag('Федеральному кардиоцентру в Челябинске исполнилось 15 лет').regions)).toEqual(['chelyabinsk']);
  });
});

describe('the feed region is a prior', () => {
  it('stands in when the text names no region but reads as local news', () => {
    const result = tag('Областная больница продлила часы приема', '', 'murmansk');
    expect(ids(result.regions)).toEqual(['murmansk']);
    expect(result.regions[0]!.evidence.map((entry) => entry.term)).toContain(SOURCE_PRIOR_TERM);
  });

  it('does not stand in for text that is not local', () => {
    expect(ids(tag('Врачи советуют пить больше воды', '', 'murmansk').regions)).toEqual([]);
  });

  it('does not override a region the text names', () => {
    expect(ids(tag('В Донецке открылась поликлиника', '', 'murmansk').regions)).toEqual(['donetsk']);
  });

  it('is no prior for a federal feed, which also carries regional news', () => {
    expect(ids(tag('Областная больница продлила часы приема', '', 'federal').regions)).toEqual([]);
  });
});

describe('health relevance and non-health traps', () => {
  const health: [string, string][] = [
    ['В поликлинике открылся кабинет УЗИ', ''],
    ['Кардиохирурги провели сложную операцию', ''],
    ['Regional hospital opens a maternity ward', ''],
    ['Лікарня отримала новий апарат', 'Пацієнти зможуть пройти обстеження безкоштовно.'],
    ['Мінздраў заклікае прышчапіцца ад грыпу', 'У паліклініках ёсць вакцыны.'],
  ];
  it.each(health)('health: %s', (title, summary) => {
    expect(tag(title, summary).health).toBe(true);
  });

  const traps: [string, string, string][] = [
    ['санитарная рубка', 'В парке проведут санитарную рубку деревьев', 'Работы продлятся неделю, дорожки временно закроют.'],
    ['скорая помощь for drivers', 'Скорая техническая помощь для автомобилистов заработала на трассе', 'Эвакуатор приедет за 30 минут.'],
    ['nickname «Доктор»', 'Хоккеист по прозвищу «Доктор» продлил контракт', 'Нападающий забил 20 голов в сезоне.'],
    ['rescue helicopter', 'Вертолет МЧС спас туристов на перевале', 'Спасатели эвакуировали группу из пяти человек.'],
    ['hospitals in a heating season item', 'В городе стартовал отопительный сезон', 'Тепло первыми получат детские сады, школы и больницы.'],
    ['road to a hospital', 'Завершили ремонт дороги к районной больнице', 'Новый асфальт уложен, обновлены тротуары и освещение.'],
    ['sports team named after a medical word', '«Медик» обыграл соперников со счетом 3:1', 'Матч прошел на городском стадионе.'],
    ['public chamber', 'Сформирован новый состав Общественной палаты', 'Первое заседание пройдет через месяц.'],
    ['English rescue helicopter', 'Rescue helicopter lifts hikers from the mountains', 'Rescuers flew two missions in a snowstorm.'],
    ['weather', 'Синоптики обещают мороз', 'Жителей просят одеваться теплее.'],
  ];
  it.each(traps)('not health: %s', (_why, title, summary) => {
    const result = tag(title, summary);
    expect(result.health).toBe(false);
    expect(result.tasks).toEqual([]);
  });

  it('masks the words of a trap for every target', () => {
    const result = tag('Скорая техническая помощь для автомобилистов', '');
    expect(result.healthEvidence.some((entry) => entry.term === 'скорая помощь')).toBe(false);
  });
});

describe('purity', () => {
  it('gives the same answer twice', () => {
    const first = tag('Мурманская больница получила томограф', 'Закупку оплатил областной бюджет.');
    const second = tag('Мурманская больница получила томограф', 'Закупку оплатил областной бюджет.');
    expect(second).toEqual(first);
  });

  it('copes with empty text', () => {
    expect(tag('', '')).toEqual({ health: false, healthScore: 0, healthEvidence: [], tasks: [], regions: [] });
  });
});
