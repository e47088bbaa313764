// When to fetch a source next: conditional-GET validators, failure backoff and
// Retry-After. Pure: the clock is a parameter.

/** The fetch state kept on a source between runs (same shape as the `source` document fields). */
export type SourceFetchState = {
  etag: string | null;
  lastModified: string | null;
  /** ISO 8601: the last attempt, successful or not. */
  lastFetchedAt: string | null;
  /** ISO 8601: the last attempt that gave content or a 304. */
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  consecutiveFailures: number;
  /** ISO 8601; null means "whenever the next run happens". */
  nextFetchAt: string | null;
};

export const EMPTY_FETCH_STATE: SourceFetchState = Object.freeze({
  etag: null,
  lastModified: null,
  lastFetchedAt: null,
  lastSuccessAt: null,
  lastError: null,
  consecutiveFailures: 0,
  nextFetchAt: null,
});

/**
 * What a fetch attempt came to. On success the validators are those of the
 * final response; `fetchFeed` already falls back to the request's validators
 * on a 304 that omits them, so they are taken as given here.
 */
export type FetchOutcome =
  | { ok: true; etag: string | null; lastModified: string | null }
  | { ok: false; error: { code: string; message: string; retryAfter?: string | null } };

export type BackoffPolicy = {
  /** Wait after the first failure; doubled for each further one. */
  baseMs: number;
  /** No wait is ever longer, Retry-After included: a source is retried at least daily. */
  ceilingMs: number;
};

export const DEFAULT_BACKOFF_POLICY: BackoffPolicy = Object.freeze({
  baseMs: 15 * 60 * 1000,
  ceilingMs: 24 * 60 * 60 * 1000,
});

const DELTA_SECONDS = /^\d+$/;

/**
 * Reads a Retry-After header (RFC 9110 §10.2.3): delta-seconds or an
 * HTTP-date. Null when absent or unreadable. A date in the past is returned
 * as it is; the caller decides what waiting zero means.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): Date | null {
  if (value == null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (DELTA_SECONDS.test(trimmed)) {
    const at = new Date(now.getTime() + Number(trimmed) * 1000);
    return Number.isFinite(at.getTime()) ? at : null;
  }
  // A bare number with a sign or a fraction is not valid delta-seconds, and
  // Date.parse would read it as a year; refuse it rather than guess.
  if (/^[-+]?[\d.]+$/.test(trimmed)) return null;
  const parsed = Date.parse(trimmed);
  return Number.isFinite(parsed) ? new Date(parsed) : null;
}

/** The wait after `failures` consecutive failures (1 = the first), before Retry-After. */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF_POLICY): number {
  if (failures <= 0) return 0;
  // 2 ** large is Infinity, which min() turns into the ceiling.
  return Math.min(policy.baseMs * 2 ** (failures - 1), policy.ceilingMs);
}

export function nextFetchState(
  previous: SourceFetchState,
  outcome: FetchOutcome,
  now: Date,
  policy: BackoffPolicy = DEFAULT_BACKOFF_POLICY,
): SourceFetchState {
  const at = now.toISOString();
  if (outcome.ok) {
    return {
      etag: outcome.etag,
      lastModified: outcome.lastModified,
      lastFetchedAt: at,
      lastSuccessAt: at,
      lastError: null,
      consecutiveFailures: 0,
      nextFetchAt: null,
    };
  }
  const failures = previous.consecutiveFailures + 1;
  let delay = backoffDelayMs(failures, policy);
  const retryAt = parseRetryAfter(outcome.error.retryAfter ?? null, now);
  if (retryAt !== null) delay = Math.max(delay, retryAt.getTime() - now.getTime());
  delay = Math.min(delay, policy.ceilingMs);
  return {
    // Validators stay: they describe the last content we hold, which a failure does not change.
    etag: previous.etag,
    lastModified: previous.lastModified,
    lastFetchedAt: at,
    lastSuccessAt: previous.lastSuccessAt,
    lastError: { code: outcome.error.code, message: outcome.error.message, at },
    consecutiveFailures: failures,
    nextFetchAt: new Date(now.getTime() + delay).toISOString(),
  };
}

/** True when the source may be fetched at `now`. An unreadable nextFetchAt does not block a source forever. */
export function isDue(state: Pick<SourceFetchState, 'nextFetchAt'>, now: Date): boolean {
  if (state.nextFetchAt === null) return true;
  const at = Date.parse(state.nextFetchAt);
  return !Number.isFinite(at) || at <= now.getTime();
}
