/**
 * ISO weeks in a time zone: a report's week runs from Monday 00:00 to the next Monday 00:00 local time
 * (REPORT_TZ), which is 167, 168 or 169 hours when daylight saving time changes within it.
 */

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** Offset of `tz` from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant of local midnight starting a calendar date in a time zone. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even when midnight falls next to a DST change.
  let instant = guess - zoneOffsetMs(new Date(guess), timeZone);
  instant = guess - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The calendar date (y, m, d) of an instant in a time zone. */
function localDate(at: Date, timeZone: string): { year: number; month: number; day: number } {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .split('-')
    .map(Number) as [number, number, number];
  return { year, month, day };
}

export function isIsoWeek(value: string): boolean {
  const match = ISO_WEEK.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInIsoYear(Number(match[1]));
}

function weeksInIsoYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOfDate(Date.UTC(year, 11, 28)).week;
}

function isoWeekOfDate(utcMidnight: number): { year: number; week: number } {
  const date = new Date(utcMidnight);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(utcMidnight + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return { year, week };
}

/** The ISO week ("2026-W47") an instant falls in, in a time zone. */
export function isoWeekOf(at: Date, timeZone: string): string {
  const { year, month, day } = localDate(at, timeZone);
  const { year: weekYear, week } = isoWeekOfDate(Date.UTC(year, month - 1, day));
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** Start (Monday 00:00 local) and end (the next Monday 00:00 local, exclusive) of an ISO week. */
export function isoWeekPeriod(isoWeek: string, timeZone: string): { start: Date; end: Date } {
  const match = ISO_WEEK.exec(isoWeek);
  if (!match || !isIsoWeek(isoWeek)) throw new RangeError(`Not an ISO week: ${isoWeek}`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  // Week 1 holds 4 January; its Monday starts the ISO year.
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000;
  const startDate = new Date(monday);
  const endDate = new Date(monday + 7 * 86_400_000);
  return {
    start: localMidnight(
      startDate.getUTCFullYear(),
      startDate.getUTCMonth() + 1,
      startDate.getUTCDate(),
      timeZone,
    ),
    end: localMidnight(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, endDate.getUTCDate(), timeZone),
  };
}

/** The ISO week `n` weeks before another (n = 1: the week before). */
export function isoWeekBefore(isoWeek: string, timeZone: string, n = 1): string {
  const { start } = isoWeekPeriod(isoWeek, timeZone);
  // Noon of a day in the earlier week: safe from DST edges.
  return isoWeekOf(new Date(start.getTime() - n * 7 * 86_400_000 + 12 * 3_600_000), timeZone);
}
