// Feed dates to instants. Feeds write RFC 822 (`Tue, 3 Jan 2006 19:57:00
// +0300`, zones like `GMT`, `EST`), ISO 8601 / W3C-DTF (`dc:date`, Atom), and
// Russian sites their own forms (`3 января 2006 г. 19:57`, `03 Янв 2006`,
// `03.01.2006 19:57`). The vocabulary (month words, zone names, default
// zones) is data in dates.json. A date that names no zone is read in the
// source's IANA time zone when there is one (sources file, default by region
// in content/taxonomy.json), with that zone's offset at that date (Intl).
import dateData from './dates.json' with { type: 'json' };

const MONTHS = new Map<string, number>();
for (const [month, words] of Object.entries(dateData.months)) {
  for (const word of words) MONTHS.set(word, Number(month));
}
const ZONES: Record<string, number> = dateData.zones;
const NOISE = new Set(dateData.noiseWords);
const CYRILLIC = /[а-яё]/;

export const FUTURE_TOLERANCE_MS = dateData.futureToleranceHours * 3600 * 1000;

/** Minutes east of UTC for `+0300`, `+03:00`, `+03`, `-0500`, or a zone name; undefined when unknown. */
function zoneOffset(zone: string): number | undefined {
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return ZONES[zone.toLowerCase()];
}

function fullYear(year: string): number {
  const value = Number(year);
  if (year.length > 2) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}

/** Minutes east of UTC, or an IANA time zone whose offset depends on the date. */
type Offset = number | string;

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of an IANA time zone at an instant. */
export function timeZoneOffsetMinutes(timeZone: string, instantMs: number): number {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(instantMs);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(value('year'), value('month') - 1, value('day'), value('hour'), value('minute'), value('second'));
  return Math.round((wall - Math.floor(instantMs / 1000) * 1000) / 60_000);
}

/** The instant of a wall-clock time (given as if it were UTC) in `offset`. */
function wallToInstant(wallMs: number, offset: Offset): number {
  if (typeof offset === 'number') return wallMs - offset * 60_000;
  // The zone's offset at the wall time read as UTC is right except within a
  // few hours of a transition; one more step settles it.
  const first = wallMs - timeZoneOffsetMinutes(offset, wallMs) * 60_000;
  return wallMs - timeZoneOffsetMinutes(offset, first) * 60_000;
}

/** A Date from calendar fields, or null when the fields do not make a real date (31 February, 25:00). */
function build(year: number, month: number, day: number, hour: number, minute: number, second: number, offset: Offset): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCDate() !== day || calendar.getUTCMonth() !== month - 1) return null;
  const date = new Date(wallToInstant(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)), offset));
  return Number.isNaN(date.getTime()) ? null : date;
}

const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[t\s]+(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?)?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/;

function parseIso(text: string, timeZone: string | null): Date | null {
  const match = ISO.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, zone] = match;
  const offset = zone === undefined ? (timeZone ?? 0) : zoneOffset(zone);
  if (offset === undefined) return null;
  return build(Number(year), Number(month ?? 1), Number(day ?? 1), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), offset);
}

const TIME = String.raw`(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?`;
const ZONE = String.raw`([+-]\d{2}:?\d{2}|[+-]\d{2}|[a-zа-яё]{1,5})`;
/** [weekday] day month year [time] [zone]: RFC 822 and the Russian word form. */
const DAY_MONTH_YEAR = new RegExp(String.raw`^(?:[a-zа-яё]+\.?\s+)?(\d{1,2})\s+([a-zа-яё]+)\.?\s+(\d{4}|\d{2})(?:\s+${TIME})?(?:\s*${ZONE})?$`);
/** [weekday] month day year [time] [zone]: the US order some feeds use. */
const MONTH_DAY_YEAR = new RegExp(String.raw`^(?:[a-z]+\.?\s+)?([a-z]+)\.?\s+(\d{1,2})\s+(\d{4})(?:\s+${TIME})?(?:\s*${ZONE})?$`);
/** day.month.year [time] [zone]: the numeric form of Russian sites. */
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+${TIME})?(?:\s*${ZONE})?$`);

function cleanWords(text: string): string {
  return text
    .replace(/,/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !NOISE.has(word))
    .join(' ');
}

function parseWords(text: string, timeZone: string | null): Date | null {
  const cleaned = cleanWords(text);
  const timeAndZone = (
    hour: string | undefined,
    minute: string | undefined,
    second: string | undefined,
    zone: string | undefined,
    russian: boolean,
  ): [number, number, number, Offset] | null => {
    const offset =
      zone === undefined
        ? (timeZone ?? (russian ? dateData.defaultOffsetMinutes.russian : dateData.defaultOffsetMinutes.other))
        : zoneOffset(zone);
    if (offset === undefined) {
      // A one-letter military zone or an unknown abbreviation: read as UTC rather than lose the date.
      return [Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), 0];
    }
    return [Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0), offset];
  };

  let match = DAY_MONTH_YEAR.exec(cleaned);
  if (match) {
    const [, day, monthWord, year, hour, minute, second, zone] = match;
    const month = MONTHS.get(monthWord ?? '');
    if (month !== undefined) {
      const time = timeAndZone(hour, minute, second, zone, CYRILLIC.test(monthWord ?? ''));
      if (time) return build(fullYear(year ?? ''), month, Number(day), ...time);
    }
  }
  match = MONTH_DAY_YEAR.exec(cleaned);
  if (match) {
    const [, monthWord, day, year, hour, minute, second, zone] = match;
    const month = MONTHS.get(monthWord ?? '');
    if (month !== undefined) {
      const time = timeAndZone(hour, minute, second, zone, false);
      if (time) return build(Number(year), month, Number(day), ...time);
    }
  }
  match = DOTTED.exec(cleaned);
  if (match) {
    const [, day, month, year, hour, minute, second, zone] = match;
    const time = timeAndZone(hour, minute, second, zone, true);
    if (time) return build(Number(year), Number(month), Number(day), ...time);
  }
  return null;
}

/**
 * The instant a feed date string names, or null when it names none we can
 * read. Never guesses from a bare number or a free-text phrase. A date
 * without a zone is read in `timeZone` (IANA) when given, else as dates.json
 * says (Moscow time for Russian forms, UTC for the others).
 */
export function parseFeedDate(raw: string | null | undefined, timeZone: string | null = null): Date | null {
  if (!raw) return null;
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return null;
  return parseIso(text, timeZone) ?? parseWords(text, timeZone);
}

/**
 * `publishedAt` for an item: the feed's date in ISO 8601 UTC, or `now`
 * flagged as estimated when the feed gives no readable date or one more
 * than the tolerance (dates.json) in the future.
 */
export function publishedAt(
  raw: string | null | undefined,
  now: string,
  timeZone: string | null = null,
): { publishedAt: string; estimated: boolean } {
  const date = parseFeedDate(raw, timeZone);
  const nowMs = Date.parse(now);
  if (date === null || Number.isNaN(nowMs) || date.getTime() > nowMs + FUTURE_TOLERANCE_MS) {
    return { publishedAt: Number.isNaN(nowMs) ? now : new Date(nowMs).toISOString(), estimated: true };
  }
  return { publishedAt: date.toISOString(), estimated: false };
}
