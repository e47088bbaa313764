import { describe, expect, it } from 'vitest';
import { fitRegionModel, REGION_FEATURES, regionInputs, regionModelSchema, regionProbabilities, type RegionCandidate } from './regionModel.ts';

const REGIONS = ['luhansk', 'donetsk', 'federal'];
const feature = (inputs: readonly number[], name: (typeof REGION_FEATURES)[number]) => inputs[REGION_FEATURES.indexOf(name)]!;

// "Луганский драмтеатр открыл сезон... гастроли в Донецке": Luhansk in the
// title, Donetsk once in the summary, in passing.
const passing: RegionCandidate[] = [
  { id: 'luhansk', score: 6, evidence: [{ term: 'луганск', field: 'title', weight: 6, matched: 'Луганский' }] },
  { id: 'donetsk', score: 3, evidence: [{ term: 'донецк', field: 'summary', weight: 3, matched: 'Донецке' }] },
  { id: 'federal', score: 0, evidence: [] },
];
// "Челябинская область передала Ясиноватской больнице ИВЛ": both in the title.
const both: RegionCandidate[] = [
  { id: 'luhansk', score: 0, evidence: [] },
  { id: 'donetsk', score: 5, evidence: [{ term: 'ясиноватский', field: 'title', weight: 5, matched: 'Ясиноватской' }] },
  { id: 'federal', score: 4, evidence: [{ term: 'федеральный бюджет', field: 'title', weight: 4, matched: 'федерального бюджета' }] },
];

// "Пациенты из ЛНР прошли лечение в Челябинске": Luhansk is where the patients come from.
const origin: RegionCandidate[] = [
  { id: 'luhansk', score: 6, evidence: [{ term: 'лнр', field: 'title', weight: 6, matched: 'ЛНР' }] },
  { id: 'chelyabinsk', score: 6, evidence: [{ term: 'челябинск', field: 'title', weight: 6, matched: 'Челябинске' }] },
];
const originContext = { title: 'Пациенты из ЛНР прошли лечение в Челябинске', summary: '', titleBoost: 2, originWords: ['из', 'from'] };
// "В России впервые...": federal named by one weak sign in the title, and by a strong one in the summary.
const weakAndStrong: RegionCandidate[] = [
  { id: 'federal', score: 2, evidence: [{ term: 'в россии', field: 'title', weight: 2, matched: 'в России' }] },
  { id: 'donetsk', score: 5.5, evidence: [{ term: 'днр', field: 'title', weight: 6 }, { term: 'федеральный центр', field: 'summary', weight: -0.5 }] },
];

describe('regionInputs', () => {
  it.each([
    ['the region named in the title', passing, 0, { title: Math.log1p(6), summary: 0, top: 1, shareOfTop: 1, otherInTitle: 0, others: 1 / 3 }],
    ['a region named only in the summary beside one in the title', passing, 1, { title: 0, summary: Math.log1p(3), top: 0, shareOfTop: 0.5, otherInTitle: 1 }],
    ['federal beside a region', both, 1, { federalBeside: 1, otherInTitle: 0, top: 0 }],
  ] as const)('%s', (_, candidates, index, expected) => {
    const inputs = regionInputs(candidates)[index]!;
    for (const [name, value] of Object.entries(expected)) expect(feature(inputs, name as (typeof REGION_FEATURES)[number])).toBeCloseTo(value, 6);
  });

  it.each([
    ['a place after a word of origin', origin, originContext, 0, { origin: 1, strongest: 1 }],
    ['the place where the news happens', origin, originContext, 1, { origin: 0, strongest: 1 }],
    ['a place named by a weak sign, title boost taken off', weakAndStrong, { ...originContext, title: 'В России впервые' }, 0, { strongest: 1 / 3, origin: 0 }],
    ['negative evidence is not the strongest term', weakAndStrong, originContext, 1, { strongest: 1, against: 0.5 }],
    ['no context: no origin read, title weight as written', origin, undefined, 0, { origin: 0, strongest: 1 }],
  ] as const)('%s', (_, candidates, context, index, expected) => {
    const inputs = regionInputs(candidates, 0, context)[index]!;
    for (const [name, value] of Object.entries(expected)) expect(feature(inputs, name as (typeof REGION_FEATURES)[number])).toBeCloseTo(value, 6);
  });

  it('leaves out regions without a score', () => {
    expect(regionInputs(passing)).toHaveLength(2);
    expect(regionInputs([{ id: 'federal', score: 0, evidence: [] }])).toEqual([]);
  });
});

describe('fitRegionModel', () => {
  const noText = { title: '', summary: '', titleBoost: 1, originWords: [] };
  // Items named in the title are about the region; a second region named only
  // in the summary is not; a region named alone in the summary is.
  const items = [
    ...Array.from({ length: 20 }, () => ({ candidates: passing, regions: ['luhansk'], context: noText })),
    ...Array.from({ length: 20 }, () => ({ candidates: [passing[1]!], regions: ['donetsk'], context: noText })),
  ];
  const model = fitRegionModel(items, REGIONS, { l2: 0.001, iterations: 400, threshold: 0.5, minScore: 2 });

  it('keeps the region of the title and drops the one named in passing', () => {
    const [luhansk, donetsk] = regionProbabilities(model, passing);
    expect(luhansk).toBeGreaterThan(0.5);
    expect(donetsk).toBeLessThan(0.5);
  });

  it('keeps a region the summary names alone', () => {
    expect(regionProbabilities(model, [passing[1]!])[0]).toBeGreaterThan(0.5);
  });

  it('does not take one weak word for a place', () => {
    const weak: RegionCandidate = { id: 'donetsk', score: 0.5, evidence: [{ term: 'шахтер', field: 'summary', weight: 0.5 }] };
    expect(regionProbabilities(model, [weak])).toEqual([]);
  });

  it('drops a region named only after a word of origin when the training items do', () => {
    const fromItems = [
      ...Array.from({ length: 20 }, () => ({ candidates: origin, regions: ['chelyabinsk'], context: originContext })),
      ...Array.from({ length: 20 }, () => ({ candidates: [origin[0]!], regions: ['luhansk'], context: { ...originContext, title: 'В ЛНР открыли больницу' } })),
    ];
    const fitted = fitRegionModel(fromItems, ['luhansk', 'chelyabinsk'], { l2: 0.001, iterations: 400, threshold: 0.5, minScore: 2 });
    const [luhansk, chelyabinsk] = regionProbabilities(fitted, origin, originContext);
    expect(luhansk).toBeLessThan(0.5);
    expect(chelyabinsk).toBeGreaterThan(0.5);
  });

  it('writes a model its schema accepts, and the schema names what is wrong', () => {
    expect(regionModelSchema.safeParse(model).success).toBe(true);
    const broken = regionModelSchema.safeParse({ ...model, bias: [0] });
    expect(broken.success).toBe(false);
    expect(broken.error?.issues[0]?.path).toEqual(['bias']);
  });
});
