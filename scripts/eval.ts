// npm run eval -- FILE.jsonl [--json] [--cv K] [--rules DIR] [--rounds N] [--dates ITEMS.jsonl]
// Tags a labelled file (format: ../shared/eval/README.md) as the pipeline
// would, without its gold language, and prints per-task precision/recall/F1,
// task micro and macro F1, region F1, language and health accuracy,
// duplicate-pair precision/recall/F1, the most confused task pairs and the
// tagger's throughput. When the learned layer was fitted on FILE (it is in
// model.json's trainedOn), the figures are cross-validated instead: each item
// is tagged by a model fitted without it, in K folds (--cv, default 5), and
// stories are grouped by a pair model fitted on the other files. --dates joins
// `publishedAt` by id from another JSONL file (labelled files carry no dates,
// and story grouping uses them as a feed gives them).
// Exit status: 0 done, 2 unreadable file, bad line or bad rules.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { classifyBatch, evaluateClassified, loadTagger } from '../src/pipeline/tag/batch.ts';
import { benchTagger } from '../src/pipeline/tag/bench.ts';
import { resolve } from 'node:path';
import { readLabelledBatches } from '../src/pipeline/tag/labelledFiles.ts';
import { crossValidatedClassification, optionsOf } from '../src/pipeline/tag/trainTagger.ts';
import { isLineError, labelledLineSchema, parseJsonLines } from '../src/pipeline/tag/jsonl.ts';
import { formatEvalReport } from '../src/pipeline/tag/report.ts';
import { parseFolds } from '../src/cli/cvOption.ts';

const USAGE = 'usage: npm run eval -- FILE.jsonl [--json] [--cv K] [--rules DIR] [--rounds N] [--dates ITEMS.jsonl]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      cv: { type: 'string' },
      rules: { type: 'string', default: 'content/rules' },
      rounds: { type: 'string', default: '100' },
      dates: { type: 'string' },
    },
  });
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
const { values, positionals } = parsed;
const parsedFolds = parseFolds(values.cv);
const rounds = Number(values.rounds);
const problem = positionals.length === 0
  ? 'name one labelled file'
  : positionals.length > 1
    ? `one file at a time (got ${positionals.length})`
    : !parsedFolds.ok
      ? parsedFolds.error.message
      : !(rounds >= 0)
        ? `--rounds ${values.rounds}: must be a number, 0 or more`
        : null;
if (problem !== null) {
  process.stderr.write(`eval: ${problem}\n${USAGE}\n`);
  process.exit(2);
}
const folds = parsedFolds.ok ? parsedFolds.value : null;
const file: string = positionals[0]!;

const tagger = loadTagger(values.rules);
if (!tagger.ok) {
  process.stderr.write(`eval: ${tagger.error.code}: ${tagger.error.message}\n`);
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(`eval: ${(error as Error).message}\n`);
  process.exit(2);
}
const lines = parseJsonLines(text, labelledLineSchema);
const errors = lines.filter(isLineError);
if (errors.length > 0) {
  for (const { error } of errors) process.stderr.write(`eval: ${file}: ${error.code}: ${error.message}\n`);
  process.exit(2);
}
const items = lines.flatMap((line) => (isLineError(line) ? [] : [line.value]));
if (values.dates !== undefined) {
  const dates = new Map<string, string>();
  try {
    for (const line of readFileSync(values.dates, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const entry = JSON.parse(line) as { id?: unknown; publishedAt?: unknown };
      if (typeof entry.id === 'string' && typeof entry.publishedAt === 'string') dates.set(entry.id, entry.publishedAt);
    }
  } catch (error) {
    process.stderr.write(`eval: --dates ${values.dates}: ${(error as Error).message}\n`);
    process.exit(2);
  }
  for (const item of items) item.publishedAt ??= dates.get(item.id) ?? null;
}

// The gold language is a label, never an input: items go in as a feed would give them.
// A file the learned layer was fitted on is scored by cross-validation, never on its own weights.
const model = tagger.value.tagRules.model?.json ?? null;
const trainedOn = (model?.trainedOn ?? []).map((trained) => resolve(trained));
const fitted = trainedOn.includes(resolve(file));
let classified;
if (model && fitted) {
  const others = readLabelledBatches(
    (model.trainedOn ?? []).filter((trained) => resolve(trained) !== resolve(file)),
    tagger.value.tagRules.taskIds,
  );
  if (!others.ok) {
    process.stderr.write(`eval: ${file} is in the model's training data; cross-validation needs its other files: ${others.error.message}\n`);
    process.exit(2);
  }
  const { options, pairs } = optionsOf(model);
  const target = { file, items: items.map((item) => ({ ...item, publishedAt: item.publishedAt ?? null })) };
  classified = crossValidatedClassification(target, others.value, tagger.value, folds ?? 5, options, pairs);
} else {
  classified = classifyBatch(
    items.map((item) => ({ id: item.id, title: item.title, summary: item.summary, publishedAt: item.publishedAt ?? null, link: item.link ?? null })),
    tagger.value,
  );
}
const report = evaluateClassified(items, classified, tagger.value.tagRules);
const throughput = rounds > 0 ? benchTagger(items, rounds, tagger.value) : undefined;
const scoring = fitted ? { crossValidated: true, folds: folds ?? 5 } : { crossValidated: false, folds: null };

if (values.json) {
  process.stdout.write(`${JSON.stringify({ file, ...scoring, ...report, throughput: throughput ?? null }, null, 2)}\n`);
} else {
  process.stdout.write(formatEvalReport(report, { file, ...(throughput === undefined ? {} : { throughput }), scoring }));
}
