import { isDue } from '../pipeline/fetch/backoff.ts';
import type { FeedRefreshHints } from '../pipeline/model.ts';

// When to poll each source, and when the service should wake next. Pure:
// the clock, the feed's hints and the stored state are parameters.
//
// The interval of a source, in order:
// 1. `--interval SECONDS` (fixed for every source: tests, small installations);
// 2. else the source's `pollInterval` (minutes, in the sources file);
// 3. else adaptive to how often the feed posts, as Miniflux's entry-frequency
//    scheduler does: a week divided by the items of the last seven days,
//    within [minMs, maxMs] (a quiet feed is polled at maxMs);
// then the publisher's own hints are lower bounds (never poll more often than
// asked): RSS `<ttl>` (minutes), `sy:updatePeriod`/`sy:updateFrequency`, and
// `Cache-Control: max-age` of the response, each capped at `hintCeilingMs` so
// a mistaken hint cannot silence a source. A failure keeps the backoff
// (doubling from 15 minutes, Retry-After honoured: fetch/backoff.ts), never
// sooner than the interval.

export type SchedulePolicy = {
  /** The interval when nothing else says (10 minutes). */
  defaultIntervalMs: number;
  /** Adaptive bounds: a busy feed is polled at most this often... */
  minMs: number;
  /** ...and a quiet one at least this often. */
  maxMs: number;
  /** Publisher hints longer than this are read as this. */
  hintCeilingMs: number;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const WEEK = 7 * 24 * HOUR;

export const DEFAULT_SCHEDULE_POLICY: SchedulePolicy = Object.freeze({
  defaultIntervalMs: 10 * MINUTE,
  minMs: 10 * MINUTE,
  maxMs: 2 * HOUR,
  hintCeilingMs: 24 * HOUR,
});

/** What a feed and its response say about polling, as written (parsed here). */
export type RefreshHints = FeedRefreshHints;

const PERIOD_MS: Record<string, number> = { hourly: HOUR, daily: 24 * HOUR, weekly: WEEK, monthly: 30 * 24 * HOUR, yearly: 365 * 24 * HOUR };

const positiveNumber = (value: string | null | undefined): number | null => {
  if (value == null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return null;
  const number = Number(value);
  return number > 0 ? number : null;
};

/** The longest wait the publisher asks for, in ms (0 when it asks nothing). */
export function hintedMinimumMs(hints: RefreshHints | null | undefined, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): number {
  if (!hints) return 0;
  const waits: number[] = [];
  const ttl = positiveNumber(hints.ttl);
  if (ttl !== null) waits.push(ttl * MINUTE);
  const period = hints.updatePeriod?.trim().toLowerCase();
  const frequency = hints.updateFrequency == null ? null : positiveNumber(hints.updateFrequency);
  if ((period && PERIOD_MS[period]) || frequency !== null) waits.push((PERIOD_MS[period ?? ''] ?? PERIOD_MS.daily!) / (frequency ?? 1));
  const maxAge = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(hints.cacheControl ?? '');
  if (maxAge && !/(?:^|,)\s*(no-cache|no-store)\b/i.test(hints.cacheControl ?? '')) waits.push(Number(maxAge[1]) * 1000);
  return Math.min(Math.max(0, ...waits), policy.hintCeilingMs);
}

/** Miniflux's entry frequency: a week over the items published in the last seven days, within the policy's bounds. */
export function entryFrequencyMs(publishedAt: readonly string[], now: Date, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): number {
  const since = now.getTime() - WEEK;
  let weekly = 0;
  for (const date of publishedAt) {
    const at = Date.parse(date);
    if (Number.isFinite(at) && at >= since && at <= now.getTime() + HOUR) weekly++;
  }
  if (weekly === 0) return policy.maxMs;
  return Math.min(policy.maxMs, Math.max(policy.minMs, Math.round(WEEK / weekly)));
}

export type PollInput = {
  now: Date;
  /** `--interval`, in ms; null when not given. */
  fixedIntervalMs: number | null;
  /** The source's `pollInterval` (minutes); null when not set. */
  pollIntervalMinutes: number | null;
  /** publishedAt of the source's stored items (for the adaptive interval). */
  publishedAt: readonly string[];
  hints: RefreshHints | null;
  /** Set after a failure: when the backoff allows the next attempt (fetch/backoff.ts). */
  backoffUntil: string | null;
};

export type PollDecision = { at: Date; intervalMs: number; reason: 'fixed' | 'configured' | 'adaptive' | 'hinted' | 'backoff' };

/** When to poll a source next, after a poll at `now`. */
export function nextPollAt(input: PollInput, policy: SchedulePolicy = DEFAULT_SCHEDULE_POLICY): PollDecision {
  let intervalMs: number;
  let reason: PollDecision['reason'];
  if (input.fixedIntervalMs !== null) {
    intervalMs = input.fixedIntervalMs;
    reason = 'fixed';
  } else {
    if (input.pollIntervalMinutes !== null) {
      intervalMs = input.pollIntervalMinutes * MINUTE;
      reason = 'configured';
    } else {
      intervalMs = entryFrequencyMs(input.publishedAt, input.now, policy);
      reason = 'adaptive';
    }
    const hinted = hintedMinimumMs(input.hints, policy);
    if (hinted > intervalMs) {
      intervalMs = hinted;
      reason = 'hinted';
    }
  }
  let at = input.now.getTime() + intervalMs;
  const backoff = input.backoffUntil === null ? NaN : Date.parse(input.backoffUntil);
  if (Number.isFinite(backoff) && backoff > at) {
    at = backoff;
    reason = 'backoff';
  }
  return { at: new Date(at), intervalMs, reason };
}

/** The sources to poll now: enabled ones whose stored nextFetchAt has come (none stored: due). */
export function dueSources<T extends { id: string; enabled: boolean; fetchUrl: string | null }>(
  sources: readonly T[],
  nextFetchAt: ReadonlyMap<string, string | null>,
  now: Date,
): T[] {
  return sources.filter((source) => source.enabled && source.fetchUrl !== null && isDue({ nextFetchAt: nextFetchAt.get(source.id) ?? null }, now));
}

/** When the next source falls due (null: none enabled), never before `now`. */
export function nextWake<T extends { id: string; enabled: boolean; fetchUrl: string | null }>(
  sources: readonly T[],
  nextFetchAt: ReadonlyMap<string, string | null>,
  now: Date,
): Date | null {
  let earliest = Infinity;
  for (const source of sources) {
    if (!source.enabled || source.fetchUrl === null) continue;
    const at = Date.parse(nextFetchAt.get(source.id) ?? '');
    earliest = Math.min(earliest, Number.isFinite(at) ? at : now.getTime());
  }
  return earliest === Infinity ? null : new Date(Math.max(earliest, now.getTime()));
}

/** What a source shows on the site of its fetch state: whether it is failing, and why. Timestamps alone do not rebuild the site. */
export type ShownSourceState = { failing: boolean; code: string | null };

/** Whether a cycle changed anything the site shows: new or updated items, or a source starting or stopping to fail. */
export function changedShown(
  items: { new: number; updated: number },
  before: ReadonlyMap<string, ShownSourceState>,
  after: ReadonlyMap<string, ShownSourceState>,
): boolean {
  if (items.new > 0 || items.updated > 0) return true;
  for (const [id, state] of after) {
    const previous = before.get(id);
    if (!previous || previous.failing !== state.failing || previous.code !== state.code) return true;
  }
  return false;
}
