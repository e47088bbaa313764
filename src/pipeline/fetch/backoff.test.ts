import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF_POLICY,
  EMPTY_FETCH_STATE,
  isDue,
  nextFetchState,
  parseRetryAfter,
  type FetchOutcome,
  type SourceFetchState,
} from './backoff.ts';

const NOW = new Date('2025-06-02T10:00:00.000Z');
const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const failed = (code = 'timeout', retryAfter?: string | null): FetchOutcome => ({
  ok: false,
  error: { code, message: `https://example.org/rss: ${code}`, retryAfter },
});
const waitOf = (state: SourceFetchState, now = NOW): number => Date.parse(state.nextFetchAt!) - now.getTime();

describe('parseRetryAfter', () => {
  it.each([
    { value: '120', expected: '2025-06-02T10:02:00.000Z' },
    { value: ' 0 ', expected: '2025-06-02T10:00:00.000Z' },
    { value: 'Wed, 21 Oct 2026 07:28:00 GMT', expected: '2026-10-21T07:28:00.000Z' },
    { value: 'Sun, 01 Jun 2025 00:00:00 GMT', expected: '2025-06-01T00:00:00.000Z' },
    { value: null, expected: null },
    { value: '', expected: null },
    { value: '-5', expected: null },
    { value: '1.5', expected: null },
    { value: 'soon', expected: null },
  ])('$value -> $expected', ({ value, expected }) => {
    expect(parseRetryAfter(value, NOW)?.toISOString() ?? null).toBe(expected);
  });
});

describe('nextFetchState: backoff', () => {
  // Consecutive failures 1..10: 15 min doubling, held at the 24 h ceiling from the 8th on.
  const expected = [15 * MIN, 30 * MIN, 1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 16 * HOUR, 24 * HOUR, 24 * HOUR, 24 * HOUR];

  it('doubles from 15 minutes and stops at 24 hours', () => {
    let state = EMPTY_FETCH_STATE;
    const waits: number[] = [];
    for (let i = 0; i < expected.length; i++) {
      state = nextFetchState(state, failed(), NOW);
      expect(state.consecutiveFailures).toBe(i + 1);
      waits.push(waitOf(state));
    }
    expect(waits).toEqual(expected);
  });

  it('records the error and keeps the validators and the last success', () => {
    const previous: SourceFetchState = {
      ...EMPTY_FETCH_STATE,
      etag: '"v1"',
      lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT',
      lastSuccessAt: '2025-06-01T10:00:00.000Z',
    };
    const state = nextFetchState(previous, failed('http_status'), NOW);
    expect(state).toEqual({
      etag: '"v1"',
      lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT',
      lastFetchedAt: NOW.toISOString(),
      lastSuccessAt: '2025-06-01T10:00:00.000Z',
      lastError: { code: 'http_status', message: 'https://example.org/rss: http_status', at: NOW.toISOString() },
      consecutiveFailures: 1,
      nextFetchAt: new Date(NOW.getTime() + 15 * MIN).toISOString(),
    });
  });

  it.each([
    { name: 'shorter than the backoff: backoff wins', failures: 0, retryAfter: '120', wait: 15 * MIN },
    { name: 'longer than the backoff: Retry-After wins', failures: 0, retryAfter: String(2 * 3600), wait: 2 * HOUR },
    { name: 'as an HTTP-date', failures: 0, retryAfter: 'Mon, 02 Jun 2025 13:00:00 GMT', wait: 3 * HOUR },
    { name: 'beyond the ceiling: capped', failures: 0, retryAfter: String(3 * 24 * 3600), wait: 24 * HOUR },
    { name: 'in the past: backoff', failures: 3, retryAfter: 'Sun, 01 Jun 2025 00:00:00 GMT', wait: 2 * HOUR },
    { name: 'unreadable: backoff', failures: 1, retryAfter: 'later', wait: 30 * MIN },
  ])('Retry-After $name', ({ failures, retryAfter, wait }) => {
    const previous = { ...EMPTY_FETCH_STATE, consecutiveFailures: failures };
    expect(waitOf(nextFetchState(previous, failed('rate_limited', retryAfter), NOW))).toBe(wait);
  });

  it('honours a custom policy', () => {
    const policy = { baseMs: 1_000, ceilingMs: 5_000 };
    let state = EMPTY_FETCH_STATE;
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      state = nextFetchState(state, failed(), NOW, policy);
      waits.push(waitOf(state));
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(DEFAULT_BACKOFF_POLICY).toEqual({ baseMs: 15 * MIN, ceilingMs: 24 * HOUR });
  });
});

describe('nextFetchState: success', () => {
  const failing: SourceFetchState = {
    etag: '"old"',
    lastModified: 'Sun, 01 Jun 2025 08:00:00 GMT',
    lastFetchedAt: '2025-06-02T09:00:00.000Z',
    lastSuccessAt: '2025-05-30T09:00:00.000Z',
    lastError: { code: 'timeout', message: 'x', at: '2025-06-02T09:00:00.000Z' },
    consecutiveFailures: 7,
    nextFetchAt: '2025-06-03T09:00:00.000Z',
  };

  it.each([
    { name: 'new content', etag: '"new"', lastModified: 'Mon, 02 Jun 2025 08:00:00 GMT' },
    { name: 'a 304 (validators carried through by fetchFeed)', etag: '"old"', lastModified: 'Sun, 01 Jun 2025 08:00:00 GMT' },
    { name: 'content without validators', etag: null, lastModified: null },
  ])('after $name: failures reset, validators updated, due at once', ({ etag, lastModified }) => {
    const state = nextFetchState(failing, { ok: true, etag, lastModified }, NOW);
    expect(state).toEqual({
      etag,
      lastModified,
      lastFetchedAt: NOW.toISOString(),
      lastSuccessAt: NOW.toISOString(),
      lastError: null,
      consecutiveFailures: 0,
      nextFetchAt: null,
    });
    expect(isDue(state, NOW)).toBe(true);
  });

  it('a failure after a success starts again from the base delay', () => {
    const reset = nextFetchState(failing, { ok: true, etag: null, lastModified: null }, NOW);
    expect(waitOf(nextFetchState(reset, failed(), NOW))).toBe(15 * MIN);
  });
});

describe('isDue', () => {
  it.each([
    { nextFetchAt: null, due: true },
    { nextFetchAt: '2025-06-02T09:59:59.000Z', due: true },
    { nextFetchAt: '2025-06-02T10:00:00.000Z', due: true },
    { nextFetchAt: '2025-06-02T10:00:01.000Z', due: false },
    { nextFetchAt: 'garbage', due: true },
  ])('nextFetchAt $nextFetchAt -> $due', ({ nextFetchAt, due }) => {
    expect(isDue({ ...EMPTY_FETCH_STATE, nextFetchAt }, NOW)).toBe(due);
  });
});
