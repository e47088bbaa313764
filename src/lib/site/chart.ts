import type { SiteItem } from './model.ts';

// The monitoring chart: items per cluster task × region over months, drawn at
// build time as one static SVG (no chart JavaScript). Pure: counts in, markup out.

export type MonthKey = string; // YYYY-MM

/** Every month from the first to the last key, gaps included, so the x axis is even. */
export function monthRange(keys: Iterable<MonthKey>): MonthKey[] {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return [];
  const [firstYear, firstMonth] = sorted[0]!.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = sorted[sorted.length - 1]!.split('-').map(Number) as [number, number];
  const out: MonthKey[] = [];
  for (let year = firstYear, month = firstMonth; year < lastYear || (year === lastYear && month <= lastMonth); ) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

export type Counts = {
  months: MonthKey[];
  /** counts[task][region][monthIndex] */
  cells: Map<string, Map<string, number[]>>;
  max: number;
  totals: Map<string, Map<string, number>>;
};

export function countByTaskRegionMonth(items: readonly SiteItem[], taskIds: readonly string[], regionIds: readonly string[]): Counts {
  const months = monthRange(items.map((item) => item.month));
  const monthIndex = new Map(months.map((month, index) => [month, index]));
  const cells = new Map<string, Map<string, number[]>>();
  const totals = new Map<string, Map<string, number>>();
  for (const task of taskIds) {
    cells.set(task, new Map(regionIds.map((region) => [region, months.map(() => 0)])));
    totals.set(task, new Map(regionIds.map((region) => [region, 0])));
  }
  let max = 0;
  for (const item of items) {
    const index = monthIndex.get(item.month);
    if (index === undefined) continue;
    for (const task of item.tasks) {
      for (const region of item.regions) {
        const series = cells.get(task.id)?.get(region.id);
        if (!series) continue;
        series[index] = (series[index] ?? 0) + 1;
        max = Math.max(max, series[index]!);
        const row = totals.get(task.id)!;
        row.set(region.id, (row.get(region.id) ?? 0) + 1);
      }
    }
  }
  return { months, cells, max, totals };
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Breaks a label into lines of at most `width` characters at spaces (long words stay whole). */
export function wrapLabel(text: string, width: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

export type ChartLabels = {
  title: string;
  description: string;
  tasks: { id: string; label: string }[];
  regions: { id: string; label: string }[];
  /** Month keys to a display name for bar tooltips. */
  monthName: (key: MonthKey) => string;
  lang: string;
};

/**
 * Small multiples: a row per task, a column per region, one bar per month in
 * each cell, all on one scale so cells compare. `<title>`/`<desc>` name the
 * chart for assistive technology; the page gives the numbers as a table too.
 */
export function monitoringSvg(counts: Counts, labels: ChartLabels): string {
  const labelWidth = 270;
  const cellWidth = 120;
  const cellHeight = 44;
  const headHeight = 64;
  const gap = 8;
  const width = labelWidth + labels.regions.length * cellWidth;
  const height = headHeight + labels.tasks.length * cellHeight + 4;
  const monthCount = Math.max(1, counts.months.length);
  const barSlot = (cellWidth - gap * 2) / monthCount;
  const barWidth = Math.max(1, barSlot * 0.75);
  const scale = counts.max > 0 ? (cellHeight - 12) / counts.max : 0;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" lang="${escapeXml(labels.lang)}">`,
    `<title id="chart-title">${escapeXml(labels.title)}</title>`,
    `<desc id="chart-desc">${escapeXml(labels.description)}</desc>`,
    `<g font-family="system-ui, sans-serif" font-size="12" fill="#1b1f24">`,
  );
  labels.regions.forEach((region, column) => {
    const x = labelWidth + column * cellWidth + cellWidth / 2;
    const lines = wrapLabel(region.label, 15, 3);
    lines.forEach((line, index) => {
      out.push(`<text x="${x}" y="${headHeight - 8 - (lines.length - 1 - index) * 14}" text-anchor="middle" font-weight="600">${escapeXml(line)}</text>`);
    });
  });
  labels.tasks.forEach((task, row) => {
    const top = headHeight + row * cellHeight;
    const lines = wrapLabel(task.label, 32);
    lines.forEach((line, index) => {
      out.push(`<text x="${labelWidth - 10}" y="${top + cellHeight / 2 + 4 - ((lines.length - 1) * 7) + index * 14}" text-anchor="end">${escapeXml(line)}</text>`);
    });
    labels.regions.forEach((region, column) => {
      const left = labelWidth + column * cellWidth;
      out.push(`<rect x="${left + 2}" y="${top + 2}" width="${cellWidth - 4}" height="${cellHeight - 4}" fill="${row % 2 === 0 ? '#f4f6f9' : '#eceff3'}"/>`);
      out.push(`<line x1="${left + gap}" x2="${left + cellWidth - gap}" y1="${top + cellHeight - 4}" y2="${top + cellHeight - 4}" stroke="#8a94a3" stroke-width="1"/>`);
      const series = counts.cells.get(task.id)?.get(region.id) ?? [];
      series.forEach((value, index) => {
        if (value === 0) return;
        const barHeight = Math.max(1.5, value * scale);
        const x = left + gap + index * barSlot + (barSlot - barWidth) / 2;
        const y = top + cellHeight - 4 - barHeight;
        out.push(
          `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="#0f3d5e"><title>${escapeXml(`${task.label} — ${region.label} — ${labels.monthName(counts.months[index]!)}: ${value}`)}</title></rect>`,
        );
      });
    });
  });
  out.push('</g></svg>');
  return out.join('');
}
