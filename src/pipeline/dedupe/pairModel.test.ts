import { describe, expect, it } from 'vitest';
import { candidatePairs, groupStories, type StoryItem } from './groupStories.ts';
import { fitStoryPairModel, PAIR_FEATURES, pairProbability, type StoryPairModel } from './pairModel.ts';
import { defaultStoryRules } from './storyRules.ts';

const rules = defaultStoryRules();
const item = (id: string, title: string, summary: string, extra: Partial<StoryItem> = {}): StoryItem => ({
  id,
  title,
  summary,
  language: /[а-я]/i.test(title) ? 'ru' : 'en',
  publishedAt: null,
  ...extra,
});
const input = (name: (typeof PAIR_FEATURES)[number]) => PAIR_FEATURES.indexOf(name);

describe('pair inputs', () => {
  it('flags two reports that give figures and share none', () => {
    const pairs = candidatePairs([
      item('a', 'Норникель передал Мончегорску восемь машин скорой помощи', 'Автомобили стоят 96 млн рублей.'),
      item('b', 'Норникель передал Мончегорску машины скорой помощи', 'На покупку ушло 41 млн рублей.'),
    ], rules);
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.inputs[input('numberConflict')]).toBe(1);
    expect(pairs[0]!.inputs[input('crossLanguage')]).toBe(0);
  });

  it('compares the tags the items carry', () => {
    const pairs = candidatePairs([
      item('a', 'В Луганске открыли центр гемодиализа на 24 места', 'Пациенты больше не ездят в Ростов.', { topics: ['access-quality', 'infrastructure'], regions: ['luhansk'] }),
      item('b', 'Luhansk opens a 24-place dialysis centre', 'Patients no longer travel to Rostov.', { topics: ['infrastructure'], regions: ['luhansk'] }),
    ], rules);
    expect(pairs[0]!.inputs[input('topicOverlap')]).toBeCloseTo(0.5);
    expect(pairs[0]!.inputs[input('regionOverlap')]).toBe(1);
    expect(pairs[0]!.inputs[input('crossLanguage')]).toBe(1);
  });
});

describe('fitStoryPairModel', () => {
  it('learns a rule that separates the examples, and is deterministic', () => {
    const examples = Array.from({ length: 40 }, (_, index) => {
      const same = index % 4 === 0;
      const inputs = new Float64Array(PAIR_FEATURES.length);
      inputs[input('anchors')] = same ? 6 + (index % 3) : index % 3;
      inputs[input('numberConflict')] = same ? 0 : index % 2;
      return { inputs, same };
    });
    const options = { l2: 0.01, iterations: 800, threshold: 0.5, linkThreshold: 0.5 };
    const model = fitStoryPairModel(examples, options);
    expect(fitStoryPairModel(examples, options)).toEqual(model);
    for (const { inputs, same } of examples) expect(pairProbability(model, inputs) >= 0.5).toBe(same);
    expect(model.weights[input('anchors')]).toBeGreaterThan(0);
  });
});

describe('grouping with a pair model', () => {
  // A model that trusts shared anchors (numbers, names, dates) alone.
  const anchorsOnly: StoryPairModel = {
    features: [...PAIR_FEATURES],
    bias: -4,
    weights: PAIR_FEATURES.map((name) => (name === 'anchors' ? 1 : 0)),
    threshold: 0.5,
    linkThreshold: 0.5,
  };
  it('joins two reports of one event', () => {
    const groups = groupStories([
      item('ru', 'В Кандалакшском заливе со льдины сняли 23 рыбаков', 'Спасатели Кандалакши работали шесть часов.'),
      item('en', 'Rescuers bring 23 ice fishermen ashore near Kandalaksha', 'The operation took six hours.'),
    ], { ...rules, pairModel: anchorsOnly });
    expect(groups.get('en')).toBe('ru');
  });

  it('does not chain two events through a report that shares a name with each', () => {
    const groups = groupStories([
      item('a', 'Текслер открыл в Миассе поликлинику на 500 посещений', 'Здание построили за 14 месяцев за 610 млн рублей.'),
      item('b', 'Текслер: в Миассе построят поликлинику на 500 посещений и откроют 14 ФАПов', 'Губернатор также пообещал новый роддом в Копейске за 2,3 млрд рублей.'),
      item('c', 'Роддом в Копейске обойдется в 2,3 млрд рублей', 'Проект прошел экспертизу, стройка начнется весной.'),
    ], { ...rules, pairModel: { ...anchorsOnly, linkThreshold: 0.6 } });
    const heads = new Set(groups.values());
    expect(groups.get('a')).not.toBe(groups.get('c'));
    expect(heads.size).toBeGreaterThanOrEqual(2);
  });
});
