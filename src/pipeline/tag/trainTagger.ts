import { groupStories, type StoryItem } from '../dedupe/groupStories.ts';
import { pairExamples } from '../dedupe/pairExamples.ts';
import { fitStoryPairModel, type StoryPairModel } from '../dedupe/pairModel.ts';
import { classifyOne, storyTopics, type ClassifiedItem, type Tagger } from './batch.ts';
import { compileLearnedModel, type LearnedModelJson } from './learned.ts';
import type { Scores } from './metrics.ts';
import { DEFAULT_TRAIN_OPTIONS, trainLearnedModel, type TrainingItem, type TrainOptions } from './train.ts';

// Fitting the whole learned layer (task and health model, story pair model)
// on labelled files, and scoring a file the layer was fitted on by
// cross-validation, so that no figure is ever measured on its own training
// data. Pure: batches in, model or classifications out.

export type LabelledBatchItem = TrainingItem & { story: string | null; publishedAt?: string | null };
/** One labelled file: one batch for story grouping, as `npm run eval` groups a file. */
export type LabelledBatch = { file: string; items: LabelledBatchItem[] };

/**
 * A story joined by mistake puts two events on one page, a missed one only
 * shows a report twice: the pair settings are the best F1 among the points
 * whose precision reaches PAIR_MIN_PRECISION, and the best F1 only when none does.
 */
export const PAIR_MIN_PRECISION = 0.9;
export function betterPairPoint(point: Pick<Scores, 'precision' | 'f1'>, best: Pick<Scores, 'precision' | 'f1'>): boolean {
  const precise = point.precision >= PAIR_MIN_PRECISION;
  const bestPrecise = best.precision >= PAIR_MIN_PRECISION;
  if (precise !== bestPrecise) return precise;
  return point.f1 > best.f1;
}

export type PairOptions = { l2: number; threshold: number; linkThreshold: number; positiveWeight?: number };
export const DEFAULT_PAIR_OPTIONS: PairOptions = { l2: 0.001, threshold: 0.5, linkThreshold: 0.4, positiveWeight: 1 };
const PAIR_ITERATIONS = 1500;

/** The tagger without its learned layer: the rules alone decide. */
export function rulesOnly(tagger: Tagger): Tagger {
  return {
    ...tagger,
    tagRules: { ...tagger.tagRules, model: null },
    storyRules: { ...tagger.storyRules, pairModel: null },
  };
}

/**
 * A batch as story grouping sees it, tagged by `tagger`. The pair model is
 * fitted on tags of the rules alone: a pessimistic stand-in for the learned
 * tags it meets in use.
 */
export function storyBatch(batch: LabelledBatch, tagger: Tagger): (StoryItem & { story: string | null })[] {
  return batch.items.map((item) => {
    const { language, tags } = classifyOne({ id: item.id, title: item.title, summary: item.summary }, tagger);
    return { id: item.id, title: item.title, summary: item.summary, language: language.language, publishedAt: null, story: item.story, ...storyTopics(tags) };
  });
}

export function fitPairs(batches: readonly LabelledBatch[], rulesTagger: Tagger, options: PairOptions): StoryPairModel {
  const examples = batches.flatMap((batch) => pairExamples(storyBatch(batch, rulesTagger), rulesTagger.storyRules));
  return fitStoryPairModel(examples, { ...options, iterations: PAIR_ITERATIONS });
}

/** The learned layer fitted on `batches`: tag model on every item, pair model on every batch's candidate pairs. */
export function trainTaggerModel(
  batches: readonly LabelledBatch[],
  tagger: Tagger,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  pairs: PairOptions = DEFAULT_PAIR_OPTIONS,
): LearnedModelJson {
  const base = rulesOnly(tagger);
  const model = trainLearnedModel(
    batches.flatMap((batch) => batch.items),
    base.tagRules,
    options,
    batches.map((batch) => batch.file),
  );
  model.stories = fitPairs(batches, base, pairs);
  model.training = { l2: options.l2, epochs: options.epochs, learningRate: options.learningRate, minWeight: options.minWeight, pairL2: pairs.l2, pairPositiveWeight: pairs.positiveWeight ?? 1 };
  return model;
}

/** `tagger` with `model` as its learned layer. */
export function withModel(tagger: Tagger, model: LearnedModelJson): Tagger {
  const compiled = compileLearnedModel(model, tagger.tagRules.taskIds);
  // The model was just fitted by this code: an invalid one is a bug.
  if (!compiled.ok) throw new Error(compiled.error.message);
  return {
    ...tagger,
    tagRules: { ...tagger.tagRules, model: compiled.value },
    storyRules: { ...tagger.storyRules, pairModel: model.stories ?? null },
  };
}

/** The options a model file records, to fit again the same way. */
export function optionsOf(model: LearnedModelJson): { options: TrainOptions; pairs: PairOptions } {
  const training = model.training;
  const options: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...(training ? { l2: training.l2, epochs: training.epochs, learningRate: training.learningRate, minWeight: training.minWeight } : {}),
    titleWeight: model.titleWeight,
    selection: model.selection,
  };
  const pairs: PairOptions = {
    l2: training?.pairL2 ?? DEFAULT_PAIR_OPTIONS.l2,
    positiveWeight: training?.pairPositiveWeight ?? 1,
    threshold: model.stories?.threshold ?? DEFAULT_PAIR_OPTIONS.threshold,
    linkThreshold: model.stories?.linkThreshold ?? DEFAULT_PAIR_OPTIONS.linkThreshold,
  };
  return { options, pairs };
}

/**
 * Classifies `target`, a file the learned layer was fitted on, as if it had
 * not been: item i is tagged by a model fitted on the other files and on the
 * target's items outside fold i mod `folds`; stories are grouped by a pair
 * model fitted on the other files only (a story never has items on both
 * sides). Output in input order, as classifyBatch gives it.
 */
export function crossValidatedClassification(
  target: LabelledBatch,
  others: readonly LabelledBatch[],
  tagger: Tagger,
  folds: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  pairs: PairOptions = DEFAULT_PAIR_OPTIONS,
): ClassifiedItem[] {
  const k = Math.max(2, Math.min(folds, target.items.length));
  const base = rulesOnly(tagger);
  const classified: Omit<ClassifiedItem, 'cluster'>[] = new Array(target.items.length);
  for (let fold = 0; fold < k; fold++) {
    const training = [...others, { file: target.file, items: target.items.filter((_, index) => index % k !== fold) }];
    const model = trainLearnedModel(
      training.flatMap((batch) => batch.items),
      base.tagRules,
      options,
    );
    const foldTagger = withModel(base, model);
    target.items.forEach((item, index) => {
      if (index % k !== fold) return;
      classified[index] = { id: item.id, ...classifyOne({ id: item.id, title: item.title, summary: item.summary }, foldTagger) };
    });
  }
  const pairModel = fitPairs(others, base, pairs);
  const clusters = groupStories(
    target.items.map((item, index) => ({
      id: item.id,
      title: item.title,
      summary: item.summary,
      language: classified[index]!.language.language,
      publishedAt: item.publishedAt ?? null,
      ...storyTopics(classified[index]!.tags),
    })),
    { ...base.storyRules, pairModel },
  );
  return classified.map((item) => ({ ...item, cluster: clusters.get(item.id) ?? item.id }));
}
