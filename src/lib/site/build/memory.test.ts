import { describe, expect, it } from 'vitest';
import { buildHeapLimitMb, HEAP_LIMIT_ERROR } from './memory.ts';

const MB = 1024 * 1024;

describe('buildHeapLimitMb', () => {
  it.each([
    // No local dataset (Sanity): Node's own limit.
    { bytes: null, limit: null },
    { bytes: 0, limit: 512 },
    // The bench's 10,000 items: 17 MB on disk, 125 MB alive at the end of a build.
    { bytes: 17 * MB, limit: 716 },
    // 100,000 items.
    { bytes: 170 * MB, limit: 2552 },
  ])('$bytes bytes → $limit MB', ({ bytes, limit }) => {
    expect(buildHeapLimitMb(bytes)).toBe(limit);
  });
});

describe('HEAP_LIMIT_ERROR', () => {
  it.each([
    { line: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory', matches: true },
    { line: '[build] Error: Cannot find module', matches: false },
  ])('$line', ({ line, matches }) => {
    expect(HEAP_LIMIT_ERROR.test(line)).toBe(matches);
  });
});
