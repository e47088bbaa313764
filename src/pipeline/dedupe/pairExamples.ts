import { candidatePairs, type StoryItem } from './groupStories.ts';
import type { CompiledStoryRules } from './storyRules.ts';

/**
 * The candidate pairs of one labelled batch as training examples for the pair
 * model: `same` when both items carry the same gold story id. Pure.
 */
export function pairExamples(
  items: readonly (StoryItem & { story: string | null })[],
  rules: CompiledStoryRules,
): { inputs: Float64Array; same: boolean }[] {
  return candidatePairs(items, rules).map((pair) => {
    const a = items[pair.a]!.story;
    const b = items[pair.b]!.story;
    return { inputs: pair.inputs, same: a !== null && a === b };
  });
}
