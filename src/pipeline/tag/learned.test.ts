import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileLearnedModel, rankBuckets, wordFeatures } from './learned.ts';
import { loadTagRules } from './load.ts';
import { tagItem } from './tagItem.ts';

const loaded = loadTagRules(new URL('../../../content/rules', import.meta.url).pathname);
if (!loaded.ok) throw new Error(loaded.error.message);
const rules = loaded.value;
const shipped = JSON.parse(readFileSync(new URL('../../../content/rules/model.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('model file', () => {
  it('is the model the rules load', () => {
    expect(rules.model).not.toBeNull();
    expect(rules.model!.json.targets).toEqual(['health', ...rules.taskIds]);
  });

  const broken: [string, (model: Record<string, unknown>) => unknown, RegExp][] = [
    ['a weight vector of the wrong length', (m) => ({ ...m, bias: (m.bias as number[]).slice(1) }), /model\.json: bias: has 15 entries, targets has 16/],
    ['a task the rules lack', (m) => ({ ...m, targets: [...(m.targets as string[]).slice(0, -1), 'astrology'] }), /no weights for task|astrology/],
    ['health not first', (m) => ({ ...m, targets: [...(m.targets as string[])].reverse() }), /targets\.0: must be "health"/],
    ['an unknown key', (m) => ({ ...m, extra: 1 }), /model\.json: \(root\)|extra/],
  ];
  it.each(broken)('rejects %s, naming the path', (_why, change, message) => {
    const result = compileLearnedModel(change(shipped), rules.taskIds);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('rules_invalid');
      expect(result.error.message).toMatch(message);
    }
  });
});

describe('inputs', () => {
  it('takes each stem once, at its title value, skipping numbers and short words', () => {
    const words = wordFeatures('Больница получила томограф', 'В больнице 2 томографа и 5 врачей', 1.5);
    const byStem = new Map(words.map((word) => [word.stem, word]));
    expect(byStem.get('больниц')).toMatchObject({ value: 1.5, field: 'title', word: 'больница' });
    expect(byStem.get('врач')).toMatchObject({ value: 1, field: 'summary' });
    expect(words.some((word) => /^\d/.test(word.stem) || word.stem.length < 3)).toBe(false);
  });

  it('ranks rule scores: best, second, third, lower, absent', () => {
    expect([...rankBuckets([5, 0, 3, 1, 0.5, 4])]).toEqual([0, 4, 2, 3, 3, 1]);
  });
});

describe('decisions of the shipped layer', () => {
  const tag = (title: string, summary: string) => tagItem({ title, summary, language: 'und', sourceRegion: null }, rules);

  const cases: [string, string, boolean, string | null][] = [
    ['В Мурманской областной больнице открыли новое отделение реанимации', 'Отделение на 12 коек оснастили аппаратами ИВЛ и мониторами.', true, 'infrastructure'],
    ['Врачам, переехавшим в Копейск, компенсируют аренду жилья', 'Администрация будет возмещать молодым специалистам до 20 тысяч рублей в месяц.', true, 'workforce'],
    ['Хакеры атаковали сайт городского театра', 'Программисты восстановили работу билетной системы за сутки.', false, null],
    ['Синоптики обещают метель в Заполярье', 'Водителей просят не выезжать на трассы без необходимости.', false, null],
  ];
  it.each(cases)('%s', (title, summary, health, top) => {
    const result = tag(title, summary);
    expect(result.health).toBe(health);
    expect(result.tasks[0]?.id ?? null).toBe(top);
  });

  it('shows the learned words as evidence beside the rules', () => {
    const result = tag('В Мурманской областной больнице открыли новое отделение реанимации', 'Отделение на 12 коек оснастили аппаратами ИВЛ.');
    const evidence = result.tasks[0]!.evidence;
    expect(evidence.some((entry) => entry.kind === 'learned' && entry.weight > 0)).toBe(true);
    expect(evidence.some((entry) => entry.kind === undefined)).toBe(true);
    expect(result.tasks[0]!.confidence).toBeGreaterThan(0.3);
  });

  it('suggests at most the selection maximum, best first', () => {
    const result = tag(
      'Правительство выделило 3 млрд рублей на строительство больниц и подготовку врачей',
      'Средства федерального бюджета пойдут на новые корпуса, оборудование и целевое обучение медиков.',
    );
    expect(result.tasks.length).toBeLessThanOrEqual(rules.model!.json.selection.maxTasks);
    const confidences = result.tasks.map((task) => task.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });
});
