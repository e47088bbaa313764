import Table from 'cli-table3';
import type { TaggerThroughput } from './bench.ts';
import type { EvalReport, Scores } from './metrics.ts';

export type Targets = { taskMicroF1: number; regionF1: number; languageAccuracy: number; healthAccuracy: number; duplicateF1: number; itemsPerSecond: number };

/** The figures issue 3 asks for (docs/tagging.md). */
export const TARGETS: Targets = {
  taskMicroF1: 0.85,
  regionF1: 0.92,
  languageAccuracy: 0.97,
  healthAccuracy: 0.93,
  duplicateF1: 0.8,
  itemsPerSecond: 20_000,
};

const f = (value: number) => value.toFixed(3);
const mark = (value: number, target: number) => (value >= target ? 'ok' : 'BELOW');

const plain = { style: { head: [], border: [] } };

/** The eval report as text tables. Pure. */
export function formatEvalReport(report: EvalReport, extra: { throughput?: TaggerThroughput; file?: string; scoring?: { crossValidated: boolean; folds: number | null } } = {}): string {
  const tasks = new Table({ head: ['task', 'precision', 'recall', 'F1', 'support'], ...plain });
  for (const task of [...report.tasks.perTask].sort((a, b) => a.id.localeCompare(b.id))) {
    tasks.push([task.id, f(task.precision), f(task.recall), f(task.f1), task.support]);
  }
  const summary = new Table({ head: ['measure', 'value', 'target', ''], ...plain });
  const row = (name: string, value: number, target: number | null, detail = '') =>
    summary.push([name, f(value), target === null ? '' : `>= ${target}`, target === null ? detail : `${mark(value, target)} ${detail}`.trim()]);
  const counts = (scores: Scores) => `tp ${scores.tp} fp ${scores.fp} fn ${scores.fn}`;
  row('task micro F1', report.tasks.micro.f1, TARGETS.taskMicroF1, `P ${f(report.tasks.micro.precision)} R ${f(report.tasks.micro.recall)}`);
  row('task macro F1', report.tasks.macro.f1, null, `P ${f(report.tasks.macro.precision)} R ${f(report.tasks.macro.recall)}`);
  row('region F1 (micro)', report.regions.micro.f1, TARGETS.regionF1, `P ${f(report.regions.micro.precision)} R ${f(report.regions.micro.recall)}`);
  row('language accuracy', report.language.accuracy, TARGETS.languageAccuracy, `${report.language.correct}/${report.language.total}`);
  row('health accuracy', report.health.accuracy, TARGETS.healthAccuracy, `${report.health.correct}/${report.health.total}`);
  row('duplicate-pair precision', report.duplicates.precision, null, counts(report.duplicates));
  row('duplicate-pair recall', report.duplicates.recall, null, `${report.duplicates.goldPairs} gold pairs`);
  row('duplicate-pair F1', report.duplicates.f1, TARGETS.duplicateF1, `${report.duplicates.predictedPairs} predicted pairs`);
  const confused = new Table({ head: ['gold task (missed)', 'predicted instead', 'items'], ...plain });
  for (const pair of report.confusedTasks.slice(0, 8)) confused.push([pair.gold, pair.predicted, pair.count]);
  const parts = [
    `${report.items} items${extra.file ? ` from ${extra.file}` : ''}` +
      (extra.scoring?.crossValidated
        ? `: the learned layer was fitted on this file, so every item is tagged by a model fitted without it (${extra.scoring.folds}-fold cross-validation; stories by a pair model fitted on the other files)`
        : ''),
    tasks.toString(),
    summary.toString(),
    'most confused task pairs',
    confused.toString(),
  ];
  if (extra.throughput !== undefined) {
    const { tagging, withLanguage, runs } = extra.throughput;
    parts.push(
      `throughput on one core (CPU time, median of ${runs.tagging.length} runs): tag stage ${tagging} items/s (target >= ${TARGETS.itemsPerSecond}: ${mark(tagging, TARGETS.itemsPerSecond)}); language detection + tag stage ${withLanguage} items/s`,
    );
  }
  return `${parts.join('\n')}\n`;
}
