// Evaluation measures of the tagger: pure functions from gold and predicted
// labels to figures (scripts/eval.ts prints them).

export type LabelledItem = {
  id: string;
  lang: string;
  health: boolean;
  categories: string[];
  regions: string[];
  /** Story id shared by the items reporting one event; null for unique items. */
  story: string | null;
};

export type PredictedItem = {
  id: string;
  lang: string;
  health: boolean;
  categories: string[];
  regions: string[];
  /** Id of the earliest item of its story (its own id when alone). */
  cluster: string;
};

export type Counts = { tp: number; fp: number; fn: number };
export type Scores = Counts & { precision: number; recall: number; f1: number };

export type LabelScores = Scores & { id: string; support: number };

export type EvalReport = {
  items: number;
  tasks: { perTask: LabelScores[]; micro: Scores; macro: { precision: number; recall: number; f1: number } };
  regions: { perRegion: LabelScores[]; micro: Scores };
  language: { accuracy: number; correct: number; total: number };
  health: { accuracy: number; correct: number; total: number; asLabel: Scores };
  duplicates: Scores & { goldPairs: number; predictedPairs: number };
  /** Gold task → predicted task, counted over items where one was missed and the other added. */
  confusedTasks: { gold: string; predicted: string; count: number }[];
};

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

/** Precision, recall and F1 from counts. With nothing predicted and nothing to find, all three are 1. */
export function scoresOf({ tp, fp, fn }: Counts): Scores {
  if (tp + fp + fn === 0) return { tp, fp, fn, precision: 1, recall: 1, f1: 1 };
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), f1: ratio(2 * tp, 2 * tp + fp + fn) };
}

function labelScores(ids: string[], gold: string[][], predicted: string[][]): { per: LabelScores[]; micro: Scores } {
  const counts = new Map(ids.map((id) => [id, { tp: 0, fp: 0, fn: 0, support: 0 }]));
  const total = { tp: 0, fp: 0, fn: 0 };
  const entry = (id: string) => {
    let found = counts.get(id);
    if (!found) {
      found = { tp: 0, fp: 0, fn: 0, support: 0 };
      counts.set(id, found);
    }
    return found;
  };
  gold.forEach((goldLabels, index) => {
    const predictedLabels = new Set(predicted[index]);
    const goldSet = new Set(goldLabels);
    for (const id of goldSet) {
      entry(id).support++;
      if (predictedLabels.has(id)) {
        entry(id).tp++;
        total.tp++;
      } else {
        entry(id).fn++;
        total.fn++;
      }
    }
    for (const id of predictedLabels) {
      if (goldSet.has(id)) continue;
      entry(id).fp++;
      total.fp++;
    }
  });
  const per = [...counts].map(([id, { tp, fp, fn, support }]) => ({ id, support, ...scoresOf({ tp, fp, fn }) }));
  return { per, micro: scoresOf(total) };
}

const pairsIn = (size: number) => (size * (size - 1)) / 2;

/**
 * Pair counts of two groupings of the same items: a pair is "same story"
 * when both items share a story id (gold) or a cluster id (predicted).
 * Counted by group sizes, so a large file costs no more than reading it.
 */
export function duplicatePairScores(
  gold: readonly (string | null)[],
  predicted: readonly string[],
): Scores & { goldPairs: number; predictedPairs: number } {
  const goldSizes = new Map<string, number>();
  const predictedSizes = new Map<string, number>();
  const bothSizes = new Map<string, number>();
  gold.forEach((story, index) => {
    const cluster = predicted[index]!;
    predictedSizes.set(cluster, (predictedSizes.get(cluster) ?? 0) + 1);
    if (story === null) return;
    goldSizes.set(story, (goldSizes.get(story) ?? 0) + 1);
    const both = JSON.stringify([story, cluster]);
    bothSizes.set(both, (bothSizes.get(both) ?? 0) + 1);
  });
  const sum = (sizes: Map<string, number>) => [...sizes.values()].reduce((total, size) => total + pairsIn(size), 0);
  const goldPairs = sum(goldSizes);
  const predictedPairs = sum(predictedSizes);
  const tp = sum(bothSizes);
  return { ...scoresOf({ tp, fp: predictedPairs - tp, fn: goldPairs - tp }), goldPairs, predictedPairs };
}

/** Every measure of the tagger on a labelled set. Items are matched by id. */
export function evaluate(gold: readonly LabelledItem[], predicted: readonly PredictedItem[], taskIds: string[], regionIds: string[]): EvalReport {
  const byId = new Map(predicted.map((item) => [item.id, item]));
  const missing = gold.filter((item) => !byId.has(item.id)).map((item) => item.id);
  if (missing.length > 0) throw new Error(`evaluate: no prediction for ${missing.slice(0, 5).join(', ')}`);
  const pairs = gold.map((item) => ({ gold: item, predicted: byId.get(item.id)! }));

  const tasks = labelScores(
    taskIds,
    pairs.map((pair) => pair.gold.categories),
    pairs.map((pair) => pair.predicted.categories),
  );
  // Macro: the mean over the tasks that occur (in the gold or the predictions).
  const occurring = tasks.per.filter((task) => task.tp + task.fp + task.fn > 0);
  const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
  const regions = labelScores(
    regionIds,
    pairs.map((pair) => pair.gold.regions),
    pairs.map((pair) => pair.predicted.regions),
  );

  const languageCorrect = pairs.filter((pair) => pair.gold.lang === pair.predicted.lang).length;
  const healthCorrect = pairs.filter((pair) => pair.gold.health === pair.predicted.health).length;
  const healthCounts = { tp: 0, fp: 0, fn: 0 };
  for (const { gold: g, predicted: p } of pairs) {
    if (g.health && p.health) healthCounts.tp++;
    else if (p.health) healthCounts.fp++;
    else if (g.health) healthCounts.fn++;
  }

  const confused = new Map<string, number>();
  for (const { gold: g, predicted: p } of pairs) {
    const missed = g.categories.filter((id) => !p.categories.includes(id));
    const added = p.categories.filter((id) => !g.categories.includes(id));
    for (const goldId of missed) for (const predictedId of added) {
      const key = `${goldId}\u0000${predictedId}`;
      confused.set(key, (confused.get(key) ?? 0) + 1);
    }
  }
  const confusedTasks = [...confused]
    .map(([key, count]) => {
      const [goldId, predictedId] = key.split('\u0000') as [string, string];
      return { gold: goldId, predicted: predictedId, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold) || a.predicted.localeCompare(b.predicted));

  return {
    items: gold.length,
    tasks: {
      perTask: tasks.per,
      micro: tasks.micro,
      macro: {
        precision: mean(occurring.map((task) => task.precision)),
        recall: mean(occurring.map((task) => task.recall)),
        f1: mean(occurring.map((task) => task.f1)),
      },
    },
    regions: { perRegion: regions.per, micro: regions.micro },
    language: { accuracy: ratio(languageCorrect, gold.length), correct: languageCorrect, total: gold.length },
    health: { accuracy: ratio(healthCorrect, gold.length), correct: healthCorrect, total: gold.length, asLabel: scoresOf(healthCounts) },
    duplicates: duplicatePairScores(
      pairs.map((pair) => pair.gold.story),
      pairs.map((pair) => pair.predicted.cluster),
    ),
    confusedTasks,
  };
}
