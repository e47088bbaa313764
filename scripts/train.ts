// npm run train -- [FILE.jsonl...] [--cv K] [--out FILE] [--rules DIR] [--dry-run]
// Fits the tagger's learned layer (docs/tagging.md, "The learned layer") on
// labelled files (format: ../shared/eval/README.md) and writes it to
// content/rules/model.json: the task and health model, and the story pair
// model. Without options it trains again with the files and settings the
// model in place records (its `trainedOn`, `training`, `selection`, `stories`),
// so it reproduces the shipped model; FILE arguments or --cv K change them,
// and the run lists every change against the model it replaces. With --cv K
// it first measures a small grid of settings, the task model by K-fold
// cross-validation over all items, the pair model by leaving one file out,
// prints the figures of every point and trains with the best.
// Exit status: 0 done, 2 bad arguments, unreadable file, bad line or bad rules.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Table from 'cli-table3';
import { groupStories } from '../src/pipeline/dedupe/groupStories.ts';
import { loadTagger } from '../src/pipeline/tag/batch.ts';
import { readLabelledBatches } from '../src/pipeline/tag/labelledFiles.ts';
import { parseFolds } from '../src/cli/cvOption.ts';
import { learnedModelSchema } from '../src/pipeline/tag/learned.ts';
import { DEFAULT_RULES_DIR, MODEL_FILE } from '../src/pipeline/tag/load.ts';
import { settingsChanges, settingsOf, type ModelSettings } from '../src/pipeline/tag/modelSettings.ts';
import { duplicatePairScores, scoresOf, type Scores } from '../src/pipeline/tag/metrics.ts';
import { crossValidatedProbabilities, DEFAULT_TRAIN_OPTIONS, selectTasks, type ItemProbabilities, type TrainOptions } from '../src/pipeline/tag/train.ts';
import { betterPairPoint, DEFAULT_PAIR_OPTIONS, fitPairs, PAIR_MIN_PRECISION, rulesOnly, storyBatch, trainTaggerModel, type PairOptions } from '../src/pipeline/tag/trainTagger.ts';

const USAGE = 'usage: npm run train -- [FILE.jsonl...] [--cv K] [--out FILE] [--rules DIR] [--dry-run]';
/**
 * What a first model is fitted on when there is none to take the files from
 * (content/eval/README.md). The holdout file is left out on purpose: it is
 * the one measurement no weight has seen.
 */
const TRAINING_FILES = [
  '../shared/eval/dev.jsonl',
  'content/eval/sample-labels.jsonl',
  'content/eval/tune.jsonl',
  'content/eval/tune2.jsonl',
  'content/eval/tune3.jsonl',
  'content/eval/tune4.jsonl',
  'content/eval/tune5.jsonl',
  'content/eval/real-train.jsonl',
];
const GRID = {
  l2: [0.03, 0.1, 0.3],
  taskThreshold: [0.3, 0.35, 0.4, 0.45, 0.5],
  relativeToTop: [0.3, 0.5],
  maxTasks: [2, 3],
  pairL2: [0.001, 0.01],
  positiveWeight: [1, 3, 10],
  pairThreshold: [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8],
  /** The link threshold as a share of the pair threshold. */
  linkShare: [0.5, 0.8],
};

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      cv: { type: 'string' },
      out: { type: 'string' },
      rules: { type: 'string', default: DEFAULT_RULES_DIR },
      'dry-run': { type: 'boolean', default: false },
    },
  });
} catch (error) {
  process.stderr.write(`train: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const { values } = parsed;
const out = values.out ?? join(values.rules, MODEL_FILE);
/** The model in the rules folder (the shipped one), and the settings it was trained with (null when there is none, or it is unreadable). */
const shippedFile = join(values.rules, MODEL_FILE);
const shipped: ModelSettings | null = (() => {
  if (!existsSync(shippedFile)) return null;
  try {
    const model = learnedModelSchema.safeParse(JSON.parse(readFileSync(shippedFile, 'utf8')));
    return model.success ? settingsOf(model.data) : null;
  } catch {
    return null;
  }
})();
const positionals = parsed.positionals.length > 0 ? parsed.positionals : shipped && shipped.files.length > 0 ? [...shipped.files] : TRAINING_FILES;
const parsedFolds = parseFolds(values.cv);
if (!parsedFolds.ok) {
  process.stderr.write(`train: ${parsedFolds.error.message}\n${USAGE}\n`);
  process.exit(2);
}
const folds = parsedFolds.value;
const fail = (message: string): never => {
  process.stderr.write(`train: ${message}\n`);
  process.exit(2);
};

const loaded = loadTagger(values.rules, { learned: false });
if (!loaded.ok) fail(`${loaded.error.code}: ${loaded.error.message}`);
// The rules alone: the model being trained replaces the one in the folder.
const base = rulesOnly(loaded.ok ? loaded.value : fail('unreachable'));
const read = readLabelledBatches(positionals, base.tagRules.taskIds);
if (!read.ok) fail(`${read.error.code}: ${read.error.message}`);
const batches = read.ok ? read.value : [];
const items = batches.flatMap((batch) => batch.items);
const taskIds = base.tagRules.taskIds;
const f = (value: number) => value.toFixed(3);

function taskFigures(probabilities: ItemProbabilities[], options: TrainOptions): { task: Scores; health: number } {
  const counts = { tp: 0, fp: 0, fn: 0 };
  let healthCorrect = 0;
  items.forEach((item, index) => {
    const p = probabilities[index]!;
    const health = p.health >= options.selection.healthThreshold;
    if (health === item.health) healthCorrect++;
    const predicted = health ? selectTasks(p.tasks, options.selection).map((task) => taskIds[task]!) : [];
    for (const id of predicted) if (item.categories.includes(id)) counts.tp++;
    else counts.fp++;
    for (const id of item.categories) if (!predicted.includes(id)) counts.fn++;
  });
  return { task: scoresOf(counts), health: healthCorrect / items.length };
}

function chooseTaskOptions(k: number): TrainOptions {
  const table = new Table({ head: ['l2', 'threshold', 'of top', 'max', 'task F1', 'P', 'R', 'health acc'], style: { head: [], border: [] } });
  let best: { options: TrainOptions; task: Scores; health: number } | null = null;
  for (const l2 of GRID.l2) {
    const trial = { ...DEFAULT_TRAIN_OPTIONS, l2 };
    const probabilities = crossValidatedProbabilities(items, base.tagRules, k, trial);
    for (const taskThreshold of GRID.taskThreshold)
      for (const relativeToTop of GRID.relativeToTop)
        for (const maxTasks of GRID.maxTasks) {
          const point = { ...trial, selection: { ...trial.selection, taskThreshold, relativeToTop, maxTasks } };
          const result = taskFigures(probabilities, point);
          table.push([l2, taskThreshold, relativeToTop, maxTasks, f(result.task.f1), f(result.task.precision), f(result.task.recall), f(result.health)]);
          if (!best || result.task.f1 > best.task.f1) best = { options: point, ...result };
        }
  }
  const { options, task, health } = best!;
  process.stdout.write(
    `${items.length} items from ${positionals.join(', ')}; tasks and health, ${k}-fold cross-validation\n${table.toString()}\n` +
      `best: l2 ${options.l2}, task threshold ${options.selection.taskThreshold}, of top ${options.selection.relativeToTop}, max ${options.selection.maxTasks}: ` +
      `task micro F1 ${f(task.f1)} (P ${f(task.precision)} R ${f(task.recall)}), health accuracy ${f(health)} ` +
      `(the best of ${table.length} points, so slightly optimistic)\n`,
  );
  return options;
}

function choosePairOptions(): PairOptions {
  const stories = batches.map((batch) => storyBatch(batch, base));
  const table = new Table({ head: ['l2', 'same ×', 'threshold', 'link', 'pair F1', 'P', 'R'], style: { head: [], border: [] } });
  let best: { pairs: PairOptions; scores: Scores } | null = null;
  for (const l2 of GRID.pairL2)
    for (const positiveWeight of GRID.positiveWeight) {
    // Leave one file out: a story never has items on both sides.
    const models = batches.map((_, index) => fitPairs(batches.filter((__, other) => other !== index), base, { ...DEFAULT_PAIR_OPTIONS, l2, positiveWeight }));
    for (const threshold of GRID.pairThreshold)
      for (const linkShare of GRID.linkShare) {
        const linkThreshold = Math.round(threshold * linkShare * 1000) / 1000;
        const counts = { tp: 0, fp: 0, fn: 0 };
        stories.forEach((batch, index) => {
          const clusters = groupStories(batch, { ...base.storyRules, pairModel: { ...models[index]!, threshold, linkThreshold } });
          const result = duplicatePairScores(batch.map((item) => item.story), batch.map((item) => clusters.get(item.id)!));
          counts.tp += result.tp;
          counts.fp += result.fp;
          counts.fn += result.fn;
        });
        const scores = scoresOf(counts);
        table.push([l2, positiveWeight, threshold, linkThreshold, f(scores.f1), f(scores.precision), f(scores.recall)]);
        if (!best || betterPairPoint(scores, best.scores)) best = { pairs: { l2, positiveWeight, threshold, linkThreshold }, scores };
      }
    }
  const { pairs, scores } = best!;
  process.stdout.write(
    `story pairs, leave one file out\n${table.toString()}\n` +
      `best (by F1 among points with precision ≥ ${PAIR_MIN_PRECISION}): l2 ${pairs.l2}, same-story weight ${pairs.positiveWeight}, threshold ${pairs.threshold}, link ${pairs.linkThreshold}: duplicate-pair F1 ${f(scores.f1)} (P ${f(scores.precision)} R ${f(scores.recall)})\n`,
  );
  return pairs;
}

const options = folds === null ? (shipped?.options ?? DEFAULT_TRAIN_OPTIONS) : chooseTaskOptions(folds);
const pairs = folds === null || batches.length < 2 ? (shipped?.pairs ?? DEFAULT_PAIR_OPTIONS) : choosePairOptions();
if (shipped === null) process.stdout.write(`no model in ${shippedFile} to take settings from: default settings\n`);
else {
  const changes = settingsChanges(shipped, { files: positionals, options, pairs });
  process.stdout.write(
    changes.length === 0
      ? `the files and settings of ${shippedFile}: the model is trained as it was\n`
      : `changes against ${shippedFile}:\n${changes.map((change) => `  - ${change}`).join('\n')}\n`,
  );
}
const model = trainTaggerModel(batches, base, options, pairs);
const summary = `${Object.keys(model.words).length} stems, ${model.targets.length} targets, trained on ${items.length} items of ${batches.length} files`;
if (values['dry-run']) process.stdout.write(`dry run: ${summary}; nothing written\n`);
else {
  writeFileSync(out, `${JSON.stringify(model)}\n`);
  process.stdout.write(`${out}: ${summary}\n`);
}
