import { z } from 'zod';
import { fitLogistic } from '../dedupe/pairModel.ts';
import type { TagEvidence } from './tagItem.ts';

// The learned region decision (docs/tagging.md, "Regions"): the rules find
// every place an item names and score it; a small logistic model, fitted on
// labelled items by `npm run train`, decides from how and where a region is
// named whether the item is *about* it or names it in passing ("patients
// from regions from Murmansk to Vladivostok", "vaccine from federal stocks"
// in a Donetsk item). Its inputs are read off the rule evidence, so every
// region it keeps still carries the terms that named it.

/** Inputs of the region model for one candidate region of one item, in this order. */
export const REGION_FEATURES = [
  /** log1p of the region's score from the title. */
  'title',
  /** log1p of its score from the summary. */
  'summary',
  /** 1 when no other region scores higher. */
  'top',
  /** Its score over the best region's score. */
  'shareOfTop',
  /** 1 when another region is named in the title and this one is not. */
  'otherInTitle',
  /** Distinct terms that named it (at most 4), over 4. */
  'terms',
  /** The sum of its negative evidence ("федеральный центр" standing in a region), as a positive number. */
  'against',
  /** Other regions with a score, at most 3, over 3. */
  'others',
  /** 1 when the feed's region prior was added (its weight also counts in `summary`). */
  'prior',
  /** `federal` while another region is named: federal money or a federal body in a regional item. */
  'federalBeside',
  /**
   * The weight of its strongest term as the rule file gives it (the title's
   * boost taken off), over 3: a region named only by weak signs ("в России",
   * "закон", a minister's surname) is often not what the item is about.
   */
  'strongest',
  /**
   * Share of its evidence whose words follow a word of origin ("из ЛНР",
   * "от Мурманска до Владивостока", "from Minsk"): where people or goods
   * come from, not where the news happens.
   */
  'origin',
] as const;

const finite = z.number().finite();

export const regionModelSchema = z
  .object({
    features: z.array(z.enum(REGION_FEATURES)).length(REGION_FEATURES.length),
    /** Region ids; each has its own bias, in this order. */
    regions: z.array(z.string().min(1)).min(1),
    bias: z.array(finite),
    weights: z.array(finite).length(REGION_FEATURES.length),
    /**
     * Only regions whose rule score reaches this are candidates: one weak word
     * ("лесные" for Лесной near Minsk, 0.5) is not a place the item is about.
     */
    minScore: z.number().min(0),
    /** A region is kept when its probability reaches this. */
    threshold: z.number().min(0).max(1),
  })
  .strict()
  .refine((model) => model.features.every((name, index) => name === REGION_FEATURES[index]), {
    message: `features must be ${REGION_FEATURES.join(', ')} in this order; run npm run train`,
    path: ['features'],
  })
  .refine((model) => model.bias.length === model.regions.length, { message: 'needs one bias per region', path: ['bias'] });

export type RegionModel = z.infer<typeof regionModelSchema>;

/** A region the rules scored, with its evidence. */
export type RegionCandidate = { id: string; score: number; evidence: readonly TagEvidence[] };

/** The item's text and the rule settings the inputs read beside the evidence. */
export type RegionContext = {
  title: string;
  summary: string;
  /** settings.titleBoost: a title term's evidence weight is its rule weight times this. */
  titleBoost: number;
  /** settings.regions.originWords, lower case. */
  originWords: readonly string[];
};

const NO_CONTEXT: RegionContext = { title: '', summary: '', titleBoost: 1, originWords: [] };

/** The word just before offset `at` of `text`, lower case ("" at the start). */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && !isLetter(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isLetter(text.charCodeAt(start - 1))) start--;
  return text.slice(start, end).toLowerCase();
}

// Letters of the Latin and Cyrillic alphabets (with the Ukrainian and Belarusian ones), by code.
const isLetter = (code: number) =>
  (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0x400 && code <= 0x4ff);

/** Whether the words `matched` stand after a word of origin in `text` (at their first place). */
function afterOrigin(text: string, matched: string | undefined, originWords: readonly string[]): boolean {
  if (!matched || originWords.length === 0) return false;
  const at = text.indexOf(matched);
  return at >= 0 && originWords.includes(wordBefore(text, at));
}

const PRIOR_TERM = '(feed region)';

/** Regions scored enough to be candidates, in the rules' order. */
export function namedRegions(candidates: readonly RegionCandidate[], minScore: number): RegionCandidate[] {
  return candidates.filter((candidate) => candidate.score > 0 && candidate.score >= minScore);
}

/** The model's inputs for every candidate (score > 0 and at least `minScore`), in candidate order. Pure. */
export function regionInputs(candidates: readonly RegionCandidate[], minScore = 0, context: RegionContext = NO_CONTEXT): number[][] {
  const named = namedRegions(candidates, minScore);
  let top = 0;
  for (const candidate of named) if (candidate.score > top) top = candidate.score;
  const inTitle = named.map((candidate) => candidate.evidence.some((e) => e.field === 'title' && e.weight > 0 && e.term !== PRIOR_TERM));
  return named.map((candidate, index) => {
    let title = 0;
    let summary = 0;
    let against = 0;
    let prior = 0;
    let strongest = 0;
    let namedWeight = 0;
    let fromOrigin = 0;
    const terms = new Set<string>();
    for (const e of candidate.evidence) {
      // Labelled files have no feeds, so the model cannot learn the feed's
      // prior: it counts as the rules count it, summary evidence of its weight.
      if (e.term === PRIOR_TERM) prior = 1;
      if (e.weight < 0) against -= e.weight;
      else {
        terms.add(e.term);
        if (e.field === 'title') title += e.weight;
        else summary += e.weight;
        const weight = e.field === 'title' ? e.weight / context.titleBoost : e.weight;
        if (weight > strongest) strongest = weight;
        if (e.term === PRIOR_TERM) continue;
        namedWeight += e.weight;
        if (afterOrigin(e.field === 'title' ? context.title : context.summary, e.matched, context.originWords)) fromOrigin += e.weight;
      }
    }
    const others = named.length - 1;
    // A plain array: this runs on every item, and a typed array costs several times more to allocate.
    return [
      Math.log1p(title),
      Math.log1p(summary),
      candidate.score >= top ? 1 : 0,
      top > 0 ? Math.max(0, candidate.score) / top : 0,
      !inTitle[index] && inTitle.some((flag, other) => flag && other !== index) ? 1 : 0,
      Math.min(terms.size, 4) / 4,
      Math.min(against, 6),
      Math.min(others, 3) / 3,
      prior,
      candidate.id === 'federal' && others > 0 ? 1 : 0,
      Math.min(strongest, 3) / 3,
      namedWeight > 0 ? fromOrigin / namedWeight : 0,
    ];
  });
}

/** Probability that the item is about each candidate (namedRegions), in candidate order. Pure. */
export function regionProbabilities(model: RegionModel, candidates: readonly RegionCandidate[], context: RegionContext = NO_CONTEXT): number[] {
  const named = namedRegions(candidates, model.minScore);
  return regionInputs(candidates, model.minScore, context).map((inputs, index) => {
    const region = model.regions.indexOf(named[index]!.id);
    let z = region < 0 ? 0 : model.bias[region]!;
    for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * inputs[i]!;
    return 1 / (1 + Math.exp(-z));
  });
}

export type RegionTrainingItem = { candidates: RegionCandidate[]; regions: readonly string[]; context: RegionContext };

/**
 * Fits the region model on labelled items: one example per region the rules
 * scored, labelled by whether the item is about it. Regions the rules never
 * named cannot be recovered by this model, only by the rules. Deterministic.
 */
export function fitRegionModel(
  items: readonly RegionTrainingItem[],
  regionIds: readonly string[],
  options: { l2: number; iterations: number; threshold: number; minScore: number },
): RegionModel {
  const examples: { inputs: Float64Array; same: boolean }[] = [];
  for (const item of items) {
    const named = namedRegions(item.candidates, options.minScore);
    regionInputs(item.candidates, options.minScore, item.context).forEach((inputs, index) => {
      const id = named[index]!.id;
      // One-hot region columns give each region its own bias.
      const oneHot = regionIds.map((region) => (region === id ? 1 : 0));
      examples.push({ inputs: Float64Array.from([...inputs, ...oneHot]), same: item.regions.includes(id) });
    });
  }
  const fitted = fitLogistic(examples, REGION_FEATURES.length + regionIds.length, { ...options, positiveWeight: 1 });
  return {
    features: [...REGION_FEATURES],
    regions: [...regionIds],
    bias: regionIds.map((_, index) => round(fitted.bias + fitted.weights[REGION_FEATURES.length + index]!)),
    weights: fitted.weights.slice(0, REGION_FEATURES.length).map(round),
    minScore: options.minScore,
    threshold: options.threshold,
  };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
