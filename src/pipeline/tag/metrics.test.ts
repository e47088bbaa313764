import { describe, expect, it } from 'vitest';
import { duplicatePairScores, evaluate, scoresOf, type LabelledItem, type PredictedItem } from './metrics.ts';

describe('scoresOf', () => {
  it.each([
    [{ tp: 3, fp: 1, fn: 2 }, 0.75, 0.6, 6 / 9],
    [{ tp: 0, fp: 2, fn: 0 }, 0, 0, 0],
    [{ tp: 0, fp: 0, fn: 3 }, 0, 0, 0],
    [{ tp: 0, fp: 0, fn: 0 }, 1, 1, 1],
  ])('%j', (counts, precision, recall, f1) => {
    const scores = scoresOf(counts);
    expect(scores.precision).toBeCloseTo(precision);
    expect(scores.recall).toBeCloseTo(recall);
    expect(scores.f1).toBeCloseTo(f1);
  });
});

describe('duplicatePairScores', () => {
  it('counts pairs from group sizes', () => {
    // Gold: {a,b,c} one story (3 pairs), d and e alone.
    // Predicted: {a,b} and {c,d} (2 pairs): a-b right, c-d wrong.
    const scores = duplicatePairScores(['s1', 's1', 's1', null, null], ['a', 'a', 'c', 'c', 'e']);
    expect(scores.goldPairs).toBe(3);
    expect(scores.predictedPairs).toBe(2);
    expect(scores.tp).toBe(1);
    expect(scores.precision).toBeCloseTo(0.5);
    expect(scores.recall).toBeCloseTo(1 / 3);
    expect(scores.f1).toBeCloseTo(0.4);
  });

  it('is perfect when nothing is a duplicate and nothing is grouped', () => {
    expect(duplicatePairScores([null, null], ['a', 'b']).f1).toBe(1);
  });
});

describe('evaluate', () => {
  const gold: LabelledItem[] = [
    { id: '1', lang: 'ru', health: true, categories: ['infrastructure', 'financing'], regions: ['murmansk'], story: 's' },
    { id: '2', lang: 'en', health: true, categories: ['workforce'], regions: ['murmansk', 'belarus'], story: 's' },
    { id: '3', lang: 'uk', health: false, categories: [], regions: [], story: null },
    { id: '4', lang: 'ru', health: true, categories: ['policy'], regions: ['federal'], story: null },
  ];
  const predicted: PredictedItem[] = [
    { id: '1', lang: 'ru', health: true, categories: ['infrastructure'], regions: ['murmansk'], cluster: '1' },
    { id: '2', lang: 'en', health: true, categories: ['workforce', 'financing'], regions: ['murmansk'], cluster: '1' },
    { id: '3', lang: 'ru', health: true, categories: ['access-quality'], regions: [], cluster: '3' },
    { id: '4', lang: 'ru', health: true, categories: ['financing'], regions: ['federal'], cluster: '1' },
  ];
  const taskIds = ['infrastructure', 'financing', 'workforce', 'policy', 'access-quality', 'research'];
  const report = evaluate(gold, predicted, taskIds, ['murmansk', 'belarus', 'federal']);

  it('computes task figures by hand', () => {
    // tp: infrastructure(1), workforce(2) = 2; fp: financing(2), access-quality(3), financing(4) = 3;
    // fn: financing(1), policy(4) = 2.
    expect(report.tasks.micro).toMatchObject({ tp: 2, fp: 3, fn: 2 });
    expect(report.tasks.micro.f1).toBeCloseTo(4 / 9);
    const financing = report.tasks.perTask.find((task) => task.id === 'financing')!;
    expect(financing).toMatchObject({ tp: 0, fp: 2, fn: 1, support: 1, f1: 0 });
    // Macro over the five tasks that occur (research never does): F1 1, 0, 1, 0, 0.
    expect(report.tasks.macro.f1).toBeCloseTo(2 / 5);
  });

  it('computes region, language and health figures by hand', () => {
    expect(report.regions.micro).toMatchObject({ tp: 3, fp: 0, fn: 1 });
    expect(report.regions.micro.f1).toBeCloseTo(6 / 7);
    expect(report.language).toEqual({ accuracy: 0.75, correct: 3, total: 4 });
    expect(report.health.accuracy).toBeCloseTo(0.75);
    expect(report.health.asLabel).toMatchObject({ tp: 3, fp: 1, fn: 0 });
  });

  it('computes duplicate pairs by hand', () => {
    // Gold pair 1-2; predicted cluster {1,2,4}: pairs 1-2, 1-4, 2-4.
    expect(report.duplicates).toMatchObject({ tp: 1, fp: 2, fn: 0, goldPairs: 1, predictedPairs: 3 });
  });

  it('lists the most confused task pairs', () => {
    // Item 1: missed financing, nothing added. Item 4: missed policy, added financing.
    expect(report.confusedTasks).toEqual([{ gold: 'policy', predicted: 'financing', count: 1 }]);
  });

  it('refuses a prediction set that misses an item (a bug in the caller)', () => {
    expect(() => evaluate(gold, predicted.slice(1), taskIds, [])).toThrow(/no prediction for 1/);
  });
});
