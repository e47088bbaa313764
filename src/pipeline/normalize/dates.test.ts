import { describe, expect, it } from 'vitest';
import { parseFeedDate, publishedAt, timeZoneOffsetMinutes } from './dates.ts';

describe('parseFeedDate', () => {
  it.each([
    // RFC 822 and its variants
    ['Tue, 3 Jan 2006 19:57:00 +0300', '2006-01-03T16:57:00.000Z'],
    ['Tue, 03 Jan 2006 19:57:00 +0300', '2006-01-03T16:57:00.000Z'],
    ['Thu, 23 Jan 2014 09:33:08 +0600', '2014-01-23T03:33:08.000Z'],
    ['Sat, 28 Sep 2002 21:00:02 GMT', '2002-09-28T21:00:02.000Z'],
    ['Mon, 26 Jan 2004 07:15 EST', '2004-01-26T12:15:00.000Z'],
    ['Mon, 26 Jan 2004 07:15:00 PDT', '2004-01-26T14:15:00.000Z'],
    ['26 January 2004 07:15:00 UT', '2004-01-26T07:15:00.000Z'],
    ['Wed, 4 Jan 06 05:45:00 +0300', '2006-01-04T02:45:00.000Z'],
    ['Wed,04 Jan 2006 5:45:00 +03:00', '2006-01-04T02:45:00.000Z'],
    ['  Tue,  3  Jan  2006  19:57:00  +0300 ', '2006-01-03T16:57:00.000Z'],
    ['Sun, 07 Apr 2024 10:00:00 MSK', '2024-04-07T07:00:00.000Z'],
    ['Sun, 07 Apr 2024 10:00:00', '2024-04-07T10:00:00.000Z'],
    ['January 5, 2024 10:00 GMT', '2024-01-05T10:00:00.000Z'],
    // ISO 8601 / W3C-DTF
    ['2003-12-18T17:40:29+03:00', '2003-12-18T14:40:29.000Z'],
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00.123456-05:00', '2024-05-01T15:00:00.000Z'],
    ['2024-05-01 10:00:00', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00+0300', '2024-05-01T07:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05', '2024-05-01T00:00:00.000Z'],
    // Russian, month names in any case form; Moscow time when no zone is given
    ['3 января 2006 г. 19:57', '2006-01-03T16:57:00.000Z'],
    ['03 Янв 2006', '2006-01-02T21:00:00.000Z'],
    ['1 мая 2024', '2024-04-30T21:00:00.000Z'],
    ['1 Май 2024 12:00', '2024-05-01T09:00:00.000Z'],
    ['15 марта 2023 года, 08:30', '2023-03-15T05:30:00.000Z'],
    ['Вт, 3 января 2006 19:57:00 +0300', '2006-01-03T16:57:00.000Z'],
    ['12 СЕНТЯБРЯ 2019 в 10:15', '2019-09-12T07:15:00.000Z'],
    ['28 февраля 2023 23:59 +0500', '2023-02-28T18:59:00.000Z'],
    ['03.01.2006 19:57', '2006-01-03T16:57:00.000Z'],
    ['03.01.2006', '2006-01-02T21:00:00.000Z'],
  ])('%s', (raw, iso) => {
    expect(parseFeedDate(raw)?.toISOString()).toBe(iso);
  });

  it.each([
    [null],
    [''],
    ['   '],
    ['yesterday'],
    ['garbage 12 garbage'],
    ['31 Feb 2024 10:00:00 GMT'],
    ['30 февраля 2024'],
    ['2024-13-01'],
    ['Tue, 3 Foo 2006 19:57:00 +0300'],
    ['2024-05-01T25:61:00Z'],
    ['1714557600'],
  ])('%j has no date', (raw) => {
    expect(parseFeedDate(raw)).toBeNull();
  });
});

describe('parseFeedDate with the source time zone', () => {
  it.each([
    // Chelyabinsk is UTC+5 all year (Asia/Yekaterinburg); it was UTC+6 from 2011 to 2014.
    ['3 января 2006 г. 19:57', 'Asia/Yekaterinburg', '2006-01-03T14:57:00.000Z'],
    ['03.05.2024 10:00', 'Asia/Yekaterinburg', '2024-05-03T05:00:00.000Z'],
    ['2024-05-01 10:00:00', 'Asia/Yekaterinburg', '2024-05-01T05:00:00.000Z'],
    ['Sun, 07 Apr 2024 10:00:00', 'Asia/Yekaterinburg', '2024-04-07T05:00:00.000Z'],
    ['15.06.2012 12:00', 'Asia/Yekaterinburg', '2012-06-15T06:00:00.000Z'],
    // Moscow time was UTC+4 from 2011 to 2014, UTC+3 before and since.
    ['15.06.2012 12:00', 'Europe/Moscow', '2012-06-15T08:00:00.000Z'],
    ['1 мая 2024', 'Europe/Moscow', '2024-04-30T21:00:00.000Z'],
    // Minsk: UTC+2 with summer time until 2011, UTC+3 since.
    ['2010-07-01T12:00', 'Europe/Minsk', '2010-07-01T09:00:00.000Z'],
    ['2010-01-15T12:00', 'Europe/Minsk', '2010-01-15T10:00:00.000Z'],
    ['2024-01-15T12:00', 'Europe/Minsk', '2024-01-15T09:00:00.000Z'],
    // A zone in the date wins over the source's.
    ['Sun, 07 Apr 2024 10:00:00 +0300', 'Asia/Yekaterinburg', '2024-04-07T07:00:00.000Z'],
    ['2024-05-01T10:00:00Z', 'Asia/Yekaterinburg', '2024-05-01T10:00:00.000Z'],
    ['28 февраля 2023 23:59 MSK', 'Europe/Minsk', '2023-02-28T20:59:00.000Z'],
  ])('%s in %s', (raw, timeZone, iso) => {
    expect(parseFeedDate(raw, timeZone)?.toISOString()).toBe(iso);
  });

  // Whatever the zone and the season, the instant shows in that zone (per Intl) as the wall time the feed wrote.
  const wallTime = (instant: Date, timeZone: string) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(instant)
      .replace(' ', 'T');
  it.each(
    ['Europe/Moscow', 'Asia/Yekaterinburg', 'Europe/Minsk', 'Europe/Berlin', 'America/New_York'].flatMap((timeZone) =>
      ['2009-01-10T08:15', '2009-07-10T23:45', '2013-03-31T12:00', '2024-10-27T04:30', '2026-11-17T09:00'].map((wall) => [timeZone, wall]),
    ),
  )('%s: %s round-trips through Intl', (timeZone, wall) => {
    const instant = parseFeedDate(wall, timeZone)!;
    expect(wallTime(instant, timeZone)).toBe(wall);
    expect(timeZoneOffsetMinutes(timeZone, instant.getTime())).toBe(Math.round((Date.parse(`${wall}Z`) - instant.getTime()) / 60_000));
  });
});

describe('publishedAt', () => {
  const now = '2024-05-01T12:00:00.000Z';
  it.each([
    ['a readable date', 'Wed, 01 May 2024 10:00:00 GMT', '2024-05-01T10:00:00.000Z', false],
    ['no date: now, estimated', null, now, true],
    ['garbage: now, estimated', 'sometime', now, true],
    ['within two days ahead (clock skew): kept', '2024-05-02T12:00:00Z', '2024-05-02T12:00:00.000Z', false],
    ['more than two days ahead: clamped to now, estimated', '2024-05-04T12:00:00Z', now, true],
    ['far future: clamped', '2099-01-01T00:00:00Z', now, true],
  ])('%s', (_name, raw, iso, estimated) => {
    expect(publishedAt(raw, now)).toEqual({ publishedAt: iso, estimated });
  });
});
