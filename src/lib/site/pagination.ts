/**
 * Which page numbers a pager shows: the first, the last, and a window around
 * the current page, with `null` for a gap. Keeps a 50-page archive month's
 * pager short.
 */
export function pageWindow(page: number, pages: number, radius = 2): (number | null)[] {
  const shown = new Set<number>([1, pages]);
  for (let offset = -radius; offset <= radius; offset++) {
    const number = page + offset;
    if (number >= 1 && number <= pages) shown.add(number);
  }
  const sorted = [...shown].filter((number) => number >= 1).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const number of sorted) {
    const previous = out[out.length - 1];
    if (typeof previous === 'number' && number - previous > 1) out.push(number - previous === 2 ? number - 1 : null);
    out.push(number);
  }
  return out;
}
