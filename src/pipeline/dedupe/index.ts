export { canonicalLink, groupStories, storyPairs, type StoryItem, type StoryPair } from './groupStories.ts';
export { compileStoryRules, defaultStoryRules, type CompiledStoryRules, type StoryRules } from './storyRules.ts';
export { storyFeatures, type FeatureType, type StoryFeatures } from './features.ts';
export { nameKey, transliterate } from './names.ts';
