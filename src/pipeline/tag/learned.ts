import { z } from 'zod';
import { storyPairModelSchema } from '../dedupe/pairModel.ts';
import { fail, ok, type Result } from '../model.ts';
import { sortSmall } from '../sortSmall.ts';
import { regionModelSchema } from './regionModel.ts';
import type { TokenMatch } from './compile.ts';
import { stemWord, tokenizeNormalized, type Token } from './text.ts';

// The learned layer of the tagger (docs/tagging.md, "The learned layer"): one
// logistic model per target (health, then each task) over the rules' own
// scores and the word stems of the item. The rules say what a term means; the
// model learns from labelled items how far to trust each rule score and which
// other words go with a task. Its weights are data, written by `npm run train`
// into content/rules/model.json, never edited by hand.

/** Rank features of a task's rule score among the tasks: 1st, 2nd, 3rd, lower, absent. */
export const RANK_BUCKETS = 5;

const finite = z.number().finite();

export const learnedModelSchema = z
  .object({
    $comment: z.string().optional(),
    version: z.literal(1),
    /** Labelled files the weights were fitted on (for the record: figures on them are not held out). */
    trainedOn: z.array(z.string()),
    /** Target ids: `health` first, then task ids, in this order in every weight vector. */
    targets: z.array(z.string().min(1)).min(2),
    /** A word found in the title counts this much; in the summary, 1. */
    titleWeight: finite.positive(),
    bias: z.array(finite),
    /**
     * Per target, weights of the rules' scores: health (scaled sum) first,
     * then every task (log1p of its score) in the order of `targets`. A task
     * model reads the other tasks' scores too: a repaired hospital paid for
     * from the budget is `infrastructure` and often `financing`.
     */
    ruleWeights: z.array(z.array(finite)),
    /** Per task target: weights of the rank buckets of its rule score (health: zeros). */
    rankWeights: z.array(z.array(finite).length(RANK_BUCKETS)),
    /** stem → one weight per target. Stems whose weights are all near zero are left out. */
    words: z.record(z.string().min(1), z.array(finite)),
    selection: z
      .object({
        /** An item is health news when the health probability reaches this. */
        healthThreshold: z.number().min(0).max(1),
        /** A task is suggested when its probability reaches this... */
        taskThreshold: z.number().min(0).max(1),
        /** ...and this share of the best task's probability... */
        relativeToTop: z.number().min(0).max(1),
        /** ...at most this many. */
        maxTasks: z.number().int().min(1).max(15),
      })
      .strict(),
    /** The story grouping's pair decision (dedupe/pairModel.ts). */
    stories: storyPairModelSchema.optional(),
    /** Which of the regions the rules named the item is about (regionModel.ts). */
    regions: regionModelSchema.optional(),
    /** How the weights were fitted, so that a cross-validation can fit the same way without a fold. */
    training: z
      .object({ l2: finite, epochs: z.number().int().positive(), learningRate: finite, minWeight: finite, pairL2: finite, pairPositiveWeight: finite })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((model, context) => {
    const size = model.targets.length;
    const check = (name: string, length: number) => {
      if (length !== size) context.addIssue({ code: 'custom', path: [name], message: `has ${length} entries, targets has ${size}` });
    };
    check('bias', model.bias.length);
    check('ruleWeights', model.ruleWeights.length);
    model.ruleWeights.forEach((weights, index) => {
      if (weights.length !== size) context.addIssue({ code: 'custom', path: ['ruleWeights', index], message: `has ${weights.length} weights, targets has ${size}` });
    });
    check('rankWeights', model.rankWeights.length);
    for (const [stem, weights] of Object.entries(model.words)) {
      if (weights.length !== size) {
        context.addIssue({ code: 'custom', path: ['words', stem], message: `has ${weights.length} weights, targets has ${size}` });
        break;
      }
    }
    if (model.targets[0] !== 'health') context.addIssue({ code: 'custom', path: ['targets', 0], message: 'must be "health"' });
  });

export type LearnedModelJson = z.infer<typeof learnedModelSchema>;

/** The model ready to score: word weights in typed arrays, task targets mapped to the rules' task order. */
export type CompiledLearnedModel = {
  json: LearnedModelJson;
  size: number;
  bias: Float64Array;
  /** ruleWeights[target][input]: inputs in the order of `targets` (health, then tasks). */
  ruleWeights: Float64Array[];
  rankWeights: Float64Array[];
  words: Map<string, Float64Array>;
  /** For each rules task index, its target index in the model (-1 when the model does not know it). */
  targetOfTask: Int32Array;
  /** Per distinct token: its stem's entry (null: a word the model has no weights for). Filled lazily; bounded. */
  tokenCache: Map<string, StemEntry | null>;
  /** One entry per stem, shared by its tokens. */
  stemEntries: Map<string, StemEntry>;
  /** Counter of modelWordFeatures calls. */
  stamp: number;
};

/**
 * A stem the model weighs; `stamp` and `position` record the last item that
 * used it and where its feature stands in that item's list. A number, not the
 * feature itself: a long-lived entry holding each item's feature would keep
 * it alive past the item, which the garbage collector pays for.
 */
type StemEntry = { stem: string; weights: Float64Array; stamp: number; position: number };

/**
 * The word weights as views into one buffer, row after row: one typed array
 * of 16 numbers per stem would put each row's numbers in a memory block of
 * its own, and an item reads the rows of a few dozen stems.
 */
function packedWords(words: Record<string, number[]>, size: number): Map<string, Float64Array> {
  const stems = Object.keys(words);
  const packed = new Float64Array(stems.length * size);
  return new Map(
    stems.map((stem, index) => {
      packed.set(words[stem]!, index * size);
      return [stem, packed.subarray(index * size, (index + 1) * size)];
    }),
  );
}

/** Validates a model file against the rules' task ids; the model must know every task the rules have. */
export function compileLearnedModel(json: unknown, taskIds: readonly string[], file = 'model.json'): Result<CompiledLearnedModel> {
  const parsed = learnedModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail('rules_invalid', `${file}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  const model = parsed.data;
  const targetOfTask = Int32Array.from(taskIds, (id) => model.targets.indexOf(id));
  const missing = taskIds.filter((_, index) => targetOfTask[index]! < 0);
  if (missing.length > 0) {
    return fail('rules_invalid', `${file}: targets: no weights for task ${missing.join(', ')}; run npm run train after adding a task`);
  }
  const unknown = model.targets.slice(1).filter((id) => !taskIds.includes(id));
  if (unknown.length > 0) return fail('rules_invalid', `${file}: targets: ${unknown.join(', ')} is not a task of the rules`);
  return ok({
    json: model,
    size: model.targets.length,
    bias: Float64Array.from(model.bias),
    ruleWeights: model.ruleWeights.map((weights) => Float64Array.from(weights)),
    rankWeights: model.rankWeights.map((weights) => Float64Array.from(weights)),
    words: packedWords(model.words, model.targets.length),
    targetOfTask,
    tokenCache: new Map(),
    stemEntries: new Map(),
    stamp: 0,
  });
}

/**
 * A word of the item as the model sees it: its stem, the value it adds, how
 * the text wrote it, and (when read for a model) that model's weights of the stem.
 */
export type WordFeature = { stem: string; value: number; word: string; field: 'title' | 'summary'; weights?: Float64Array | null };

// Numbers and one- or two-letter words say nothing a model could learn from 1,000 items.
const USEFUL_WORD = /^\p{L}[\p{L}\p{N}']{2,}$/u;

/** The distinct stems of title and summary; a stem in both counts with its title value. Pure. */
export function wordFeatures(title: string, summary: string, titleWeight: number): WordFeature[] {
  const byStem = new Map<string, WordFeature>();
  for (const [field, text, value] of [
    ['title', title, titleWeight],
    ['summary', summary, 1],
  ] as const) {
    if (!text) continue;
    for (const token of tokenizeNormalized(text).tokens) {
      if (!USEFUL_WORD.test(token.norm)) continue;
      const stem = stemWord(token.norm);
      const known = byStem.get(stem);
      if (!known || value > known.value) byStem.set(stem, { stem, value, word: token.norm, field });
    }
  }
  return [...byStem.values()];
}

const TOKEN_CACHE_LIMIT = 100_000;

/**
 * wordFeatures for a model, from tokens the rules already read: each distinct
 * token is stemmed and looked up once (cached), and carries its weights.
 */
export function modelWordFeatures(
  model: CompiledLearnedModel,
  title: readonly Token[],
  summary: readonly Token[],
  matches?: { title: readonly TokenMatch[]; summary: readonly TokenMatch[] },
): WordFeature[] {
  const features: WordFeature[] = [];
  // A stamp per call marks the stems already taken, without a Set per item.
  const stamp = ++model.stamp;
  const add = (tokens: readonly Token[], tokenMatches: readonly TokenMatch[] | undefined, field: 'title' | 'summary', value: number) => {
    for (let i = 0; i < tokens.length; i++) {
      const norm = tokens[i]!.norm;
      // The rules' match of the token carries this model's entry once looked up.
      const match = tokenMatches?.[i];
      let entry = match && match.learnedFor === model ? (match.learned as StemEntry | null) : model.tokenCache.get(norm);
      if (entry === undefined) {
        entry = null;
        if (USEFUL_WORD.test(norm)) {
          const stem = stemWord(norm);
          const weights = model.words.get(stem);
          if (weights) entry = model.stemEntries.get(stem) ?? { stem, weights, stamp: 0, position: -1 };
          if (entry) model.stemEntries.set(stem, entry);
        }
        if (model.tokenCache.size >= TOKEN_CACHE_LIMIT) model.tokenCache.clear();
        model.tokenCache.set(norm, entry);
      }
      if (match && match.learnedFor !== model) {
        match.learnedFor = model;
        match.learned = entry;
      }
      // Words without weights add nothing.
      if (entry === null) continue;
      if (entry.stamp !== stamp) {
        entry.stamp = stamp;
        entry.position = features.length;
        features.push({ stem: entry.stem, value, word: norm, field, weights: entry.weights });
      } else if (value > features[entry.position]!.value) {
        const feature = features[entry.position]!;
        feature.value = value;
        feature.word = norm;
        feature.field = field;
      }
    }
  };
  add(title, matches?.title, 'title', model.json.titleWeight);
  add(summary, matches?.summary, 'summary', 1);
  return features;
}

/** The rules' score of a target as the model reads it. */
export function healthRuleFeature(score: number): number {
  return Math.max(-8, Math.min(16, score)) / 4;
}

export function taskRuleFeature(score: number): number {
  return Math.log1p(Math.max(0, score));
}

/** Rank bucket of task `task`'s rule score: 0 best … 3 fourth or lower, 4 no score. */
function rankBucket(taskScores: ArrayLike<number>, task: number): number {
  const score = taskScores[task]!;
  if (score <= 0) return 4;
  let higher = 0;
  for (let j = 0; j < taskScores.length; j++) if (taskScores[j]! > score) higher++;
  return Math.min(higher, 3);
}

/** Rank bucket of each task's rule score: 0 best … 3 fourth or lower, 4 no score. */
export function rankBuckets(taskScores: ArrayLike<number>): Uint8Array {
  const buckets = new Uint8Array(taskScores.length);
  for (let i = 0; i < taskScores.length; i++) buckets[i] = rankBucket(taskScores, i);
  return buckets;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// The per-item vectors below are plain arrays: allocating a typed array costs
// several hundred nanoseconds (and work for the garbage collector), a small
// array a few dozen; the numbers they hold are the same doubles.

/** The rules' scores as model inputs, in target order (health, then the model's tasks). */
export function ruleInputs(model: CompiledLearnedModel, healthScore: number, taskScores: ArrayLike<number>): number[] {
  const inputs: number[] = [];
  for (let input = 0; input < model.size; input++) inputs.push(0);
  inputs[0] = healthRuleFeature(healthScore);
  for (let task = 0; task < taskScores.length; task++) inputs[model.targetOfTask[task]!] = taskRuleFeature(taskScores[task]!);
  return inputs;
}

/** Log-odds of every target for one item. Pure. */
export function modelLogits(
  model: CompiledLearnedModel,
  words: readonly WordFeature[],
  healthScore: number,
  taskScores: ArrayLike<number>,
): number[] {
  const logits: number[] = [];
  for (let target = 0; target < model.size; target++) logits.push(model.bias[target]!);
  const inputs = ruleInputs(model, healthScore, taskScores);
  for (let target = 0; target < model.size; target++) {
    const weights = model.ruleWeights[target]!;
    let sum = 0;
    for (let input = 0; input < model.size; input++) sum += weights[input]! * inputs[input]!;
    logits[target]! += sum;
  }
  for (let task = 0; task < taskScores.length; task++) {
    const target = model.targetOfTask[task]!;
    logits[target]! += model.rankWeights[target]![rankBucket(taskScores, task)]!;
  }
  for (const { stem, value, weights: known } of words) {
    const weights = known === undefined ? model.words.get(stem) : known;
    if (!weights) continue;
    for (let target = 0; target < model.size; target++) logits[target]! += weights[target]! * value;
  }
  return logits;
}

/** The words that raised a target's log-odds most, as evidence: the word as written, its field, its contribution. */
export function learnedEvidence(
  model: CompiledLearnedModel,
  words: readonly WordFeature[],
  target: number,
  limit: number,
): { term: string; field: 'title' | 'summary'; weight: number }[] {
  const contributions: { term: string; field: 'title' | 'summary'; weight: number }[] = [];
  for (const { stem, value, word, field, weights: known } of words) {
    const weight = ((known === undefined ? model.words.get(stem) : known)?.[target] ?? 0) * value;
    if (weight >= 0.15) contributions.push({ term: word, field, weight: Math.round(weight * 100) / 100 });
  }
  return sortSmall(contributions, (a, b) => b.weight - a.weight).slice(0, limit);
}
