import { describe, expect, it } from 'vitest';
import { foldSmallUnits, OTHER_UNITS } from './fold-small-units.js';
import { isIsoWeek, isoWeekBefore, isoWeekOf, isoWeekPeriod } from './iso-week.js';

describe('ISO weeks in a time zone', () => {
  it('runs from Monday 00:00 to Monday 00:00 local time', () => {
    expect(isoWeekPeriod('2026-W47', 'UTC')).toEqual({
      start: new Date('2026-11-16T00:00:00Z'),
      end: new Date('2026-11-23T00:00:00Z'),
    });
    expect(isoWeekPeriod('2026-W47', 'Europe/Paris').start).toEqual(new Date('2026-11-15T23:00:00Z'));
  });

  it('spans 167 hours over the spring DST change', () => {
    const { start, end } = isoWeekPeriod('2026-W13', 'Europe/Paris');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(167);
  });

  it('names the week of an instant, including year edges', () => {
    expect(isoWeekOf(new Date('2026-11-23T06:00:00Z'), 'UTC')).toBe('2026-W48');
    expect(isoWeekOf(new Date('2026-11-22T23:30:00Z'), 'Europe/Paris')).toBe('2026-W48');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(isoWeekBefore('2027-W01', 'UTC')).toBe('2026-W53');
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2025-W53')).toBe(false);
    expect(isIsoWeek('2026-47')).toBe(false);
  });
});

describe('foldSmallUnits', () => {
  it('sums units under the floor into Other units', () => {
    const rows = [
      { unit: 'sales', activeMembers: 8, adoptions: 3 },
      { unit: 'tiny', activeMembers: 3, adoptions: 2 },
      { unit: 'small', activeMembers: 1, adoptions: 1 },
    ];
    expect(foldSmallUnits(rows, 5)).toEqual([
      { unit: 'sales', activeMembers: 8, adoptions: 3 },
      { unit: OTHER_UNITS, activeMembers: 4, adoptions: 3 },
    ]);
  });
});
