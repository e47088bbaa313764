// The fetch stage's public surface: the one I/O edge of the pipeline.
export { ACCEPT_ENCODING, DEFAULT_FETCH_OPTIONS, FEED_FETCHER_USER_AGENT, fetchFeed } from './fetchFeed.ts';
export type { FetchLike, FetchLikeInit, FetchLikeResponse, FetchOptions } from './fetchFeed.ts';
export { FETCH_ERROR_CODES, classifyNetworkError } from './errors.ts';
export type { FetchErrorCode } from './errors.ts';
export { DEFAULT_SCHEDULER_OPTIONS, createHostScheduler, hostKey } from './scheduler.ts';
export type { HostScheduler, HostSchedulerOptions } from './scheduler.ts';
export {
  DEFAULT_BACKOFF_POLICY,
  EMPTY_FETCH_STATE,
  backoffDelayMs,
  isDue,
  nextFetchState,
  parseRetryAfter,
} from './backoff.ts';
export type { BackoffPolicy, FetchOutcome, SourceFetchState } from './backoff.ts';
