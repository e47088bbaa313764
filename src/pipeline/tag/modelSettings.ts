import type { LearnedModelJson } from './learned.ts';
import type { TrainOptions } from './train.ts';
import { optionsOf, type PairOptions } from './trainTagger.ts';

// The settings a model was trained with live in its own file (`trainedOn`,
// `training`, `selection`, `titleWeight`, `stories`): `npm run train` without
// options trains again with them, so it reproduces the shipped model, and
// anything else is compared with them and said.

export type ModelSettings = { files: readonly string[]; options: TrainOptions; pairs: PairOptions };

/** What a model file says it was trained with. */
export function settingsOf(model: LearnedModelJson): ModelSettings {
  return { files: model.trainedOn ?? [], ...optionsOf(model) };
}

const flat = (settings: ModelSettings): [string, number][] => [
  ['l2', settings.options.l2],
  ['epochs', settings.options.epochs],
  ['learning rate', settings.options.learningRate],
  ['title weight', settings.options.titleWeight],
  ['min word weight', settings.options.minWeight],
  ['health threshold', settings.options.selection.healthThreshold],
  ['task threshold', settings.options.selection.taskThreshold],
  ['task share of the top task', settings.options.selection.relativeToTop],
  ['max tasks per item', settings.options.selection.maxTasks],
  ['story pair l2', settings.pairs.l2],
  ['story same-story weight', settings.pairs.positiveWeight ?? 1],
  ['story pair threshold', settings.pairs.threshold],
  ['story link threshold', settings.pairs.linkThreshold],
];

/** Each difference of `next` from `shipped`, as a line a person reads ("max tasks per item 2 → 3"); empty when none. */
export function settingsChanges(shipped: ModelSettings, next: ModelSettings): string[] {
  const changes: string[] = [];
  const added = next.files.filter((file) => !shipped.files.includes(file));
  const removed = shipped.files.filter((file) => !next.files.includes(file));
  if (added.length > 0) changes.push(`trained also on ${added.join(', ')}`);
  if (removed.length > 0) changes.push(`no longer trained on ${removed.join(', ')}`);
  const before = new Map(flat(shipped));
  for (const [name, value] of flat(next)) if (before.get(name) !== value) changes.push(`${name} ${before.get(name)} → ${value}`);
  return changes;
}
