import { z } from 'zod';
import { fail, ok, type Result } from '../model.ts';

// The learned decision of story grouping: a logistic model over what two
// items share (groupStories.ts computes the inputs). The hand-set rule
// (`threshold`, `minShared` in stories.json) decides when no model is given.
// Written by `npm run train` into content/rules/model.json, key `stories`.

/** Inputs of the pair model, in this order (docs/tagging.md, "Story grouping"). */
export const PAIR_FEATURES = [
  /** The rule score: shared features' weights times their specificity. */
  'score',
  /** Its part from numbers, names and dates. */
  'anchors',
  'numbers',
  'names',
  'dates',
  'concepts',
  'stems',
  /** 1 when the two are in different languages (words are not compared then). */
  'crossLanguage',
  /** 1 when both give figures and share none: two reports of one event usually repeat its numbers. */
  'numberConflict',
  /** Jaccard overlap of the items' tasks (non-health items count as one topic). */
  'topicOverlap',
  /** Jaccard overlap of the items' regions (both none counts as the same). */
  'regionOverlap',
  /** Shared features over the features of the item that has fewer. */
  'sharedRatio',
  /** 1 when each item is the other's closest candidate by score: reports of one event pick each other. */
  'mutualBest',
  /** 1 when one of the two is the other's closest candidate, but not both ways. */
  'oneSidedBest',
  /** The score over the better of the two items' best scores. */
  'scoreShare',
] as const;

export type PairFeatureName = (typeof PAIR_FEATURES)[number];

const finite = z.number().finite();

export const storyPairModelSchema = z
  .object({
    features: z.array(z.enum(PAIR_FEATURES)).length(PAIR_FEATURES.length),
    bias: finite,
    weights: z.array(finite).length(PAIR_FEATURES.length),
    /** Two items are one story when the model's probability reaches this. */
    threshold: z.number().min(0).max(1),
    /**
     * An item joins a story of several items only when its mean probability
     * with all of them reaches this: one strong link does not chain two events.
     */
    linkThreshold: z.number().min(0).max(1),
  })
  .strict()
  .refine((model) => model.features.every((name, index) => name === PAIR_FEATURES[index]), {
    message: `features must be ${PAIR_FEATURES.join(', ')} in this order; run npm run train`,
    path: ['features'],
  })
  .refine((model) => model.linkThreshold <= model.threshold, { message: 'must not exceed threshold', path: ['linkThreshold'] });

export type StoryPairModel = z.infer<typeof storyPairModelSchema>;

export function compileStoryPairModel(json: unknown, file = 'model.json: stories'): Result<StoryPairModel> {
  const parsed = storyPairModelSchema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  return fail('rules_invalid', `${file}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}

export function pairProbability(model: StoryPairModel, inputs: ArrayLike<number>): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) z += model.weights[i]! * inputs[i]!;
  return 1 / (1 + Math.exp(-z));
}

/**
 * Logistic regression with L2, by full-batch gradient descent on
 * standardised inputs; the weights are turned back to raw inputs at the end.
 * Rare positives can count for more (`positiveWeight`). Deterministic; pure.
 */
export function fitLogistic(
  examples: readonly { inputs: ArrayLike<number>; same: boolean }[],
  size: number,
  options: { l2: number; iterations: number; positiveWeight?: number },
): { bias: number; weights: number[] } {
  const mean = new Float64Array(size);
  const spread = new Float64Array(size);
  for (const { inputs } of examples) for (let i = 0; i < size; i++) mean[i]! += inputs[i]! / Math.max(1, examples.length);
  for (const { inputs } of examples) for (let i = 0; i < size; i++) spread[i]! += (inputs[i]! - mean[i]!) ** 2 / Math.max(1, examples.length);
  for (let i = 0; i < size; i++) spread[i] = Math.sqrt(spread[i]!) || 1;
  const standard = examples.map(({ inputs, same }) => ({
    x: Float64Array.from({ length: size }, (_, i) => (inputs[i]! - mean[i]!) / spread[i]!),
    same,
  }));
  const positiveWeight = options.positiveWeight ?? 1;
  const weights = new Float64Array(size);
  let bias = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Float64Array(size);
    let biasGradient = 0;
    let total = 0;
    for (const { x, same } of standard) {
      let z = bias;
      for (let i = 0; i < size; i++) z += weights[i]! * x[i]!;
      const weight = same ? positiveWeight : 1;
      const error = (1 / (1 + Math.exp(-z)) - (same ? 1 : 0)) * weight;
      biasGradient += error;
      for (let i = 0; i < size; i++) gradient[i]! += error * x[i]!;
      total += weight;
    }
    bias -= biasGradient / Math.max(1, total);
    for (let i = 0; i < size; i++) weights[i]! -= gradient[i]! / Math.max(1, total) + options.l2 * weights[i]!;
  }
  let rawBias = bias;
  const raw = Array.from(weights, (weight, i) => {
    rawBias -= (weight * mean[i]!) / spread[i]!;
    return weight / spread[i]!;
  });
  return { bias: rawBias, weights: raw };
}

/**
 * Fits the pair model on labelled candidate pairs (fitLogistic). Same-story
 * pairs are rare among candidates; `positiveWeight` lets each count for more. Pure.
 */
export function fitStoryPairModel(
  examples: readonly { inputs: ArrayLike<number>; same: boolean }[],
  options: { l2: number; iterations: number; threshold: number; linkThreshold: number; positiveWeight?: number },
): StoryPairModel {
  const fitted = fitLogistic(examples, PAIR_FEATURES.length, options);
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return {
    features: [...PAIR_FEATURES],
    bias: round(fitted.bias),
    weights: fitted.weights.map(round),
    threshold: options.threshold,
    linkThreshold: options.linkThreshold,
  };
}
