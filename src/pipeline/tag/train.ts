import type { CompiledTagRules } from './compile.ts';
import {
  compileLearnedModel,
  healthRuleFeature,
  modelLogits,
  RANK_BUCKETS,
  rankBuckets,
  sigmoid,
  taskRuleFeature,
  wordFeatures,
  type CompiledLearnedModel,
  type LearnedModelJson,
  type WordFeature,
} from './learned.ts';
import { fitRegionModel, type RegionCandidate, type RegionContext, type RegionTrainingItem } from './regionModel.ts';
import { regionCandidates, regionContext, scoreItem } from './tagItem.ts';

// Fitting the learned layer (learned.ts) on labelled items: L2-regularised
// logistic regression per target, by AdaGrad over the items in a fixed order,
// so the same files always give the same weights. Pure: items in, model out.

export type TrainingItem = {
  id: string;
  title: string;
  summary: string;
  health: boolean;
  categories: string[];
  /** Gold regions; items without them teach the region model nothing. */
  regions?: string[];
};

/** Fitting settings of the region model (regionModel.ts): few inputs, many examples, so one setting serves. */
export const REGION_TRAIN_OPTIONS = { l2: 0.001, iterations: 800, threshold: 0.5, minScore: 2 };

export type TrainOptions = {
  l2: number;
  epochs: number;
  learningRate: number;
  titleWeight: number;
  /** Word weights smaller than this in every target are dropped from the file. */
  minWeight: number;
  selection: LearnedModelJson['selection'];
};

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  l2: 0.01,
  epochs: 30,
  learningRate: 0.3,
  titleWeight: 1.5,
  minWeight: 0.01,
  selection: { healthThreshold: 0.5, taskThreshold: 0.4, relativeToTop: 0.3, maxTasks: 3 },
};

/** What the trainer needs of one item, computed once. */
type Prepared = { item: TrainingItem; words: WordFeature[]; rules: Float64Array; buckets: Uint8Array; candidates: RegionCandidate[]; context: RegionContext };

function prepare(items: readonly TrainingItem[], rules: CompiledTagRules, titleWeight: number): Prepared[] {
  const { taskBase } = rules.slots;
  return items.map((item) => {
    const scored = scoreItem(item.title, item.summary, rules);
    const { scores } = scored;
    const candidates = regionCandidates(scored, rules);
    const taskScores = scores.slice(taskBase, taskBase + rules.taskIds.length);
    const inputs = new Float64Array(1 + taskScores.length);
    inputs[0] = healthRuleFeature(scores[rules.slots.health]!);
    taskScores.forEach((score, index) => (inputs[1 + index] = taskRuleFeature(score)));
    return { item, words: wordFeatures(item.title, item.summary, titleWeight), rules: inputs, buckets: rankBuckets(taskScores), candidates, context: regionContext(item, rules) };
  });
}

type TargetWeights = { bias: number; rules: Float64Array; ranks: Float64Array; words: Map<string, number> };

/**
 * One logistic model. `rules` are the rules' scores of the item as inputs
 * (health, then every task), `own` the index of the target's own score in
 * them, `bucket` the rank bucket of the target's own task score.
 */
function fitTarget(
  examples: { words: WordFeature[]; rules: Float64Array; bucket: number | null; label: number }[],
  own: number,
  options: TrainOptions,
  initialBias: number,
): TargetWeights {
  const inputs = examples[0]?.rules.length ?? 0;
  const weights: TargetWeights = { bias: initialBias, rules: new Float64Array(inputs), ranks: new Float64Array(RANK_BUCKETS), words: new Map() };
  // The target's own rule score starts as the evidence it is; the others start at nothing.
  if (inputs > 0) weights.rules[own] = 1;
  // AdaGrad: a per-weight step that shrinks with the gradients seen, so rare words still move.
  let biasSquares = 1e-8;
  const ruleSquares = new Float64Array(inputs).fill(1e-8);
  const rankSquares = new Float64Array(RANK_BUCKETS).fill(1e-8);
  const wordSquares = new Map<string, number>();
  const { l2, learningRate } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of examples) {
      let z = weights.bias;
      for (let i = 0; i < inputs; i++) z += weights.rules[i]! * example.rules[i]!;
      if (example.bucket !== null) z += weights.ranks[example.bucket]!;
      for (const { stem, value } of example.words) z += (weights.words.get(stem) ?? 0) * value;
      const error = sigmoid(z) - example.label;

      biasSquares += error * error;
      weights.bias -= (learningRate / Math.sqrt(biasSquares)) * error;
      for (let i = 0; i < inputs; i++) {
        // Only the other tasks' scores are pulled towards zero: the own score is the rule's word.
        const gradient = error * example.rules[i]! + (i === own ? 0 : l2 * weights.rules[i]!);
        ruleSquares[i]! += gradient * gradient;
        weights.rules[i]! -= (learningRate / Math.sqrt(ruleSquares[i]!)) * gradient;
      }
      if (example.bucket !== null) {
        const b = example.bucket;
        const gradient = error + l2 * weights.ranks[b]!;
        rankSquares[b]! += gradient * gradient;
        weights.ranks[b]! -= (learningRate / Math.sqrt(rankSquares[b]!)) * gradient;
      }
      for (const { stem, value } of example.words) {
        const current = weights.words.get(stem) ?? 0;
        const gradient = error * value + l2 * current;
        const squares = (wordSquares.get(stem) ?? 1e-8) + gradient * gradient;
        wordSquares.set(stem, squares);
        weights.words.set(stem, current - (learningRate / Math.sqrt(squares)) * gradient);
      }
    }
  }
  return weights;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Fits the health model on every item and each task model on the health items. Deterministic. */
export function trainLearnedModel(
  items: readonly TrainingItem[],
  rules: CompiledTagRules,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  trainedOn: string[] = [],
): LearnedModelJson {
  const prepared = prepare(items, rules, options.titleWeight);
  const targets = ['health', ...rules.taskIds];
  const fitted: TargetWeights[] = [
    fitTarget(
      prepared.map((p) => ({ words: p.words, rules: p.rules, bucket: null, label: p.item.health ? 1 : 0 })),
      0,
      options,
      0,
    ),
  ];
  const healthItems = prepared.filter((p) => p.item.health);
  rules.taskIds.forEach((task, index) => {
    fitted.push(
      fitTarget(
        healthItems.map((p) => ({
          words: p.words,
          rules: p.rules,
          bucket: p.buckets[index]!,
          label: p.item.categories.includes(task) ? 1 : 0,
        })),
        1 + index,
        options,
        -2,
      ),
    );
  });
  const stems = new Set<string>();
  for (const target of fitted) for (const stem of target.words.keys()) stems.add(stem);
  const words: Record<string, number[]> = {};
  for (const stem of [...stems].sort()) {
    const vector = fitted.map((target) => round(target.words.get(stem) ?? 0));
    if (vector.some((weight) => Math.abs(weight) >= options.minWeight)) words[stem] = vector;
  }
  return {
    $comment:
      'Learned layer of the tagger (docs/tagging.md). Written by `npm run train`; do not edit by hand: change the rules or the labelled files and train again.',
    version: 1,
    trainedOn,
    targets,
    titleWeight: options.titleWeight,
    bias: fitted.map((target) => round(target.bias)),
    ruleWeights: fitted.map((target) => [...target.rules].map(round)),
    rankWeights: fitted.map((target, index) => (index === 0 ? new Array(RANK_BUCKETS).fill(0) : [...target.ranks].map(round))),
    words,
    selection: options.selection,
    regions: fitRegionModel(
      prepared.flatMap((p): RegionTrainingItem[] => (p.item.regions ? [{ candidates: p.candidates, regions: p.item.regions, context: p.context }] : [])),
      rules.regionIds,
      REGION_TRAIN_OPTIONS,
    ),
  };
}

/** Probabilities of health and of each task (rules order) for one item. */
export type ItemProbabilities = { health: number; tasks: Float64Array };

export function itemProbabilities(
  model: CompiledLearnedModel,
  title: string,
  summary: string,
  rules: CompiledTagRules,
): ItemProbabilities {
  const scored = scoreItem(title, summary, rules);
  const { scores } = scored;
  const { taskBase } = rules.slots;
  const logits = modelLogits(
    model,
    wordFeatures(title, summary, model.json.titleWeight),
    scores[rules.slots.health]!,
    scores.slice(taskBase, taskBase + rules.taskIds.length),
  );
  return {
    health: sigmoid(logits[0]!),
    tasks: Float64Array.from(rules.taskIds, (_, index) => sigmoid(logits[model.targetOfTask[index]!]!)),
  };
}

/** The tasks a model's probabilities select (task indexes, best first): at least one for a health item. */
export function selectTasks(probabilities: ArrayLike<number>, selection: LearnedModelJson['selection']): number[] {
  const ranked = Array.from(probabilities, (p, index) => ({ p, index })).sort((a, b) => b.p - a.p || a.index - b.index);
  const top = ranked[0]?.p ?? 0;
  const picked = ranked
    .filter(({ p }) => p >= selection.taskThreshold && p >= selection.relativeToTop * top)
    .slice(0, selection.maxTasks)
    .map(({ index }) => index);
  return picked.length > 0 ? picked : ranked.slice(0, 1).map(({ index }) => index);
}

/**
 * K-fold cross-validation: each item's probabilities come from a model fitted
 * without its fold (items in fold i mod k, so the split is reproducible).
 */
export function crossValidatedProbabilities(
  items: readonly TrainingItem[],
  rules: CompiledTagRules,
  folds: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): ItemProbabilities[] {
  const k = Math.max(2, Math.min(folds, items.length));
  const result: ItemProbabilities[] = new Array(items.length);
  for (let fold = 0; fold < k; fold++) {
    const training = items.filter((_, index) => index % k !== fold);
    const compiled = compileLearnedModel(trainLearnedModel(training, rules, options), rules.taskIds);
    if (!compiled.ok) throw new Error(`a model the trainer wrote is invalid: ${compiled.error.message}`);
    items.forEach((item, index) => {
      if (index % k === fold) result[index] = itemProbabilities(compiled.value, item.title, item.summary, rules);
    });
  }
  return result;
}
