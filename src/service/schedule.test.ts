import { describe, expect, it } from 'vitest';
import { changedShown, DEFAULT_SCHEDULE_POLICY, dueSources, entryFrequencyMs, hintedMinimumMs, nextPollAt, nextWake, type PollInput, type RefreshHints } from './schedule.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const now = new Date('2026-12-07T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * HOUR).toISOString();
const times = (count: number, everyHours: number) => Array.from({ length: count }, (_, i) => hoursAgo(i * everyHours));

describe('hintedMinimumMs: the publisher asks not to be polled more often than…', () => {
  it.each<[string, RefreshHints | null, number]>([
    ['nothing', null, 0],
    ['an empty set of hints', {}, 0],
    ['<ttl>60</ttl>', { ttl: '60' }, 60 * MIN],
    ['<ttl> 15 </ttl>', { ttl: ' 15 ' }, 15 * MIN],
    ['a ttl that is not a number', { ttl: 'soon' }, 0],
    ['a negative ttl', { ttl: '-5' }, 0],
    ['sy hourly ×2', { updatePeriod: 'hourly', updateFrequency: '2' }, 30 * MIN],
    ['sy daily (frequency 1 by default)', { updatePeriod: 'daily' }, 24 * HOUR],
    ['sy frequency alone (period daily by default)', { updateFrequency: '48' }, 30 * MIN],
    ['sy period in capitals', { updatePeriod: 'HOURLY' }, HOUR],
    ['an unknown sy period', { updatePeriod: 'fortnightly' }, 0],
    ['Cache-Control max-age', { cacheControl: 'public, max-age=1800' }, 30 * MIN],
    ['Cache-Control no-cache with max-age', { cacheControl: 'no-cache, max-age=1800' }, 0],
    ['Cache-Control s-maxage only', { cacheControl: 's-maxage=1800' }, 0],
    ['the longest of several hints', { ttl: '20', updatePeriod: 'hourly', cacheControl: 'max-age=60' }, HOUR],
    ['a ttl of a year, capped at a day', { ttl: '525600' }, 24 * HOUR],
    ['sy weekly, capped at a day', { updatePeriod: 'weekly' }, 24 * HOUR],
  ])('%s', (_name, hints, expected) => {
    expect(hintedMinimumMs(hints)).toBe(expected);
  });
});

describe('entryFrequencyMs: Miniflux-style adaptive interval within [10 min, 2 h]', () => {
  it.each<[string, string[], number]>([
    ['no items at all: the quiet bound', [], 2 * HOUR],
    ['items older than a week only', times(5, 24 * 9).slice(1), 2 * HOUR],
    ['one item this week: a week is longer than the bound', [hoursAgo(1)], 2 * HOUR],
    ['84 items a week: every 2 h', times(84, 2), 2 * HOUR],
    ['168 items a week: every hour', times(168, 1), HOUR],
    ['336 items a week: every 30 min', times(336, 0.5), 30 * MIN],
    ['5000 items a week: the busy bound', times(5000, 0.03), 10 * MIN],
    ['unreadable dates are not counted', ['not a date', 'also not'], 2 * HOUR],
  ])('%s', (_name, dates, expected) => {
    expect(entryFrequencyMs(dates, now)).toBe(expected);
  });
});

describe('nextPollAt', () => {
  const base: PollInput = { now, fixedIntervalMs: null, pollIntervalMinutes: null, publishedAt: times(168, 1), hints: null, backoffUntil: null };
  it.each<[string, Partial<PollInput>, number, string]>([
    ['adaptive by default', {}, HOUR, 'adaptive'],
    ['a busy feed: the default 10 minutes', { publishedAt: times(5000, 0.03) }, 10 * MIN, 'adaptive'],
    ['the source sets pollInterval', { pollIntervalMinutes: 30 }, 30 * MIN, 'configured'],
    ['pollInterval shorter than the ttl: the ttl', { pollIntervalMinutes: 5, hints: { ttl: '45' } }, 45 * MIN, 'hinted'],
    ['ttl shorter than the adaptive interval: adaptive', { hints: { ttl: '15' } }, HOUR, 'adaptive'],
    ['Cache-Control longer than adaptive', { hints: { cacheControl: 'max-age=7200' } }, 2 * HOUR, 'hinted'],
    ['--interval wins over everything but backoff', { fixedIntervalMs: 20_000, pollIntervalMinutes: 30, hints: { ttl: '60' } }, 20_000, 'fixed'],
    ['backoff later than the interval', { fixedIntervalMs: 20_000, backoffUntil: new Date(now.getTime() + 15 * MIN).toISOString() }, 15 * MIN, 'backoff'],
    ['backoff (Retry-After) earlier than the interval: the interval', { backoffUntil: new Date(now.getTime() + MIN).toISOString() }, HOUR, 'adaptive'],
    ['an unreadable backoff date is ignored', { backoffUntil: 'tomorrow' }, HOUR, 'adaptive'],
  ])('%s', (_name, input, waitMs, reason) => {
    const decision = nextPollAt({ ...base, ...input });
    expect(decision.at.getTime() - now.getTime()).toBe(waitMs);
    expect(decision.reason).toBe(reason);
  });
  it('uses the policy passed in', () => {
    expect(nextPollAt({ ...base, publishedAt: [] }, { ...DEFAULT_SCHEDULE_POLICY, maxMs: 6 * HOUR }).intervalMs).toBe(6 * HOUR);
  });
});

describe('restart: due sources and the next wake come from the stored nextFetchAt', () => {
  const sources = [
    { id: 'a', enabled: true, fetchUrl: 'http://a.test/feed' },
    { id: 'b', enabled: true, fetchUrl: 'http://b.test/feed' },
    { id: 'c', enabled: true, fetchUrl: 'http://c.test/feed' },
    { id: 'off', enabled: false, fetchUrl: 'http://off.test/feed' },
    { id: 'none', enabled: true, fetchUrl: null },
  ];
  it.each<[string, Record<string, string | null>, string[], string | null]>([
    ['a fresh dataset: everything due now', {}, ['a', 'b', 'c'], now.toISOString()],
    [
      'a restart: only what fell due while stopped',
      { a: hoursAgo(1), b: new Date(now.getTime() + 5 * MIN).toISOString(), c: new Date(now.getTime() + HOUR).toISOString() },
      ['a'],
      now.toISOString(),
    ],
    [
      'nothing due: wake at the earliest',
      { a: new Date(now.getTime() + 7 * MIN).toISOString(), b: new Date(now.getTime() + 5 * MIN).toISOString(), c: new Date(now.getTime() + HOUR).toISOString() },
      [],
      new Date(now.getTime() + 5 * MIN).toISOString(),
    ],
    ['an unreadable date is due', { a: 'garbage', b: hoursAgo(-1), c: hoursAgo(-1) }, ['a'], now.toISOString()],
  ])('%s', (_name, stored, due, wake) => {
    const map = new Map(Object.entries(stored));
    expect(dueSources(sources, map, now).map((source) => source.id)).toEqual(due);
    expect(nextWake(sources, map, now)?.toISOString() ?? null).toBe(wake);
  });
  it('no enabled source: no wake', () => {
    expect(nextWake([{ id: 'off', enabled: false, fetchUrl: 'x' }], new Map(), now)).toBeNull();
  });
});

describe('changedShown: rebuild only for what the site shows', () => {
  type Shown = { failing: boolean; code: string | null };
  const ok: Shown = { failing: false, code: null };
  const dns: Shown = { failing: true, code: 'dns' };
  it.each<[string, { new: number; updated: number }, [string, Shown][], [string, Shown][], boolean]>([
    ['nothing new, states unchanged', { new: 0, updated: 0 }, [['a', ok]], [['a', ok]], false],
    ['a new item', { new: 1, updated: 0 }, [['a', ok]], [['a', ok]], true],
    ['an updated item', { new: 0, updated: 2 }, [['a', ok]], [['a', ok]], true],
    ['a source starts failing', { new: 0, updated: 0 }, [['a', ok]], [['a', dns]], true],
    ['a source recovers', { new: 0, updated: 0 }, [['a', dns]], [['a', ok]], true],
    ['another error code', { new: 0, updated: 0 }, [['a', dns]], [['a', { failing: true, code: 'timeout' }]], true],
    ['still failing the same way', { new: 0, updated: 0 }, [['a', dns]], [['a', dns]], false],
    ['a new source', { new: 0, updated: 0 }, [], [['a', ok]], true],
  ])('%s', (_name, items, before, after, expected) => {
    expect(changedShown(items, new Map(before), new Map(after))).toBe(expected);
  });
});
