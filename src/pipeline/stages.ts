import { decodeFeed } from './decode/index.ts';
import {
  createHostScheduler,
  fetchFeed,
  isDue,
  nextFetchState,
  type FetchOptions,
  type HostSchedulerOptions,
} from './fetch/index.ts';
import { detectLanguage } from './language/index.ts';
import { normalizeFeed } from './normalize/index.ts';
import { parseFeed } from './parse/index.ts';
import type { PipelineStages } from './run.ts';
import { groupStories } from './dedupe/index.ts';
import { refineLanguage, tagItem, type Tagger } from './tag/index.ts';

export type StageOptions = {
  fetchOptions?: Partial<FetchOptions>;
  /** Politeness rules for fetching; `false` runs fetches one after another with no spacing (inspect). */
  politeness?: Partial<HostSchedulerOptions> | false;
  /** The loaded tag rules (`loadTagger()`); without them items are stored untagged (inspect, benches of the bare pipeline). */
  tagger?: Tagger;
};

/** The production pipeline: every stage as shipped. */
export function createDefaultStages(options: StageOptions = {}): PipelineStages {
  const { tagger } = options;
  const scheduler = options.politeness === false ? null : createHostScheduler(options.politeness ?? {});
  return {
    fetchFeed: (request) => fetchFeed(request, options.fetchOptions),
    decodeFeed,
    parseFeed,
    normalizeFeed,
    detectLanguage: tagger
      ? (input, declared) => refineLanguage(input, detectLanguage(input, declared), tagger.languageHints)
      : detectLanguage,
    ...(tagger
      ? {
          tagItem: (input) => tagItem(input, tagger.tagRules),
          groupStories: (items) => groupStories(items, tagger.storyRules),
        }
      : {}),
    // The source is for a schedule that depends on it (the service's); the backoff does not.
    nextFetchState: (previous, outcome, now) => nextFetchState(previous, outcome, now),
    isDue,
    schedule: scheduler ? (url, task) => scheduler.schedule(url, task) : (_url, task) => task(),
  };
}
