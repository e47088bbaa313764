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

export type StageOptions = {
  fetchOptions?: Partial<FetchOptions>;
  /** Politeness rules for fetching; `false` runs fetches one after another with no spacing (inspect). */
  politeness?: Partial<HostSchedulerOptions> | false;
  /** Leave out tagging (the inspect command shows what the feed says, not our tags). */
  tagging?: boolean;
};

/** The production pipeline: every stage as shipped. */
export function createDefaultStages(options: StageOptions = {}): PipelineStages {
  const scheduler = options.politeness === false ? null : createHostScheduler(options.politeness ?? {});
  return {
    fetchFeed: (request) => fetchFeed(request, options.fetchOptions),
    decodeFeed,
    parseFeed,
    normalizeFeed,
    detectLanguage,
    nextFetchState,
    isDue,
    schedule: scheduler ? (url, task) => scheduler.schedule(url, task) : (_url, task) => task(),
  };
}
