import { describe, expect, it } from 'vitest';
import { EMPTY_FETCH_STATE, nextFetchState } from '../pipeline/fetch/backoff.ts';
import type { FetchOutcome } from '../pipeline/run.ts';
import type { SourceConfig } from '../pipeline/sources/sources.ts';
import type { DatasetDocument } from '../pipeline/store/documents.ts';
import { publishedBySource, scheduledNextFetchState, shownAfter, shownBefore } from './cycle.ts';
import { changedShown } from './schedule.ts';
import type { RunReport, SourceReport } from '../pipeline/run.ts';

const now = new Date('2026-12-07T12:00:00Z');
const MIN = 60_000;
const source = (id: string, pollInterval?: number) => ({ id, enabled: true, fetchUrl: `http://${id}.test/feed`, ...(pollInterval ? { pollInterval } : {}) }) as unknown as SourceConfig;
const after = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('scheduledNextFetchState: the stored nextFetchAt after a poll', () => {
  const stage = (fixedIntervalMs: number | null) =>
    scheduledNextFetchState((previous, outcome, at) => nextFetchState(previous, outcome, at), {
      sources: new Map([
        ['quiet', source('quiet')],
        ['configured', source('configured', 30)],
      ]),
      published: new Map(),
      fixedIntervalMs,
    });
  it.each<[string, number | null, string, FetchOutcome, string | null, number]>([
    ['a quiet feed: the adaptive bound', null, 'quiet', { ok: true, etag: null, lastModified: null }, after(120 * MIN), 0],
    ['pollInterval', null, 'configured', { ok: true, etag: null, lastModified: null }, after(30 * MIN), 0],
    ['ttl longer than pollInterval', null, 'configured', { ok: true, etag: null, lastModified: null, hints: { ttl: '45' } }, after(45 * MIN), 0],
    ['--interval', 20_000, 'configured', { ok: true, etag: null, lastModified: null, hints: { ttl: '45' } }, after(20_000), 0],
    ['a failure: the backoff', 20_000, 'quiet', { ok: false, error: { code: 'dns', message: 'x' } }, after(15 * MIN), 1],
    ['429 with Retry-After an hour', 20_000, 'quiet', { ok: false, error: { code: 'rate_limited', message: 'x', retryAfter: '3600' } }, after(60 * MIN), 1],
  ])('%s', (_name, fixed, id, outcome, nextFetchAt, failures) => {
    const state = stage(fixed)({ ...EMPTY_FETCH_STATE }, outcome, now, { id });
    expect(state.nextFetchAt).toBe(nextFetchAt);
    expect(state.consecutiveFailures).toBe(failures);
  });
  it('without a source (a plain ingest) it is the pipeline decision', () => {
    expect(stage(null)({ ...EMPTY_FETCH_STATE }, { ok: true, etag: null, lastModified: null }, now).nextFetchAt).toBeNull();
  });
});

describe('what the dataset says before a cycle', () => {
  const documents = new Map<string, DatasetDocument>(
    [
      { _id: 'source-a', _type: 'source', consecutiveFailures: 2, lastError: { code: 'dns', message: 'x', at: '' } },
      { _id: 'source-b', _type: 'source', consecutiveFailures: 0, lastError: null },
      { _id: 'item-1', _type: 'newsItem', source: { _ref: 'source-a' }, publishedAt: '2026-12-01T00:00:00Z' },
      { _id: 'item-2', _type: 'newsItem', source: { _ref: 'source-a' }, publishedAt: '2026-12-02T00:00:00Z' },
      { _id: 'item-3', _type: 'newsItem', source: { _ref: 'source-b' } },
    ].map((document) => [document._id, document as DatasetDocument]),
  );
  it('publication dates by source, for the adaptive interval', () => {
    expect(Object.fromEntries(publishedBySource(documents))).toEqual({ 'source-a': ['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z'] });
  });
  it('which sources the site shows as failing', () => {
    expect(Object.fromEntries(shownBefore(documents, [source('a'), source('b'), source('new')]))).toEqual({ a: { failing: true, code: 'dns' }, b: { failing: false, code: null } });
  });
});

describe('a cycle changes what the site shows only through the sources it fetched', () => {
  const report = (...sources: Partial<SourceReport>[]) =>
    ({ sources: sources.map((source) => ({ status: 'ok', consecutiveFailures: 0, ...source })) }) as RunReport;
  const failingBefore = new Map([
    ['a', { failing: true, code: 'dns' }],
    ['b', { failing: false, code: null }],
  ]);
  it.each<[string, RunReport, boolean]>([
    ['a source still backing off (not fetched) and one fetched fine', report({ sourceId: 'a', status: 'backoff', consecutiveFailures: 2, error: { code: 'backoff', message: '' } }, { sourceId: 'b' }), false],
    ['the failing source fails again the same way', report({ sourceId: 'a', status: 'failed', consecutiveFailures: 3, error: { code: 'dns', message: '' } }), false],
    ['the failing source recovers', report({ sourceId: 'a', status: 'ok' }), true],
    ['the other one starts failing', report({ sourceId: 'b', status: 'failed', consecutiveFailures: 1, error: { code: 'timeout', message: '' } }), true],
    ['a disabled source', report({ sourceId: 'c', status: 'disabled', error: { code: 'disabled', message: '' } }), false],
  ])('%s', (_name, after, changed) => {
    expect(changedShown({ new: 0, updated: 0 }, failingBefore, shownAfter(after))).toBe(changed);
  });
});
