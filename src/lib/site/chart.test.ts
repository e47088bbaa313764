import { describe, expect, it } from 'vitest';
import { countByTaskRegionMonth, monitoringSvg, monthRange, wrapLabel } from './chart.ts';
import type { SiteItem } from './model.ts';

const item = (month: string, tasks: string[], regions: string[]): SiteItem =>
  ({ month, tasks: tasks.map((id) => ({ id })), regions: regions.map((id) => ({ id })) }) as unknown as SiteItem;

describe('monthRange', () => {
  it.each([
    [[], []],
    [['2026-07'], ['2026-07']],
    [['2026-11', '2027-02', '2026-11'], ['2026-11', '2026-12', '2027-01', '2027-02']],
  ])('%j', (keys, expected) => {
    expect(monthRange(keys)).toEqual(expected);
  });
});

describe('countByTaskRegionMonth', () => {
  const counts = countByTaskRegionMonth(
    [item('2026-07', ['a'], ['x']), item('2026-07', ['a', 'b'], ['x', 'y']), item('2026-09', ['a'], ['x']), item('2026-09', ['zzz'], ['x'])],
    ['a', 'b'],
    ['x', 'y'],
  );
  it('counts every task × region pair of each item per month, gaps as zero', () => {
    expect(counts.months).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(counts.cells.get('a')!.get('x')).toEqual([2, 0, 1]);
    expect(counts.cells.get('b')!.get('y')).toEqual([1, 0, 0]);
    expect(counts.max).toBe(2);
    expect(counts.totals.get('a')!.get('x')).toBe(3);
  });

  it('draws one bar per non-zero cell-month, with a title and description', () => {
    const svg = monitoringSvg(counts, {
      title: 'Items <by> task',
      description: 'desc',
      tasks: [{ id: 'a', label: 'Task A' }, { id: 'b', label: 'Task B' }],
      regions: [{ id: 'x', label: 'Region X' }, { id: 'y', label: 'Region Y' }],
      monthName: (key) => key,
      lang: 'en',
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="chart-title">Items &lt;by&gt; task</title>');
    const bars = svg.match(/fill="#0f3d5e"/g) ?? [];
    expect(bars).toHaveLength(5); // a·x in two months; a·y, b·x, b·y in one each
    expect(svg).toContain('Task A — Region X — 2026-07: 2');
  });
});

describe('wrapLabel', () => {
  it.each([
    ['Luhansk People\'s Republic', 18, ['Luhansk People\'s', 'Republic']],
    ['Short', 18, ['Short']],
    ['one two three four five six', 7, ['one two', 'three…']],
  ])('%s', (text, width, expected) => {
    expect(wrapLabel(text, width)).toEqual(expected);
  });
});
