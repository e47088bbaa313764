import type { CompiledTagRules } from './compile.ts';
import { scoresOf, type Counts, type Scores } from './metrics.ts';
import type { TagSettings } from './rules.ts';
import { tagItem } from './tagItem.ts';

/** What the selection settings are fitted on: text, and the gold tasks of health items. */
export type CvItem = { title: string; summary: string; health: boolean; categories: string[] };

/** The settings a grid search may change; everything else stays as in settings.json. */
export type SelectionSettings = Pick<TagSettings, 'titleBoost'> & {
  minScore: number;
  relativeToTop: number;
  max: number;
};

export const DEFAULT_GRID = {
  titleBoost: [1.5, 2, 2.5],
  minScore: [1.5, 2, 2.5, 3],
  relativeToTop: [0.3, 0.4, 0.5, 0.6],
  max: [2, 3],
};

export type CvReport = {
  folds: number;
  /** Task micro scores on the held-out folds, pooled: each item is scored once, by settings fitted without it. */
  heldOut: Scores;
  /** The same figure for the settings in settings.json, for comparison. */
  fixed: Scores;
  /** Settings chosen on each fold's training part. */
  chosen: SelectionSettings[];
};

function withSettings(rules: CompiledTagRules, selection: SelectionSettings): CompiledTagRules {
  return {
    ...rules,
    settings: {
      ...rules.settings,
      titleBoost: selection.titleBoost,
      tasks: { ...rules.settings.tasks, minScore: selection.minScore, relativeToTop: selection.relativeToTop, max: selection.max },
    },
  };
}

function taskCounts(items: readonly CvItem[], rules: CompiledTagRules): Counts {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const item of items) {
    const predicted = tagItem({ title: item.title, summary: item.summary, language: 'und', sourceRegion: null }, rules).tasks.map(
      (task) => task.id,
    );
    for (const id of predicted) if (item.categories.includes(id)) counts.tp++;
    else counts.fp++;
    for (const id of item.categories) if (!predicted.includes(id)) counts.fn++;
  }
  return counts;
}

function gridOf(grid: typeof DEFAULT_GRID): SelectionSettings[] {
  const settings: SelectionSettings[] = [];
  for (const titleBoost of grid.titleBoost)
    for (const minScore of grid.minScore)
      for (const relativeToTop of grid.relativeToTop)
        for (const max of grid.max) settings.push({ titleBoost, minScore, relativeToTop, max });
  return settings;
}

/**
 * k-fold cross-validation of the task-selection settings: for each fold,
 * the grid point with the best task micro-F1 on the other folds is applied
 * to the fold. Items are assigned to folds by position (i mod k), so the
 * figure is reproducible. The term weights are not fitted here: they are
 * the editors' rules.
 */
export function crossValidateSelection(
  items: readonly CvItem[],
  rules: CompiledTagRules,
  folds = 10,
  grid: typeof DEFAULT_GRID = DEFAULT_GRID,
): CvReport {
  const points = gridOf(grid);
  const k = Math.max(2, Math.min(folds, items.length));
  const heldOut = { tp: 0, fp: 0, fn: 0 };
  const chosen: SelectionSettings[] = [];
  for (let fold = 0; fold < k; fold++) {
    const training = items.filter((_, index) => index % k !== fold);
    const test = items.filter((_, index) => index % k === fold);
    let best = points[0]!;
    let bestF1 = -1;
    for (const point of points) {
      const f1 = scoresOf(taskCounts(training, withSettings(rules, point))).f1;
      if (f1 > bestF1) {
        bestF1 = f1;
        best = point;
      }
    }
    chosen.push(best);
    const counts = taskCounts(test, withSettings(rules, best));
    heldOut.tp += counts.tp;
    heldOut.fp += counts.fp;
    heldOut.fn += counts.fn;
  }
  return { folds: k, heldOut: scoresOf(heldOut), fixed: scoresOf(taskCounts(items, rules)), chosen };
}
