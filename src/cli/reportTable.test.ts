import { describe, expect, it } from 'vitest';
import type { RunReport } from '../pipeline/run.ts';
import { formatReportTable, wrapText } from './ingestCommand.ts';

// The ingest summary on terminals of several widths: every line fits, and
// nothing of a source's error is lost to the width.

const source = (sourceId: string, error?: string): RunReport['sources'][number] => ({
  sourceId,
  status: error ? 'failed' : 'ok',
  ...(error ? { stage: 'fetch' as const, error: { code: 'dns', message: error } } : {}),
  items: { new: 12, updated: 3, unchanged: 140, duplicate: 2 },
  feedItems: 157,
  droppedItems: 1,
  ms: 1234,
  consecutiveFailures: error ? 2 : 0,
});

const report: RunReport = {
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:00:05.000Z',
  dryRun: false,
  datasetLocation: '/srv/medclusters/data/dataset.ndjson',
  sources: [
    source('lnr-minzdrav'),
    source('chelyabinsk-regional-ministry-of-health', 'https://minzdrav.gov74.example/rss (at https://minzdrav74.example/feed/rss.xml): host name did not resolve (ENOTFOUND getaddrinfo ENOTFOUND minzdrav74.example)'),
    source('demo-murmansk-media'),
  ],
  totals: { sources: 3, failed: 1, backingOff: 0, new: 24, updated: 6, unchanged: 280, duplicate: 4, dropped: 2 },
};

describe('formatReportTable', () => {
  it.each([80, 100, 120, 200])('fits %i columns, with the whole error message', (width) => {
    const text = formatReportTable(report, width);
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
    const flat = text.replace(/[│┃║|]/g, ' ').replace(/\s+/g, ' ');
    expect(flat).toContain('ENOTFOUND minzdrav74.example)');
    expect(flat).toContain('lnr-minzdrav');
  });

  it('keeps one line per source and cuts the error at 90 characters when there is no terminal', () => {
    const text = formatReportTable(report);
    expect(text.split('\n').filter((line) => line.includes('chelyabinsk'))).toHaveLength(1);
    expect(text).toContain('…');
  });
});

describe('wrapText', () => {
  it.each([
    ['one two three four', 9, ['one two', 'three', 'four']],
    ['averyveryverylongword x', 8, ['averyver', 'yverylon', 'gword x']],
    ['', 10, []],
  ])('%j at %i', (text, width, expected) => {
    expect(wrapText(text, width)).toEqual(expected);
  });
});
